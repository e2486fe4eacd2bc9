import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { externalFile, missingExternalReason } from '../external-data.ts';
import { citygrid } from './cli.ts';

// The honest check: 37,128 real Los Angeles 311 reports against the city's own area label.
// The data's README puts the point-in-polygon ceiling at 97.71 % (label noise and boundary
// drift between label and polygon versions), so routing must reach 97 %.
const areas = externalFile('la-311/areas.geojson');
const reports = externalFile('la-311/reports.csv');
if (!areas || !reports) console.warn(missingExternalReason('la-311/'));

describe.skipIf(!areas || !reports)('citygrid route on real LA 311 data (read in place)', () => {
  it('matches the city-assigned area for at least 97 % of labelled reports', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'citygrid-la-')), 'routed.csv');
    const r = citygrid(['route', areas!, reports!, '--id-field', 'area_id', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/routed 37128 rows/);
    const rows = parse(readFileSync(out), { columns: true }) as Array<{ truth_area: string; grid_id: string }>;
    const labelled = rows.filter((row) => row.truth_area !== '');
    const agree = labelled.filter((row) => row.grid_id === row.truth_area).length;
    const rate = agree / labelled.length;
    console.info(`LA 311: ${agree} of ${labelled.length} labelled reports routed to the city's area (${(rate * 100).toFixed(2)} %)`);
    expect(labelled.length).toBe(36_767);
    expect(rate).toBeGreaterThanOrEqual(0.97);
  });
});
