import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { build, tempDir } from '../helper.ts';

describe('viewer at /', () => {
  test('serves index.html from viewerDir when it exists', async (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>citygrid</title>');
    const app = await build(t, { viewerDir: dir });
    const res = await app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<title>citygrid</title>');
    expect((await app.inject('/api/meta')).statusCode).toBe(200);
  });

  test('compresses large answers when the client accepts gzip, and only then', async (t) => {
    const dir = tempDir(t);
    const script = `console.log(${JSON.stringify('网格'.repeat(4000))});`;
    writeFileSync(join(dir, 'app.js'), script);
    const app = await build(t, { viewerDir: dir });
    const zipped = await app.inject({ url: '/app.js', headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.rawPayload.length).toBeLessThan(script.length / 10);
    const plain = await app.inject('/app.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  test('says how to build the viewer at / and /plan when viewerDir holds no build', async (t) => {
    const app = await build(t, { viewerDir: join(tempDir(t), 'absent') });
    for (const path of ['/', '/plan']) {
      const res = await app.inject(path);
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('npx -y pnpm@10 run build');
    }
  });

  test('serves nothing at / without a viewerDir (a headless API server)', async (t) => {
    const app = await build(t);
    expect((await app.inject('/')).statusCode).toBe(404);
  });
});
