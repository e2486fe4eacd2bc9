import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, citygrid } from './cli.ts';

const FIXTURES = resolve(ROOT, 'packages/core/test/fixtures/coverage');

describe('citygrid validate', () => {
  it('finds the demo grids valid within their towns and exits 0', () => {
    const r = citygrid(['validate', 'data/demo/grids.geojson', '--parent', 'data/demo/towns.geojson']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^data\/demo\/grids\.geojson: 91 grids, [\d,]+ edges \([\d,]+ matched exactly\), 419\.77 km², checked in [\d.]+ s\nvalid: no gaps, no overlaps/,
    );
  });

  it('summarises problems by kind with grid names and m², writes them to --out, exits 1', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'citygrid-validate-')), 'problems.geojson');
    const r = citygrid(['validate', join(FIXTURES, 'overlap/in.geojson'), '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/1 problem: 1 overlap\n/);
    expect(r.stdout).toMatch(/ {2}overlap +网格A \/ 网格B 2,0\d\d m² \(width 18\.\d+ m\) at 109\.001\d+,32\.700\d+/);
    const fc = JSON.parse(readFileSync(out, 'utf8'));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0].geometry.type).toBe('Polygon');
    expect(fc.features[0].properties).toMatchObject({ kind: 'overlap', grids: ['A', 'B'] });
  });

  it('prints exactly the result object with --json, keeping duplicate ids to report them', () => {
    const r = citygrid(['validate', join(FIXTURES, 'duplicate-id/in.geojson'), '--json']);
    expect(r.status).toBe(1);
    const result = JSON.parse(r.stdout);
    expect(Object.keys(result)).toEqual(['valid', 'problems', 'stats']);
    expect(result.valid).toBe(false);
    expect(result.problems.map((p: { kind: string }) => p.kind)).toEqual(['duplicate-id']);
    expect(result.stats.grids).toBe(2);
  });

  it('reports inlets against --parent and flags slivers under --sliver-width', () => {
    const r = citygrid([
      'validate',
      join(FIXTURES, 'inlet-parent/in.geojson'),
      '--parent',
      join(FIXTURES, 'inlet-parent/parent.geojson'),
      '--sliver-width',
      '60',
      '--json',
    ]);
    expect(r.status).toBe(1);
    const [p] = JSON.parse(r.stdout).problems;
    expect(p).toMatchObject({ kind: 'uncovered-parent', grids: ['A', 'B'], sliver: true });
    expect(p.area_m2).toBeCloseTo(5199.3, 0);
  });

  it.each([
    ['no file', [], /expected one grid GeoJSON file, got 0/],
    ['a missing file', ['/nonexistent/grids.geojson'], /cannot read \/nonexistent\/grids\.geojson/],
    ['a bad --sliver-width', [join(FIXTURES, 'overlap/in.geojson'), '--sliver-width', 'wide'], /--sliver-width wide: expected metres ≥ 0/],
  ])('exits 2 on %s', (_, args, message) => {
    const r = citygrid(['validate', ...(args as string[])]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('reports a degenerate ring as invalid-geometry of its grid, checks the rest and exits 1', () => {
    const r = citygrid(['validate', join(FIXTURES, 'degenerate-ring/in.geojson'), '--json']);
    expect(r.status).toBe(1);
    const result = JSON.parse(r.stdout);
    expect(result.problems.map((p: { kind: string; grids: string[] }) => `${p.kind} ${p.grids}`)).toEqual([
      'invalid-geometry D',
      'invalid-geometry E',
      'overlap A,B',
    ]);
  });

  it('ignores empty geometries with a warning on stderr and still prints valid JSON', () => {
    const r = citygrid(['validate', join(FIXTURES, 'empty-geometry/in.geojson'), '--json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/warning: grid "E" has an empty geometry: ignored\n/);
    const result = JSON.parse(r.stdout);
    expect(result.valid).toBe(true);
    expect(result.warnings).toHaveLength(3);
    expect(result.stats.grids).toBe(2);
  });

  it('exits 2 on a file that is not GeoJSON, naming it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'citygrid-validate-')), 'bad.geojson');
    writeFileSync(file, '{"type": "FeatureCollection", "features": [');
    const r = citygrid(['validate', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.geojson: not valid JSON/);
  });

  it('explains itself with --help, with examples', () => {
    const r = citygrid(['validate', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/usage: citygrid validate <grids\.geojson>/);
    expect(r.stdout).toMatch(/examples:\n {2}citygrid validate data\/demo\/grids\.geojson --parent data\/demo\/towns\.geojson/);
  });
});
