import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { ROOT, citygrid } from './cli.ts';

// Issue 14: a town exported from a GIS tool as one feature with no `id` is still an area to
// cover. The demo's 老城街道 and its 9 grids, with the ids and parents taken off.
function files(): { town: string; grids: string } {
  const dir = mkdtempSync(join(tmpdir(), 'citygrid-parent-'));
  const towns = JSON.parse(readFileSync(resolve(ROOT, 'data/demo/towns.geojson'), 'utf8')) as FeatureCollection;
  const town = { ...towns.features[0], id: undefined, properties: { name: '老城街道' } };
  const all = JSON.parse(readFileSync(resolve(ROOT, 'data/demo/grids.geojson'), 'utf8')) as FeatureCollection;
  const grids = all.features.filter((f) => f.properties!.parent === towns.features[0].properties!.id);
  for (const g of grids) delete g.properties!.parent;
  writeFileSync(join(dir, 'town.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [town] }));
  writeFileSync(join(dir, 'grids.geojson'), JSON.stringify({ type: 'FeatureCollection', features: grids }));
  return { town: join(dir, 'town.geojson'), grids: join(dir, 'grids.geojson') };
}

describe('a parent feature without an id', () => {
  it('citygrid validate --parent takes it as the area to cover', () => {
    const { town, grids } = files();
    const r = citygrid(['validate', grids, '--parent', town]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/9 grids, .* 4\.91 km²/);
    expect(r.stdout).toMatch(/^valid: /m);
    expect(r.status).toBe(0);
  });

  it('citygrid partition divides it, naming the grids after it', () => {
    const { town } = files();
    const out = join(mkdtempSync(join(tmpdir(), 'citygrid-parent-')), 'out.geojson');
    const r = citygrid(['partition', town, '--count', '3', '--out', out]);
    expect(r.status).toBe(0);
    const made = JSON.parse(readFileSync(out, 'utf8')) as FeatureCollection;
    expect(made.features.map((f) => [f.properties!.name, f.properties!.parent])).toEqual([
      ['老城街道第01网格', null],
      ['老城街道第02网格', null],
      ['老城街道第03网格', null],
    ]);
  });
});
