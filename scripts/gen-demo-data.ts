import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CitygridError, ellipsoidalArea, parseGrids, routePoint, type Report } from '@citygrid/core';
import { cliError } from './errors.ts';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { runCommand, userPath, type Command } from './commands/command.ts';
import { generateDistrict, type DemoDistrict } from './demo/synthetic-district.ts';
import { generateReports } from './demo/synthetic-reports.ts';
import { geojsonText, reportsCsv } from './demo/write-files.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const genDemoCommand: Command = {
  name: 'gen-demo-data',
  summary: 'Generate the demo city: 汉滨区, its 8 towns, 91 grids and synthetic reports (all seeded).',
  usage: `usage: tsx scripts/gen-demo-data.ts [--seed 1] [--towns file] [--reports n] [--out data/demo]
                                   [--start 2025-12-01] [--months 12]

  --seed n       PRNG seed (an integer): the same seed writes the same files      [1]
  --towns file   split these real town outlines instead of synthetic ones: a GeoJSON
                 FeatureCollection holding the 8 seed towns by "name" (e.g.
                 ../shared/data-external/hanbin/towns.geojson); the district outline is
                 read from district_wgs84.geojson beside it when present
  --reports n    number of synthetic reports (0 for none)                         [200000]
  --out dir      output folder                                                    [data/demo]
  --start date   first day of the reports (YYYY-MM-DD, Beijing time)              [2025-12-01]
  --months n     months of reports                                                [12]

Writes district.geojson, towns.geojson, grids.geojson (WGS84) and reports.csv, then prints
grid counts, areas and reports per town. The grids are balanced on a synthetic report load
(200,000 reports drawn with the same seed), so each grid of a town gets about as many reports. Everything it writes is synthetic except real towns given
with --towns (not ours to redistribute: keep such output out of the repository).
example: npx -y pnpm@10 gen:demo --seed 1`,
  options: {
    seed: { type: 'string' },
    towns: { type: 'string' },
    reports: { type: 'string' },
    out: { type: 'string' },
    start: { type: 'string' },
    months: { type: 'string' },
  },
  async run({ positionals, values }) {
    if (positionals.length) throw usage(`takes no positional arguments, got ${positionals.join(' ')}`);
    const seed = integer(values.seed, 'seed', 1, -(2 ** 31), 2 ** 32 - 1);
    const count = integer(values.reports, 'reports', 200_000, 0, 10_000_000);
    const months = integer(values.months, 'months', 12, 1, 120);
    const start = (values.start as string | undefined) ?? '2025-12-01';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || Number.isNaN(Date.parse(start))) throw usage(`--start ${start}: expected a date YYYY-MM-DD`);
    const out = values.out === undefined ? resolve(ROOT, 'data/demo') : userPath(values.out as string);
    const started = performance.now();
    const demo = await loadAndGenerate(seed, values.towns as string | undefined);
    const generated = performance.now();
    const reports = count
      ? generateReports({ grids: demo.grids, zones: demo.zones, district: demo.district, seed, count, start, months })
      : [];
    const reported = performance.now();
    await mkdir(out, { recursive: true });
    if (demo.district)
      await writeFile(resolve(out, 'district.geojson'), geojsonText({ type: 'FeatureCollection', features: [demo.district] }, 'district'));
    await writeFile(resolve(out, 'towns.geojson'), geojsonText(demo.towns, 'towns'));
    await writeFile(resolve(out, 'grids.geojson'), geojsonText(demo.grids, 'grids'));
    if (count) await writeFile(resolve(out, 'reports.csv'), reportsCsv(reports));
    process.stdout.write(summary(demo, reports, out, { grids: generated - started, reports: reported - generated }));
    return 0;
  },
};

function usage(message: string): CitygridError {
  return CitygridError.of('CG_ERR_USAGE', {}, message);
}

function integer(value: unknown, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^-?\d+$/.test(String(value)) || n < min || n > max)
    throw usage(`--${name} ${value}: expected a whole number from ${min} to ${max}`);
  return n;
}

