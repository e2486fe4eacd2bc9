import { describe, expect, test } from 'vitest';
import { build, buildWithGrids, fixtureReports } from '../helper.ts';

function decode(raw: Buffer): Float32Array {
  const copy = new Uint8Array(raw); // own, aligned buffer
  return new Float32Array(copy.buffer, 0, copy.byteLength / 4);
}

describe('GET /api/reports/points', () => {
  test('answers interleaved little-endian float32 lon/lat with the count in a header', async (t) => {
    const app = await buildWithGrids(t);
    const { inputs } = fixtureReports();
    await app.inject({ method: 'POST', url: '/api/reports', payload: inputs });
    const res = await app.inject('/api/reports/points');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['x-citygrid-count']).toBe('8');
    expect(res.rawPayload.byteLength).toBe(8 * 2 * 4);
    const view = new DataView(res.rawPayload.buffer, res.rawPayload.byteOffset, res.rawPayload.byteLength);
    const pairs = Array.from({ length: 8 }, (_, i) => [view.getFloat32(8 * i, true), view.getFloat32(8 * i + 4, true)]);
    const expected = inputs.map((r) => [Math.fround(r.lon), Math.fround(r.lat)]);
    expect(pairs.sort()).toEqual(expected.sort());
  });

  test('applies from, to and category', async (t) => {
    const app = await buildWithGrids(t);
    await app.inject({ method: 'POST', url: '/api/reports', payload: fixtureReports().inputs });
    const res = await app.inject('/api/reports/points?category=06010&from=2024-05-02&to=2024-05-06');
    expect(res.headers['x-citygrid-count']).toBe('2'); // r3, r5
    const xy = decode(res.rawPayload);
    const pairs = [
      [xy[0], xy[1]],
      [xy[2], xy[3]],
    ].sort((a, b) => a[0] - b[0]);
    expect(pairs).toEqual([
      [Math.fround(109.01), Math.fround(32.685)],
      [Math.fround(109.015), Math.fround(32.685)],
    ]);
  });

  test('answers an empty body with count 0 when nothing matches', async (t) => {
    const app = await build(t);
    const res = await app.inject('/api/reports/points');
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-citygrid-count']).toBe('0');
    expect(res.rawPayload.byteLength).toBe(0);
  });

  test('refuses a bad time with 400 naming the parameter', async (t) => {
    const app = await build(t);
    const res = await app.inject('/api/reports/points?from=soon');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('querystring/from');
  });
});
