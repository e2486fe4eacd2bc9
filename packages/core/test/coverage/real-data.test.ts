import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { externalFile, missingExternalReason } from '../../../../scripts/external-data.ts';
import { parseGrids, repairCoverage, validateCoverage } from '../../src/index.ts';

const ROOT = resolve(import.meta.dirname, '../../../..');
const HANBIN = 'hanbin/towns.geojson';
const hanbin = externalFile(HANBIN);

function load(path: string, idField = 'id') {
  const r = parseGrids(readFileSync(path, 'utf8'), { idField });
  if (!r.ok) throw new Error(r.problems[0].message);
  return r.gridSet;
}

describe('validateCoverage on real and demo data', () => {
  it.skipIf(!hanbin)(
    `finds the 3.2 m² gap between 新城街道 and 张滩镇 in the real Hanbin towns, and no overlap${hanbin ? '' : ` — ${missingExternalReason(HANBIN)}`}`,
    () => {
      const r = validateCoverage(load(hanbin!, 'name'));
      expect(r.problems.map((p) => [p.kind, p.grids])).toEqual([['gap', ['张滩镇', '新城街道']]]);
      const gap = r.problems[0];
      expect(gap.area_m2).toBeGreaterThan(3.1);
      expect(gap.area_m2).toBeLessThan(3.3);
      expect(gap.sliver).toBe(true);
      expect(gap.location![0]).toBeCloseTo(109.0666, 3);
      expect(gap.location![1]).toBeCloseTo(32.6916, 3);
    },
  );

  it.skipIf(!hanbin)(
    `repairs the real Hanbin towns: the 3.2 m² gap joins the town bordering it longest, nothing else moves${hanbin ? '' : ` — ${missingExternalReason(HANBIN)}`}`,
    () => {
      const towns = load(hanbin!, 'name');
      const r = repairCoverage(towns);
      expect(r.problems).toEqual([]);
      expect(r.actions).toHaveLength(1);
      expect(r.actions[0]).toMatchObject({ kind: 'gap', from: [] });
      expect(['张滩镇', '新城街道']).toContain(r.actions[0].to);
      expect(r.changes.map((c) => c.id)).toEqual([r.actions[0].to]);
      expect(r.changes[0].after_m2 - r.changes[0].before_m2).toBeCloseTo(r.actions[0].area_m2, 1);
      expect(validateCoverage(r.gridSet).valid).toBe(true);
    },
  );

  it('finds the committed demo grids valid, within their towns', () => {
    const towns = load(resolve(ROOT, 'data/demo/towns.geojson'));
    const grids = load(resolve(ROOT, 'data/demo/grids.geojson'));
    const r = validateCoverage(grids, { parents: towns });
    expect(r.problems).toEqual([]);
    expect(r.stats.grids).toBe(91);
    // Per town, with the town as parent: the grids tile it exactly.
    for (const town of towns.grids) {
      const mine = grids.grids.filter((g) => g.parent === town.id);
      const sub = validateCoverage({ grids: mine, byId: new Map(mine.map((g) => [g.id, g])), idField: 'id' }, { parent: town.geometry });
      expect(sub.problems, town.name).toEqual([]);
    }
  });
});