async function loadAndGenerate(seed: number, townsFile: string | undefined): Promise<DemoDistrict> {
  if (townsFile === undefined) return generateDistrict({ seed });
  const towns = await readCollection(townsFile);
  let demo: DemoDistrict;
  try {
    demo = generateDistrict({ seed, towns });
  } catch (e) {
    if (e instanceof CitygridError) throw e;
    throw usage(`${townsFile}: ${(e as Error).message}`);
  }
  const beside = resolve(dirname(userPath(townsFile)), 'district_wgs84.geojson');
  if (existsSync(beside)) {
    const district = (await readCollection(beside)).features[0] as Feature<Polygon> | undefined;
    if (district)
      demo.district = {
        ...district,
        properties: { ...district.properties, id: '610902', code: '610902', name: '汉滨区', level: 1, parent: null, synthetic: false },
      };
  }
  return demo;
}

async function readCollection(file: string): Promise<FeatureCollection> {
  let text: string;
  try {
    text = await readFile(userPath(file), 'utf8');
  } catch (e) {
    throw cliError('CG_ERR_FILE_NOT_FOUND', {}, `${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw CitygridError.of('CG_ERR_NOT_JSON', {}, `${file}: ${(e as Error).message}`);
  }
  const type = (json as { type?: unknown } | null)?.type;
  if (type !== 'FeatureCollection') throw CitygridError.of('CG_ERR_NOT_FEATURE_COLLECTION', {}, `${String(type)} in ${file}`);
  return json as FeatureCollection;
}

function summary(demo: DemoDistrict, reports: readonly Report[], out: string, ms: { grids: number; reports: number }): string {
  const parsed = parseGrids(demo.grids);
  const routed = new Map<string, number>();
  const perGrid = new Map<string, number>();
  let outside = 0;
  if (parsed.ok) {
    for (const r of reports) {
      const grid = routePoint(parsed.gridSet, r.lon, r.lat);
      if (!grid) {
        outside++;
        continue;
      }
      routed.set(grid.parent!, (routed.get(grid.parent!) ?? 0) + 1);
      perGrid.set(grid.id, (perGrid.get(grid.id) ?? 0) + 1);
    }
  }
  const lines = [
    `wrote ${relative(process.cwd(), out) || '.'}: grids in ${(ms.grids / 1000).toFixed(2)} s, ${reports.length} reports in ${(ms.reports / 1000).toFixed(2)} s`,
  ];
  lines.push('town                code        grids   area km²   mean km²   max/mean   reports   per grid min/max of mean');
  for (const town of demo.towns.features) {
    const p = town.properties!;
    const grids = demo.grids.features.filter((g) => g.properties!.parent === p.code);
    const areas = grids.map((g) => ellipsoidalArea(g.geometry));
    const mean = areas.reduce((a, b) => a + b, 0) / areas.length;
    const counts = grids.map((g) => perGrid.get(String(g.properties!.id)) ?? 0);
    const perMean = counts.reduce((a, b) => a + b, 0) / counts.length;
    const spread = perMean > 0 ? `${(Math.min(...counts) / perMean).toFixed(2)} ${(Math.max(...counts) / perMean).toFixed(2)}` : '';
    lines.push(
      `${String(p.name).padEnd(16 - String(p.name).length)}  ${p.code}  ${String(areas.length).padStart(5)}  ${(ellipsoidalArea(town.geometry) / 1e6).toFixed(2).padStart(9)}  ${(mean / 1e6).toFixed(2).padStart(9)}  ${(Math.max(...areas) / mean).toFixed(2).padStart(9)}  ${String(routed.get(String(p.code)) ?? 0).padStart(8)}   ${spread}`,
    );
  }
  const total = demo.grids.features.reduce((s, g) => s + ellipsoidalArea(g.geometry), 0);
  lines.push(
    `all${' '.repeat(25)}${String(demo.grids.features.length).padStart(5)}  ${(total / 1e6).toFixed(2).padStart(9)}${' '.repeat(33)}${String(reports.length - outside).padStart(8)}`,
  );
  if (reports.length) lines.push(`reports outside every grid: ${outside} (${((100 * outside) / reports.length).toFixed(2)} %)`);
  if (!demo.district)
    lines.push('no district outline (real towns without district_wgs84.geojson beside them): district.geojson not written');
  return lines.join('\n') + '\n';
}

// Run as a script (not when a test imports the command).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await runCommand(genDemoCommand, process.argv.slice(2));
}
