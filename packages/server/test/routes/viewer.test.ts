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

  test('serves nothing at / when viewerDir is missing', async (t) => {
    const app = await build(t, { viewerDir: join(tempDir(t), 'absent') });
    expect((await app.inject('/')).statusCode).toBe(404);
  });
});
