import { describe, expect, test } from 'vitest';
import { build, loadFixture } from '../helper.ts';

/** The app with its log lines collected, parsed. */
async function logged(t: Parameters<typeof build>[0]) {
  const lines: string[] = [];
  const app = await build(t, { logger: { level: 'info', stream: { write: (line) => void lines.push(line) } } });
  return { app, log: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('the request log', () => {
  test('one JSON line per request: request id, method, URL, route, status, time', async (t) => {
    const { app, log } = await logged(t);
    await loadFixture(app, false);
    const res = await app.inject('/api/grids?x=1');
    const line = log().find((l) => l.reqId === res.headers['x-request-id']);
    expect(line).toMatchObject({
      msg: 'request',
      level: 30,
      req: { method: 'GET', url: '/api/grids?x=1' },
      status: res.statusCode,
      ms: expect.any(Number),
    });
    expect(line!.route).toBe('/api/grids');
  });

  test('a refused request logs its catalogue code', async (t) => {
    const { app, log } = await logged(t);
    const res = await app.inject({ method: 'POST', url: '/api/reports', payload: { id: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(log().find((l) => l.reqId === res.headers['x-request-id'])).toMatchObject({ status: 400, error: 'CG_ERR_VALIDATION' });
  });

  test('a 500 logs the error with its stack; the answer has no stack, only the request id to find it by', async (t) => {
    const { app, log } = await logged(t);
    app.store.counts = () => Promise.reject(new Error('disk on fire'));
    const res = await app.inject('/health?detail=1');
    expect(res.statusCode).toBe(500);
    const id = res.headers['x-request-id'] as string;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/); // a random prefix per start, then a counter
    expect(res.json().message).toBe(`internal error (request ${id})`);
    expect(res.body).not.toMatch(/disk on fire|\.ts|at /);
    const failed = log().find((l) => l.reqId === id && l.level === 50) as { err: { message: string; stack: string } };
    expect(failed.err.message).toBe('disk on fire');
    expect(failed.err.stack).toContain('logs.test.ts');
  });
});
