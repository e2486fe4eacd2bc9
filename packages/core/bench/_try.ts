import { voronoiTiling } from '../test/support/voronoi-tiling.ts';
import { ellipsoidalArea } from '../src/index.ts';
const runs: Array<[number, number]> = [[10000, 2], [10000, 3], [10000, 4], [30000, 5], [100000, 1]];
for (const [n, seed] of runs) {
  const fc = voronoiTiling({ grids: n, seed });
  const ids = new Map<string, number>();
  const vid = (p: number[]) => { const k = `${p[0]},${p[1]}`; let v = ids.get(k); if (v === undefined) ids.set(k, v = ids.size); return v; };
  const edges = new Map<number, number>();
  const rings: number[][] = [];
  for (const f of fc.features) for (const r of (f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat())) rings.push(r.map(vid));
  const N = ids.size;
  const coords: number[][] = [];
  for (const k of ids.keys()) coords.push(k.split(',').map(Number));
  for (const r of rings) for (let i = 0; i + 1 < r.length; i++) { const e = r[i] * N + r[i + 1]; edges.set(e, (edges.get(e) ?? 0) + 1); }
  let bad = 0;
  for (const [e, c] of edges) {
    const a = Math.floor(e / N), b = e % N;
    const tw = edges.get(b * N + a) ?? 0;
    const [ax, ay] = coords[a], [bx, by] = coords[b];
    const border = (ax === bx && (ax === 109 || ax === 109.5)) || (ay === by && (ay === 32.7 || ay === 33.2));
    if (c !== 1 || tw !== (border ? 0 : 1)) bad++;
  }
  const sum = fc.features.reduce((s, f) => s + ellipsoidalArea(f.geometry), 0);
  const box = ellipsoidalArea({ type: 'Polygon', coordinates: [[[109, 32.7], [109.5, 32.7], [109.5, 33.2], [109, 33.2], [109, 32.7]]] });
  console.log(n, seed, 'bad', bad, 'area rel', (sum - box) / box);
}
