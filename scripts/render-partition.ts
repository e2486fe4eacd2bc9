// Renders one synthetic demo town split four ways, as SVG pictures for docs/partition.md:
// by count (equal area), balanced by a load of weighted points, balanced along cut lines
// (roads), and regular hex cells. Deterministic (fixed seeds); synthetic data only.
//
//   npx tsx scripts/render-partition.ts [--town 610902001] [--out docs/img]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { FeatureCollection, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { mulberry32, partitionQuality, regularGrid, splitArea, type LoadPoint } from '@citygrid/core';

const ROOT = resolve(import.meta.dirname, '..');
const WIDTH = 520; // px; the height follows the town's shape
const PAD = 12;
const HEADER = 40; // two lines of text above the map

const { values } = parseArgs({
  options: {
    town: { type: 'string', default: '610902001' },
    out: { type: 'string', default: 'docs/img' },
    count: { type: 'string', default: '15' },
  },
});
const towns = JSON.parse(readFileSync(resolve(ROOT, 'data/demo/towns.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
const town = towns.features.find((f) => String(f.properties?.id) === values.town);
if (!town) throw new Error(`--town ${values.town}: not in data/demo/towns.geojson`);
const area = town.geometry;
const count = Number(values.count);
const box = bbox(area);

// A load with three hot spots (a market, a station, an old street) over a thin background.
const rng = mulberry32(7);
const spots: Array<[number, number, number]> = [
  [0.35, 0.55, 0.004],
  [0.62, 0.4, 0.003],
  [0.5, 0.7, 0.002],
];
const points: LoadPoint[] = [];
for (let i = 0; i < 6000; i++) {
  const [fx, fy, sigma] = i < 1500 ? [rng(), rng(), 0] : spots[i % spots.length];
  const g = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const lon = sigma ? box[0] + fx * (box[2] - box[0]) + g() * sigma : box[0] + fx * (box[2] - box[0]);
  const lat = sigma ? box[1] + fy * (box[3] - box[1]) + g() * sigma : box[1] + fy * (box[3] - box[1]);
  points.push({ lon, lat, weight: 1 });
}
// Two roads crossing the town.
const roads: LineString[] = [
  {
    type: 'LineString',
    coordinates: [
      [box[0] - 0.01, box[1] + 0.45 * (box[3] - box[1])],
      [box[2] + 0.01, box[1] + 0.55 * (box[3] - box[1])],
    ],
  },
  {
    type: 'LineString',
    coordinates: [
      [box[0] + 0.5 * (box[2] - box[0]), box[1] - 0.01],
      [box[0] + 0.45 * (box[2] - box[0]), box[3] + 0.01],
    ],
  },
];

const renders: Array<{ file: string; title: string; grids: Array<Polygon | MultiPolygon>; dots?: LoadPoint[]; lines?: LineString[] }> = [
  { file: 'partition-count.svg', title: `by count: ${count} grids of equal area`, grids: splitArea(area, { count, seed: 1 }) },
  {
    file: 'partition-load.svg',
    title: `balanced by load: ${count} grids, equal report load`,
    grids: splitArea(area, { count, seed: 1, points }),
    dots: points,
  },
  {
    file: 'partition-roads.svg',
    title: `balanced by load along two roads`,
    grids: splitArea(area, { count, seed: 1, points, cutLines: roads }),
    dots: points,
    lines: roads,
  },
  {
    file: 'partition-hex.svg',
    title: 'regular hex cells, 400 m edges',
    grids: regularGrid(area, { shape: 'hex', size_m: 400 }).features.map((f) => f.geometry),
  },
];

const out = resolve(ROOT, values.out!);
mkdirSync(out, { recursive: true });
for (const r of renders) {
  const q = partitionQuality(r.grids, { weights: points });
  writeFileSync(resolve(out, r.file), svg(r.title, r.grids, q, r.dots, r.lines));
  console.log(`${r.file}: ${r.grids.length} grids, ${summary(q)}`);
}

type Quality = ReturnType<typeof partitionQuality>;

function summary(q: Quality): string {
  return `Polsby–Popper ${q.compactness.mean.toFixed(2)}, area max/mean ${q.area.maxOverMean.toFixed(2)}, load max/mean ${q.load!.maxOverMean.toFixed(2)}`;
}

function svg(title: string, grids: Array<Polygon | MultiPolygon>, q: Quality, dots?: LoadPoint[], lines?: LineString[]): string {
  const kx = Math.cos(((box[1] + box[3]) / 2) * (Math.PI / 180));
  const scale = (WIDTH - 2 * PAD) / ((box[2] - box[0]) * kx);
  const height = Math.ceil((box[3] - box[1]) * scale + 2 * PAD + HEADER);
  const xy = (p: Position) => `${(PAD + (p[0] - box[0]) * kx * scale).toFixed(1)},${(PAD + HEADER + (box[3] - p[1]) * scale).toFixed(1)}`;
  const path = (g: Polygon | MultiPolygon) =>
    (g.type === 'Polygon' ? [g.coordinates] : g.coordinates)
      .map((rings) => rings.map((ring) => `M${ring.map(xy).join('L')}Z`).join(''))
      .join('');
  const palette = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
  const body = [
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${PAD}" y="18" font-family="sans-serif" font-size="14" fill="#222">${escapeXml(title)}</text>`,
    `<text x="${PAD}" y="36" font-family="sans-serif" font-size="12" fill="#555">${escapeXml(summary(q))}</text>`,
    ...grids.map(
      (g, i) =>
        `<path d="${path(g)}" fill="${palette[i % palette.length]}" fill-opacity="0.35" stroke="#333" stroke-width="0.8" fill-rule="evenodd"/>`,
    ),
    `<path d="${path(area)}" fill="none" stroke="#000" stroke-width="1.6" fill-rule="evenodd"/>`,
    ...(lines ?? []).map(
      (l) => `<path d="M${l.coordinates.map(xy).join('L')}" fill="none" stroke="#c00" stroke-width="2" stroke-dasharray="6 3"/>`,
    ),
    ...(dots ?? [])
      .filter((_, i) => i % 4 === 0)
      .map((p) => {
        const [x, y] = xy([p.lon, p.lat]).split(',');
        return `<circle cx="${x}" cy="${y}" r="0.9" fill="#222" fill-opacity="0.5"/>`;
      }),
  ];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">\n${body.join('\n')}\n</svg>\n`;
}

function bbox(g: Polygon | MultiPolygon): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const rings of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) {
    for (const [x, y] of rings[0]) {
      b[0] = Math.min(b[0], x);
      b[1] = Math.min(b[1], y);
      b[2] = Math.max(b[2], x);
      b[3] = Math.max(b[3], y);
    }
  }
  return b;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
