import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createRouter, mulberry32, parseGrids, routerFromIndex, routerIndex, type GridSet } from '../../src/index.ts';
import { voronoiTiling } from '../support/voronoi-tiling.ts';

function gridSetOf(grids: number, seed = 3): GridSet {
  const r = parseGrids(voronoiTiling({ grids, seed }));
  if (!r.ok) throw new Error(r.problems[0].message);
  // Half the grids under a town, so paths are not all empty.
  const withParents = r.gridSet.grids.map((g, i) => (i % 2 ? { ...g, parent: 'T1' } : g));
  return { ...r.gridSet, grids: withParents, byId: new Map(withParents.map((g) => [g.id, g])) };
}

/** `value` as another thread receives it (structured clone through a port). */
function posted<T>(value: T): T {
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(value);
  const received = receiveMessageOnPort(port2)!.message as T;
  port1.close();
  return received;
}

const HIERARCHY = [
  { id: 'T1', name: 'Town 1', level: 3, parent: 'D1' },
  { id: 'D1', name: 'District', level: 2, parent: null },
];

describe('routerFromIndex', () => {
  it('a router over a posted index answers what createRouter answers: route with paths and nearest, nearby, routeBatch', () => {
    const gridSet = gridSetOf(300);
    const options = { hierarchy: HIERARCHY, maxDistance: 400 };
    const built = createRouter(gridSet, options);
    const router = routerFromIndex(gridSet, posted(routerIndex(createRouter(gridSet))), options);
    const rng = mulberry32(11);
    const box = gridSet.grids.reduce(
      (b, g) => [Math.min(b[0], g.bbox[0]), Math.min(b[1], g.bbox[1]), Math.max(b[2], g.bbox[2]), Math.max(b[3], g.bbox[3])],
      [Infinity, Infinity, -Infinity, -Infinity],
    );
    const coords = new Float64Array(2 * 5000);
    for (let i = 0; i < coords.length; i += 2) {
      coords[i] = box[0] + (box[2] - box[0]) * (1.1 * rng() - 0.05);
      coords[i + 1] = box[1] + (box[3] - box[1]) * (1.1 * rng() - 0.05);
    }
    expect(router.routeBatch(coords)).toEqual(built.routeBatch(coords));
    const matches = new Set<string>();
    let withPath = 0;
    for (let i = 0; i < coords.length; i += 2) {
      const want = built.route(coords[i], coords[i + 1]);
      expect(router.route(coords[i], coords[i + 1])).toEqual(want);
      matches.add(want.match);
      if (want.path.length === 2) withPath++;
      if (i < 400) expect(router.nearby(coords[i], coords[i + 1], 300)).toEqual(built.nearby(coords[i], coords[i + 1], 300));
    }
    expect([...matches].sort()).toEqual(['inside', 'nearest', 'outside']);
    expect(withPath).toBeGreaterThan(1000);
    expect(router.overlaps()).toEqual(built.overlaps());
    // Its own index is the one it was given: posting it again shares, copies nothing.
    expect(routerIndex(router).table.cells.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('refuses an index of another grid set', () => {
    const index = routerIndex(createRouter(gridSetOf(50)));
    expect(() => routerFromIndex(gridSetOf(40), index)).toThrow(/grid set/);
    expect(() => routerFromIndex(gridSetOf(60), index)).toThrow(/grid set|no part/);
  });
});
