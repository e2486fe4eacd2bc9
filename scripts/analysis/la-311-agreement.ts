/**
 * How far `citygrid route` agrees with the City of Los Angeles' own area label on 37,128 real
 * 311 reports, and why it disagrees where it does. Reads ../shared/data-external/la-311 in
 * place (not ours to redistribute). Run: npx tsx scripts/analysis/la-311-agreement.ts
 */
import { readFileSync } from 'node:fs';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { parse } from 'csv-parse/sync';
import { createRouter, parseGrids } from '@citygrid/core';
import { externalFile, missingExternalReason } from '../external-data.ts';

const areasFile = externalFile('la-311/areas.geojson');
const reportsFile = externalFile('la-311/reports.csv');
if (!areasFile || !reportsFile) {
  console.error(missingExternalReason('la-311/'));
  process.exit(2);
}
const parsed = parseGrids(readFileSync(areasFile, 'utf8'), { idField: 'area_id' });
if (!parsed.ok) throw new Error(parsed.problems[0].message);
const gridSet = parsed.gridSet;
// --max-distance m: GPS slack at the city's edge, as `citygrid route --max-distance`.
const flag = process.argv.indexOf('--max-distance');
const maxDistance = flag > 0 ? Number(process.argv[flag + 1]) : 0;
const router = createRouter(gridSet, { maxDistance });
const rows = parse(readFileSync(reportsFile), { columns: true }) as Array<{ lon: string; lat: string; truth_area: string }>;

const SEARCH_M = 5000;
const reasons = new Map<string, number>();
const count = (reason: string) => reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
let labelled = 0;
let agree = 0;
for (const row of rows) {
  if (!row.truth_area) continue;
  labelled++;
  const [x, y] = [Number(row.lon), Number(row.lat)];
  const r = router.route(x, y);
  if (r.grid?.id === row.truth_area) {
    agree++;
    continue;
  }
  const truth = gridSet.byId.get(row.truth_area);
  if (!truth) {
    count('label names an area missing from the 2020 boundary file');
    continue;
  }
  if (r.grid && booleanPointInPolygon([x, y], truth.geometry)) {
    count('inside an overlap of two source areas; the rule gave it to the smaller id');
    continue;
  }
  const d = router.nearby(x, y, SEARCH_M).find((n) => n.grid.id === truth.id)?.distance_m ?? Infinity;
  const where = r.grid ? 'inside another area' : 'outside every area';
  const band = d <= 10 ? '≤ 10 m' : d <= 100 ? '10–100 m' : d <= 1000 ? '100 m–1 km' : d <= SEARCH_M ? '1–5 km' : '> 5 km';
  count(`${where}, ${band} from the labelled area`);
}

const pct = (n: number) => `${((100 * n) / labelled).toFixed(2)} %`;
console.log(
  `LA 311: ${rows.length} reports, ${labelled} with the city's area label, ${gridSet.grids.length} areas, ${router.overlaps().length} overlapping pairs, --max-distance ${maxDistance} m`,
);
console.log(`agree: ${agree} (${pct(agree)})   disagree: ${labelled - agree} (${pct(labelled - agree)})\n`);
console.log('| why the router and the city disagree | reports | share of labelled |');
console.log('|---|---:|---:|');
for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1])) console.log(`| ${reason} | ${n} | ${pct(n)} |`);
