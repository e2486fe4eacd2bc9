import { CitygridError } from '../errors.ts';
import { indexBuffer } from './arena.ts';
import type { GridSet } from '../types.ts';
import { indexes, locatorOver, routerOver, type Router, type RouterIndex, type RouterOptions } from './create-router.ts';

export type { RouterIndex } from './create-router.ts';

/** The allocation-free half of a {@link Router}: grid indexes of points, no grids, no paths. */
export type Locator = Pick<Router, 'locate' | 'routeBatch'>;

// Per router, its index with every array in shared memory: made once, posted many times.
const shared = new WeakMap<Router, RouterIndex>();

/**
 * A router's index as plain data whose typed arrays all live in SharedArrayBuffers, so that
 * posting it to a worker thread shares the memory instead of copying it and the worker gets a
 * {@link Locator} from {@link locatorFromIndex} without building anything. The big arrays are
 * already shared (arena.ts); the few small ones that are not are copied once per router.
 * Where the runtime has no SharedArrayBuffer the arrays are plain and a post copies them.
 * @example worker.postMessage({ index: routerIndex(router), coords }) // then locatorFromIndex(index).routeBatch(coords)
 */
export function routerIndex(router: Router): RouterIndex {
  const kept = shared.get(router);
  if (kept) return kept;
  const index = indexes.get(router);
  if (!index) throw CitygridError.of('CG_ERR_OPTION', {}, 'routerIndex takes a router made by createRouter');
  const { flat, stripes, table } = index;
  const made: RouterIndex = {
    ...index,
    flat: { ...flat, ...sharedArrays(flat) },
    stripes: { ...stripes, ...sharedArrays(stripes) },
    table: { ...table, ...sharedArrays(table) },
  };
  shared.set(router, made);
  return made;
}

/**
 * `locate` and `routeBatch` over an index from {@link routerIndex} (posted from another
 * thread): the same code and arrays as the router's own, so the same answers bit for bit.
 * Costs a few closures; nothing is copied or built.
 * @example locatorFromIndex(index).routeBatch(new Float64Array([109.03, 32.69])) // Int32Array [17]
 */
export function locatorFromIndex(index: RouterIndex): Locator {
  return locatorOver(index);
}

/**
 * A whole {@link Router} (route with paths and nearest, nearby, overlaps) over an index from
 * {@link routerIndex}, made on another thread: a server builds the index on a worker (~300 ms
 * at 10k grids) and here only ranks the grids by id and climbs their hierarchy paths. The
 * index must be of `gridSet.grids` in the same order (checked: one part per grid at least,
 * no part of a grid beyond them); its crs is the index's. Answers as createRouter's, bit for bit.
 * @example const router = routerFromIndex(gridSet, await pool.run('buildIndex', …), { maxDistance: 1000 });
 */
export function routerFromIndex(
  gridSet: GridSet,
  index: RouterIndex,
  options: Pick<RouterOptions, 'hierarchy' | 'maxDistance'> = {},
): Router {
  const maxDistance = options.maxDistance ?? 0;
  if (!(maxDistance >= 0)) throw CitygridError.of('CG_ERR_OPTION', {}, `maxDistance must be ≥ 0 metres, got ${options.maxDistance}`);
  const partGrid = index.flat.partGrid;
  const grids = gridSet.grids.length;
  const seen = new Uint8Array(grids);
  for (let p = 0; p < index.flat.partCount; p++) {
    if (!(partGrid[p] >= 0 && partGrid[p] < grids))
      throw CitygridError.of(
        'CG_ERR_OPTION',
        {},
        `routerFromIndex: the index has a part of grid ${partGrid[p]}, the grid set ${grids} grids`,
      );
    seen[partGrid[p]] = 1;
  }
  if (seen.includes(0))
    throw CitygridError.of('CG_ERR_OPTION', {}, 'routerFromIndex: the index is not of this grid set (a grid has no part)');
  return routerOver(gridSet, index, { maxDistance, hierarchy: options.hierarchy });
}

/** The typed arrays of `o` that are not in shared memory, copied into it. */
function sharedArrays<T extends object>(o: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(o)) {
    if (!ArrayBuffer.isView(value) || value instanceof DataView) continue;
    if (typeof SharedArrayBuffer === 'function' && value.buffer instanceof SharedArrayBuffer) continue;
    const array = value as unknown as Int32Array;
    const Kind = array.constructor as Int32ArrayConstructor;
    const copy = new Kind(indexBuffer(array.byteLength), 0, array.length);
    copy.set(array);
    out[key] = copy;
  }
  return out as Partial<T>;
}
