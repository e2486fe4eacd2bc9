import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, test } from 'vitest';
import { build, fixtureText, sharedApp } from '../helper.ts';

/**
 * An n×n tiling of squares 0.001° wide near the fixture's city, each side cut into `k` segments
 * on one lattice (shared borders have the very same vertices): a clean coverage, and with
 * n = 100, k = 20 about 25 MB of GeoJSON, JSON text that took ~0.3 s to parse on the event loop.
 */
function tiling(n: number, k: number): string {
  const d = 0.001 / k;
  const at = (gx: number, gy: number) => `[${(109 + gx * d).toFixed(9)},${(32.6 + gy * d).toFixed(9)}]`;
  const features: string[] = [];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const [x0, y0] = [i * k, j * k];
      const ring: string[] = [];
      for (let s = 0; s < k; s++) ring.push(at(x0 + s, y0));
      for (let s = 0; s < k; s++) ring.push(at(x0 + k, y0 + s));
      for (let s = 0; s < k; s++) ring.push(at(x0 + k - s, y0 + k));
      for (let s = 0; s < k; s++) ring.push(at(x0, y0 + k - s));
      ring.push(ring[0]);
      features.push(
        `{"type":"Feature","properties":{"id":"G${i}-${j}","name":"网格 ${i}-${j}"},"geometry":{"type":"Polygon","coordinates":[[${ring.join(',')}]]}}`,
      );
    }
  return `{"type":"FeatureCollection","features":[${features.join(',')}]}`;
}

/** One request to 127.0.0.1: its status, body and milliseconds. */
function send(port: number, method: string, path: string, body?: Buffer): Promise<{ status: number; body: string; ms: number }> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path, headers: body ? { 'content-type': 'application/json', 'content-length': body.length } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), ms: performance.now() - start }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends `body` to `path` while polling /health every 10 ms; the grid answer and the slowest /health. */
async function whilePolling(
  port: number,
  path: string,
  body: Buffer,
): Promise<{ status: number; body: string; slowest: number; polls: number }> {
  let done = false;
  const latencies: number[] = [];
  const poll = (async () => {
    while (!done) {
      const health = await send(port, 'GET', '/health');
      expect(health.status).toBe(200);
      latencies.push(health.ms);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const answer = await send(port, 'POST', path, body);
  done = true;
  await poll;
  if (process.env.LOG_LATENCY) console.log(path, answer.ms.toFixed(0), 'ms; /health', latencies.map((l) => l.toFixed(0)).join(' '));
  return { ...answer, slowest: Math.max(...latencies), polls: latencies.length };
}

describe('a big grid file is parsed off the event loop', () => {
  const body = Buffer.from(tiling(100, 20));

  test('the generated file is big: over 20 MB', () => {
    expect(body.length).toBeGreaterThan(20e6);
  });

  test('GET /health answers within 100 ms while it is checked and imported', { timeout: 120_000 }, async (t) => {
    const app = await build(t);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    // A first small check starts the worker (~1 s), which is not what is measured.
    await send(port, 'POST', '/api/grids/validate', Buffer.from(tiling(2, 2)));

    const checked = await whilePolling(port, '/api/grids/validate', body);
    expect(checked.status, checked.body.slice(0, 500)).toBe(200);
    expect(JSON.parse(checked.body)).toMatchObject({ valid: true, problems: [] });
    expect(checked.polls).toBeGreaterThan(5);
    expect.soft(checked.slowest, `slowest /health ${checked.slowest.toFixed(0)} ms during the check`).toBeLessThan(100);

    const imported = await whilePolling(port, '/api/grids?publish=true', body);
    expect(imported.status, imported.body.slice(0, 500)).toBe(201);
    expect(JSON.parse(imported.body)).toMatchObject({ imported: 10_000 });
    expect.soft(imported.slowest, `slowest /health ${imported.slowest.toFixed(0)} ms during the import`).toBeLessThan(100);
  });
});

describe('a big grid file is refused with the same errors as a small one', () => {
  const app = sharedApp();
  const grids = fixtureText('grid-2x2/grids.geojson').trim();
  // A foreign member after the features (RFC 7946 §6.1): every defect below comes before it, so
  // an offset or position in the answer is the same with it or without.
  const pad = `,"pad":"${'x'.repeat(1_500_000)}"}`;
  const padded = (text: string) => `${text.slice(0, text.lastIndexOf('}'))}${pad}`;
  const gbk = Buffer.concat([Buffer.from(grids.slice(0, 60)), Buffer.from([0xc4, 0xe3]), Buffer.from(grids.slice(60))]);

  test.for([
    ['not UTF-8', 'CG_ERR_NOT_UTF8', gbk],
    ['not JSON', 'CG_ERR_NOT_JSON', grids.replace('"features"', '"features",')],
    ['a __proto__ key', 'CG_ERR_NOT_JSON', grids.replace('"properties": {', '"properties": {"__proto__": {"x": 1},')],
    ['a lone surrogate', 'CG_ERR_MALFORMED_TEXT', grids.replace('"properties": {', '"properties": {"note": "a\\ud800",')],
    [
      'nesting 100 deep',
      'CG_ERR_TOO_DEEP',
      grids.replace('"properties": {', `"properties": {"deep": ${'['.repeat(100)}${']'.repeat(100)},`),
    ],
  ] as const)('%s: the same 400 %s on the event loop and on the worker', async ([, code, text]) => {
    const small = Buffer.isBuffer(text) ? text : Buffer.from(text);
    const big = Buffer.isBuffer(text)
      ? Buffer.concat([text.subarray(0, text.lastIndexOf('}')), Buffer.from(pad)])
      : Buffer.from(padded(text));
    expect(big.length).toBeGreaterThan(1_500_000);
    for (const url of ['/api/grids', '/api/grids/validate', '/api/grids/repair']) {
      const [a, b] = await Promise.all(
        [small, big].map((payload) => app().inject({ method: 'POST', url, headers: { 'content-type': 'application/geo+json' }, payload })),
      );
      expect(a.statusCode, a.body).toBe(400);
      expect(a.json()).toMatchObject({ error: code });
      expect(b.statusCode).toBe(400);
      expect(b.json(), url).toEqual(a.json());
    }
    expect(app().store.gridSet()).toBeFalsy();
  });
});
