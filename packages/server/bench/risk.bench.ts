// Risk per grid (GET /api/risk) on the demo: 91 grids, 200,000 synthetic reports and the year
// of synthetic cases `citygrid serve --demo hanbin` loads, through the HTTP app (inject). The
// first answer replays the case log's overdue spans (cold); later ones reuse them until the log
// changes (warm). Prints each level's share for the demo month, to show the spread.
//
//   pnpm bench risk [--reports 200000] [--reps 5] [--seed 1] [--db file]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, UNCHECKED } from '../src/index.ts';
import type { RiskAnswer } from '../src/risk/risk-schemas.ts';
import { machineFacts, sig, stats } from '../../core/bench/harness.ts';
import { generateCases, toImportLine } from '../../../scripts/demo/synthetic-cases.ts';
import { generateReports } from '../../../scripts/demo/synthetic-reports.ts';
import { activityZones } from '../../../scripts/demo/synthetic-district.ts';
import { benchFlags, demoStore } from './demo-store.ts';

const flags = benchFlags();
const count = process.argv.includes('--reports') ? flags.count : 200_000;
console.log(machineFacts());
const { store, gridsFc, towns, district, remove } = await demoStore({ ...flags, count });
await store.replaceProfile(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../data/profiles/hanbin.json'), 'utf8')));
// The same reports demoStore stored (same seed), for the cases built over them.
const reports = generateReports({
  grids: gridsFc,
  zones: activityZones(towns, flags.seed),
  district: district.features[0],
  seed: flags.seed,
  count,
});
let t0 = performance.now();
const cases = generateCases({ reports, grids: gridsFc, profile: store.profiles.current().profile, seed: flags.seed });
await store.cases.importCases(cases.map(toImportLine).join('\n'), UNCHECKED);
console.log(`${cases.length.toLocaleString('en-US')} cases imported in ${sig((performance.now() - t0) / 1000)} s`);
const app = await build({ store, auth: false, rateLimit: false });
try {
  for (const period of ['2026-11', '2026-Q3', '2026-W40']) {
    t0 = performance.now();
    const first = await app.inject({ url: `/api/risk?period=${period}` });
    if (first.statusCode !== 200) throw new Error(`${period}: ${first.statusCode} ${first.body.slice(0, 200)}`);
    const cold = performance.now() - t0;
    const times: number[] = [];
    for (let i = 0; i < flags.reps; i++) {
      t0 = performance.now();
      await app.inject({ url: `/api/risk?period=${period}` });
      times.push(performance.now() - t0);
    }
    const s = stats(times);
    const answer = first.json() as RiskAnswer;
    const spread = answer.levels.map((l) => `${l.name} ${answer.grids.filter((g) => g.level === l.code).length}`).join(' · ');
    console.log(`${period.padEnd(9)} first ${sig(cold)} ms, then ${sig(s.mean)} ± ${sig(s.std)} ms (min ${sig(s.min)}); ${spread}`);
  }
} finally {
  await app.close();
  await store.close();
  remove();
}
