import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { validateCoverage, type CoverageProblem } from '../../src/index.ts';
import { gridSetOf } from './grid-set.ts';

const DIR = resolve(import.meta.dirname, '../fixtures/coverage');

/** What a fixture pins down: everything but the exact geometry (areas to ±0.5 %). */
interface Expected {
  why: string;
  valid: boolean;
  problems: Array<Pick<CoverageProblem, 'kind' | 'grids' | 'area_m2' | 'width_m' | 'sliver' | 'reason'> & { geometry: string }>;
}

function summarise(p: CoverageProblem): Expected['problems'][number] {
  const out: Expected['problems'][number] = { kind: p.kind, grids: p.grids, geometry: p.geometry.type };
  if (p.area_m2 !== undefined) out.area_m2 = Math.round(p.area_m2 * 100) / 100;
  if (p.width_m !== undefined) out.width_m = Math.round(p.width_m * 100) / 100;
  if (p.sliver) out.sliver = true;
  if (p.reason !== undefined && p.kind !== 'edge-mismatch') out.reason = p.reason;
  return out;
}

const cases = readdirSync(DIR)
  .filter((d) => existsSync(join(DIR, d, 'in.geojson')))
  .sort();

describe('validateCoverage fixtures (test/fixtures/coverage/<case>)', () => {
  it.each(cases)('%s', (name) => {
    const input = JSON.parse(readFileSync(join(DIR, name, 'in.geojson'), 'utf8')) as FeatureCollection & { why: string };
    const parentFile = join(DIR, name, 'parent.geojson');
    const parentsFile = join(DIR, name, 'parents.geojson');
    const parent = existsSync(parentFile)
      ? (JSON.parse(readFileSync(parentFile, 'utf8')) as FeatureCollection<Polygon>).features[0]
      : undefined;
    const parents = existsSync(parentsFile) ? gridSetOf(readFileSync(parentsFile, 'utf8')) : undefined;
    const result = validateCoverage(gridSetOf(input), { parent, parents });
    const actual: Expected = { why: input.why, valid: result.valid, problems: result.problems.map(summarise) };
    const file = join(DIR, name, 'expected.json');
    if (process.env.REGEN || !existsSync(file)) writeFileSync(file, JSON.stringify(actual, null, 2) + '\n');
    const expected = JSON.parse(readFileSync(file, 'utf8')) as Expected;
    expect(actual.valid).toBe(expected.valid);
    expect(actual.problems.length).toBe(expected.problems.length);
    expected.problems.forEach((e, k) => {
      const a = actual.problems[k];
      expect({ ...a, area_m2: undefined, width_m: undefined }).toEqual({ ...e, area_m2: undefined, width_m: undefined });
      if (e.area_m2 !== undefined) expect(Math.abs(a.area_m2! - e.area_m2) / e.area_m2).toBeLessThan(0.005);
      if (e.width_m !== undefined) expect(Math.abs(a.width_m! - e.width_m)).toBeLessThan(Math.max(0.01, e.width_m * 0.01));
    });
  });
});
