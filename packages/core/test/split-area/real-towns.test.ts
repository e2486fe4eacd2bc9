import { readFileSync } from 'node:fs';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { HANBIN_TOWNS } from '../../../../scripts/demo/hanbin.ts';
import { reportLoad } from '../../../../scripts/demo/synthetic-district.ts';
import { externalFile, missingExternalReason } from '../../../../scripts/external-data.ts';
import { splitArea } from '../../src/index.ts';
import { connected, coverageProblems, pieceLoads, polsbyPopper, spread } from '../support/split-quality.ts';

type Area = Polygon | MultiPolygon;
const TOWNS = 'hanbin/towns.geojson';
const file = externalFile(TOWNS);

// The issue's targets on the 8 real towns of 汉滨区 split into seed 000's 91 grids, balanced by
// the demo's synthetic report load (seed 1): loads within ±10 % of the town mean where a town
// has ≥ 8 grids, every grid connected, mean Polsby–Popper ≥ 0.45, a clean coverage check.
describe.skipIf(!file)(
  `splitArea on the real Hanbin towns, balanced by synthetic report load${file ? '' : ` — ${missingExternalReason(TOWNS)}`}`,
  () => {
    let towns: FeatureCollection<Area>;
    let load: Float64Array;
    let pieces: Area[][];
    let cpuMs: number;
    beforeAll(() => {
      towns = JSON.parse(readFileSync(file!, 'utf8')) as FeatureCollection<Area>;
      load = reportLoad(towns, null, 1).load;
      // CPU time, not wall time: the suite shares its cores with other test files.
      const started = process.cpuUsage();
      pieces = HANBIN_TOWNS.map((spec, i) => splitArea(geometryOf(spec.name), { count: spec.grids, seed: 100 + i, points: load }));
      cpuMs = process.cpuUsage(started).user / 1000;
    }, 120_000);
    const geometryOf = (name: string) => towns.features.find((f) => f.properties!.name === name)!.geometry;

    it('gives each grid of a single-part town with ≥ 8 grids a load within ±10 % of the town mean', () => {
      HANBIN_TOWNS.forEach((spec, i) => {
        if (spec.grids < 8 || geometryOf(spec.name).type !== 'Polygon') return;
        expect(spread(pieceLoads(pieces[i], load)), spec.name).toBeLessThan(0.1);
      });
    });

    it('balances 江北街道 (4 parts) within ±10 % too when pieces may span parts (joinParts), tiling it exactly', () => {
      const town = geometryOf('江北街道');
      const joined = splitArea(town, { count: 8, seed: 102, points: load, joinParts: true });
      expect(joined).toHaveLength(8);
      expect(spread(pieceLoads(joined, load))).toBeLessThan(0.1);
      expect(coverageProblems(joined, town)).toEqual([]);
      // A joint grid is a MultiPolygon of one piece per part it spans: never two in one part.
      for (const g of joined) if (g.type === 'MultiPolygon') expect(g.coordinates).toHaveLength(2);
    });

    it('makes every grid one connected polygon and tiles each town exactly (validateCoverage with the town as parent)', () => {
      HANBIN_TOWNS.forEach((spec, i) => {
        expect(pieces[i]).toHaveLength(spec.grids);
        expect(pieces[i].every(connected), spec.name).toBe(true);
        expect(coverageProblems(pieces[i], geometryOf(spec.name)), spec.name).toEqual([]);
      });
    });

    it('keeps grids compact: mean Polsby–Popper ≥ 0.45 over the 91 grids and in every town split in more than one', () => {
      const all = pieces.flat().map(polsbyPopper);
      expect(all.reduce((a, b) => a + b, 0) / all.length).toBeGreaterThan(0.45);
      HANBIN_TOWNS.forEach((spec, i) => {
        if (spec.grids < 2) return;
        const pp = pieces[i].map(polsbyPopper);
        expect(pp.reduce((a, b) => a + b, 0) / pp.length, spec.name).toBeGreaterThan(0.45);
      });
    });

    it('splits all 91 grids in under 2 s of CPU time (first run, JIT warm-up included)', () => {
      expect(cpuMs).toBeLessThan(2000);
    });
  },
);
