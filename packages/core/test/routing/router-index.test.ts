import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createRouter, locatorFromIndex, mulberry32, parseGrids, routerIndex, type GridSet } from '../../src/index.ts';
import { voronoiTiling } from '../support/voronoi-tiling.ts';

function gridSetOf(grids: number): GridSet {
  const r = parseGrids(voronoiTiling({ grids, seed: 3 }));
  if (!r.ok) throw new Error(r.problems[0].message);
  return r.gridSet;
}

/** Random points over the tiling's box and a bit beyond, interleaved lon, lat. */
function points(gridSet: GridSet, n: number): Float64Array {
  const rng = mulberry32(7);
  const box = gridSet.grids.reduce(
    (b, g) => [Math.min(b[0], g.bbox[0]), Math.min(b[1], g.bbox[1]), Math.max(b[2], g.bbox[2]), Math.max(b[3], g.bbox[3])],
    [Infinity, Infinity, -Infinity, -Infinity],
  );
  const coords = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    coords[2 * i] = box[0] + (box[2] - box[0]) * (1.2 * rng() - 0.1);
    coords[2 * i + 1] = box[1] + (box[3] - box[1]) * (1.2 * rng() - 0.1);
  }
  return coords;
}

/** `value` as another thread receives it (structured clone through a port). */
function posted<T>(value: T): T {
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(value);
  const received = receiveMessageOnPort(port2)!.message as T;
  port1.close();
  return received;
}

describe('routerIndex / locatorFromIndex', () => {
  it('a locator rebuilt from a posted index answers what the router answers, on memory shared with it', () => {
    const gridSet = gridSetOf(300);
    // Both routeBatch paths: the plain loop (small index) and the one in table order.
    for (const options of [{}, { _batchSortBytes: 0 }]) {
      const router = createRouter(gridSet, options);
      const index = routerIndex(router);
      expect(routerIndex(router)).toBe(index); // made once per router
      for (const array of [index.flat.coords, index.flat.partGrid, index.stripes.stripeStart, index.stripes.partBase, index.table.cells])
        expect(array.buffer).toBeInstanceOf(SharedArrayBuffer);
      const received = posted(index);
      expect(received.table.cells.buffer).toBeInstanceOf(SharedArrayBuffer);
      const locator = locatorFromIndex(received);
      const coords = points(gridSet, 20_000);
      const want = router.routeBatch(coords);
      expect(locator.routeBatch(coords)).toEqual(want);
      expect(Array.from({ length: 2000 }, (_, i) => locator.locate(coords[2 * i], coords[2 * i + 1]))).toEqual([...want.subarray(0, 2000)]);
      expect(want.some((g) => g < 0) && want.some((g) => g >= 0)).toBe(true);
    }
  });

  it('refuses an object that is not a router from createRouter', () => {
    const router = createRouter(gridSetOf(10));
    expect(() => routerIndex({ ...router })).toThrow(/createRouter/);
  });
});
