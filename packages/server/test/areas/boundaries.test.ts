import { describe, expect, test } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { build, fixture } from '../helper.ts';

describe('GET /api/boundaries', () => {
  test('answers an empty FeatureCollection when no outlines are loaded', async (t) => {
    const app = await build(t);
    const res = await app.inject('/api/boundaries');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ type: 'FeatureCollection', features: [] });
  });

  test('serves the outlines stored with replaceBoundaries, ids falling back to adcode', async (t) => {
    const app = await build(t);
    await app.store.replaceBoundaries(fixture<FeatureCollection>('grid-2x2/boundaries.geojson'));
    const body = (await app.inject('/api/boundaries')).json();
    expect(
      body.features.map((f: { id: string; properties: { level: number; name: string } }) => [f.id, f.properties.level, f.properties.name]),
    ).toEqual([
      ['610902', 1, '汉滨区'],
      ['T1', 2, '示例街道'],
    ]);
  });

  test('outlines are not used for routing', async (t) => {
    const app = await build(t);
    await app.store.replaceBoundaries(fixture<FeatureCollection>('grid-2x2/boundaries.geojson'));
    const res = await app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: { lon: 109.005, lat: 32.685, category: '06010', source: 'app' },
    });
    expect(res.json().reports[0].grid_id).toBeNull();
  });

  test('replaceBoundaries refuses invalid outlines and keeps the old ones', async (t) => {
    const app = await build(t);
    await app.store.replaceBoundaries(fixture<FeatureCollection>('grid-2x2/boundaries.geojson'));
    await expect(
      app.store.replaceBoundaries({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [109, 32] } }],
      }),
    ).rejects.toMatchObject({
      code: 'CG_ERR_GEOMETRY_TYPE',
    });
    expect((await app.inject('/api/boundaries')).json().features).toHaveLength(2);
  });
});
