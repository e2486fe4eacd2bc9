import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { parseGrids } from '@citygrid/core';
import { openStore, type BuildOptions } from '../../src/index.ts';
import { sniffImage } from '../../src/attachments/sniff-image.ts';
import { build, fixture, fixtureReports, loadFixture, tempDir } from '../helper.ts';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR fake png body')]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x10, 0, 0, 0]), Buffer.from('WEBPVP8 fake')]);
const TEXT = Buffer.from('#!/bin/sh\necho not a photo\n');

const [REPORT, OTHER] = fixtureReports().inputs.map((r) => r.id);

interface Part {
  name?: string;
  filename?: string;
  type?: string;
  body: Buffer | string;
}

/** A multipart/form-data body: file parts (with filename) and plain fields. */
function form(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----citygrid-test-boundary';
  const chunks = parts.flatMap((p) => [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${p.name ?? 'file'}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}\r\n${p.filename !== undefined ? `Content-Type: ${p.type ?? 'application/octet-stream'}\r\n` : ''}\r\n`,
    ),
    Buffer.isBuffer(p.body) ? p.body : Buffer.from(p.body),
    Buffer.from('\r\n'),
  ]);
  return {
    payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

function post(app: FastifyInstance, report: string, parts: Part[], headers: Record<string, string> = {}) {
  const f = form(parts);
  return app.inject({
    method: 'POST',
    url: `/api/reports/${encodeURIComponent(report)}/attachments`,
    payload: f.payload,
    headers: { ...f.headers, ...headers },
  });
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every file (not folder) under `dir`, relative. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile());
}

async function withReports(t: Parameters<typeof build>[0], options: BuildOptions = {}) {
  const app = await build(t, options);
  await loadFixture(app);
  return { app, dir: app.store.attachments.folder.dir };
}

describe('sniffImage', () => {
  test.for([
    ['JPEG', JPEG, 'image/jpeg'],
    ['PNG', PNG, 'image/png'],
    ['WebP', WEBP, 'image/webp'],
    ['a shell script', TEXT, null],
    ['RIFF that is not WebP (a WAV)', Buffer.from('RIFF\x10\x00\x00\x00WAVEfmt ', 'latin1'), null],
    ['a GIF', Buffer.from('GIF89a......'), null],
    ['two bytes of JPEG', Buffer.from([0xff, 0xd8]), null],
    ['nothing', Buffer.alloc(0), null],
  ] as const)('%s: %2$s', ([, bytes, type]) => {
    expect(sniffImage(bytes)).toBe(type);
  });
});

describe('POST /api/reports/{id}/attachments', () => {
  test("stores a photo by its content: a PNG named .jpg and declared JPEG is a PNG; the checksum is the file's SHA-256 and the stored file's", async (t) => {
    const { app, dir } = await withReports(t);
    const res = await post(app, REPORT, [{ filename: 'photo.jpg', type: 'image/jpeg', body: PNG }]);
    expect(res.statusCode, res.body).toBe(201);
    const hash = sha(PNG);
    expect(res.json()).toEqual({
      attachments: [{ sha256: hash, media_type: 'image/png', bytes: PNG.length, url: `/api/attachments/${hash}` }],
    });
    const stored = join(dir, hash.slice(0, 2), hash);
    expect(sha(readFileSync(stored))).toBe(hash);
    expect(filesUnder(dir)).toEqual([join(hash.slice(0, 2), hash)]);
  });

  test('takes several files in one request, JPEG, PNG and WebP, ignoring other fields', async (t) => {
    const { app } = await withReports(t);
    const res = await post(app, REPORT, [
      { filename: 'a.jpg', body: JPEG },
      { name: 'note', body: 'hello' },
      { filename: 'b.png', body: PNG },
      { name: 'more', filename: 'c.webp', body: WEBP },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().attachments.map((a: { media_type: string }) => a.media_type)).toEqual(['image/jpeg', 'image/png', 'image/webp']);
    expect(
      (await app.inject(`/api/reports/${REPORT}/attachments`))
        .json()
        .attachments.map((a: { sha256: string }) => a.sha256)
        .sort(),
    ).toEqual([sha(JPEG), sha(PNG), sha(WEBP)].sort());
  });

  test('the same file twice for a report is one row, and for two reports one file (a field app retries)', async (t) => {
    const { app, dir } = await withReports(t);
    for (let i = 0; i < 2; i++) expect((await post(app, REPORT, [{ filename: 'x.png', body: PNG }])).statusCode).toBe(201);
    const twice = await post(app, REPORT, [
      { filename: 'x.png', body: PNG },
      { filename: 'again.png', body: PNG },
    ]);
    expect(twice.json().attachments).toHaveLength(1);
    expect((await post(app, OTHER, [{ filename: 'x.png', body: PNG }])).statusCode).toBe(201);
    expect((await app.inject(`/api/reports/${REPORT}/attachments`)).json().attachments).toHaveLength(1);
    expect((await app.inject(`/api/reports/${OTHER}/attachments`)).json().attachments).toHaveLength(1);
    expect(filesUnder(dir)).toHaveLength(1);
  });

  test('refuses a text file named .jpg with 415, naming the file, and keeps nothing', async (t) => {
    const { app, dir } = await withReports(t);
    const res = await post(app, REPORT, [{ filename: 'photo.jpg', type: 'image/jpeg', body: TEXT }]);
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({
      error: 'CG_ERR_UNSUPPORTED_IMAGE',
      message: expect.stringContaining('file "photo.jpg" is text starting "#!/bin/sh'),
      fix: expect.stringContaining('first bytes'),
    });
    expect(filesUnder(dir)).toEqual([]);
  });

  test('refuses a file over the size limit with 413 and keeps nothing', async (t) => {
    const { app, dir } = await withReports(t, { attachments: { maxBytes: 1000 } });
    const res = await post(app, REPORT, [
      { filename: 'small.png', body: PNG },
      { filename: 'big.jpg', body: JPEG },
    ]);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: 'CG_ERR_FILE_TOO_LARGE', message: 'file "big.jpg" is over the limit of 1000 bytes' });
    expect(filesUnder(dir)).toEqual([]);
    expect((await app.inject(`/api/reports/${REPORT}/attachments`)).json().attachments).toEqual([]);
    expect((await post(app, REPORT, [{ filename: 'small.png', body: PNG }])).statusCode).toBe(201);
  });

  test('the default limit is 10 MB per file', async (t) => {
    const { app, dir } = await withReports(t);
    const big = Buffer.concat([JPEG, Buffer.alloc(10 * 1024 * 1024)]);
    const res = await post(app, REPORT, [{ filename: 'huge.jpg', body: big }]);
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toContain(`limit of ${10 * 1024 * 1024} bytes`);
    expect(filesUnder(dir)).toEqual([]);
  });

  test('a batch with one bad file stores none of them (all or nothing)', async (t) => {
    const { app, dir } = await withReports(t);
    const res = await post(app, REPORT, [
      { filename: 'a.jpg', body: JPEG },
      { filename: 'b.png', body: PNG },
      { filename: 'c.jpg', body: TEXT },
    ]);
    expect(res.statusCode).toBe(415);
    expect(filesUnder(dir)).toEqual([]);
    expect((await app.inject(`/api/reports/${REPORT}/attachments`)).json().attachments).toEqual([]);
  });

  test.for([
    ['too many files', { attachments: { maxFiles: 2 } }, [PNG, JPEG, WEBP], 413, 'CG_ERR_TOO_MANY_FILES'],
    ['no file parts', {}, [], 400, 'CG_ERR_VALIDATION'],
  ] as const)('refuses %s and keeps nothing', async ([, options, files, status, code], t) => {
    const { app, dir } = await withReports(t, options as BuildOptions);
    const res = await post(app, REPORT, [{ name: 'note', body: 'x' }, ...files.map((body, i) => ({ filename: `f${i}`, body }))]);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error).toBe(code);
    expect(filesUnder(dir)).toEqual([]);
  });

  test('404 for an unknown report, before the files are kept', async (t) => {
    const { app, dir } = await withReports(t);
    const res = await post(app, 'no-such-report', [{ filename: 'a.png', body: PNG }]);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'CG_ERR_NOT_FOUND', message: 'report "no-such-report" not found' });
    expect((await app.inject('/api/reports/no-such-report/attachments')).statusCode).toBe(404);
    expect(filesUnder(dir)).toEqual([]);
  });

  test('415 for a body that is not multipart/form-data', async (t) => {
    const { app } = await withReports(t);
    const res = await app.inject({ method: 'POST', url: `/api/reports/${REPORT}/attachments`, payload: { photo: 'base64…' } });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ error: 'CG_ERR_NOT_MULTIPART', fix: expect.stringContaining('curl -F') });
  });
});

describe('GET /api/attachments/{sha256}', () => {
  async function secured(t: Parameters<typeof build>[0]) {
    const app = await build(t, { auth: { publicRead: true } });
    const parsed = parseGrids(fixture('grid-2x2/grids.geojson'));
    if (!parsed.ok) throw new Error('fixture');
    await app.store.replaceGrids(parsed.gridSet);
    await app.store.insertReports(fixtureReports().inputs);
    const key = async (role: 'viewer' | 'reporter') => ({ authorization: `Bearer ${(await app.store.keys.create({ role })).key}` });
    return { app, viewer: await key('viewer'), reporter: await key('reporter') };
  }

  test('a reporter key posts photos; a viewer key may not', async (t) => {
    const { app, viewer, reporter } = await secured(t);
    expect((await post(app, REPORT, [{ filename: 'a.png', body: PNG }], viewer)).statusCode).toBe(403);
    expect((await post(app, REPORT, [{ filename: 'a.png', body: PNG }])).statusCode).toBe(401);
    expect((await post(app, REPORT, [{ filename: 'a.png', body: PNG }], reporter)).statusCode).toBe(201);
  });

  test('serves the bytes to a viewer key with their type, ETag and immutable private caching; never without a key, even where reads are public', async (t) => {
    const { app, viewer, reporter } = await secured(t);
    const hash = (await post(app, REPORT, [{ filename: 'a.webp', body: WEBP }], reporter)).json().attachments[0].sha256;
    expect(hash).toBe(sha(WEBP));
    const anonymous = await app.inject(`/api/attachments/${hash}`);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().message).toContain('needs a viewer key');
    const res = await app.inject({ url: `/api/attachments/${hash}`, headers: viewer });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(WEBP)).toBe(true);
    expect(res.headers).toMatchObject({
      'content-type': 'image/webp',
      etag: `"${hash}"`,
      'cache-control': 'private, max-age=31536000, immutable',
      'content-length': String(WEBP.length),
    });
    const again = await app.inject({ url: `/api/attachments/${hash}`, headers: { ...viewer, 'if-none-match': `"${hash}"` } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    // The list is a public read (no photo in it); the photos behind its URLs are not.
    expect((await app.inject(`/api/reports/${REPORT}/attachments`)).json().attachments[0].url).toBe(`/api/attachments/${hash}`);
  });

  test('404 for a checksum no report has; 400 for one that is not 64 hex digits', async (t) => {
    const { app } = await withReports(t);
    expect((await app.inject(`/api/attachments/${sha(Buffer.from('none'))}`)).statusCode).toBe(404);
    expect((await app.inject('/api/attachments/photo.jpg')).statusCode).toBe(400);
  });
});

describe('the attachment folder', () => {
  test('is <db file>.files beside a DuckDB file, and stays when the store closes', async (t) => {
    const db = join(tempDir(t), 'city.duckdb');
    const store = await openStore(db);
    const app = await build(t, { store });
    await loadFixture(app);
    expect(store.attachments.folder.dir).toBe(`${db}.files`);
    expect((await post(app, REPORT, [{ filename: 'a.png', body: PNG }])).statusCode).toBe(201);
    await app.close();
    await store.close();
    expect(filesUnder(`${db}.files`)).toEqual([join(sha(PNG).slice(0, 2), sha(PNG))]);
  });

  test('is a temp folder of its own for a :memory: store, removed when it closes', async () => {
    const a = await openStore(':memory:');
    const b = await openStore(':memory:');
    expect(a.attachments.folder.dir).not.toBe(b.attachments.folder.dir);
    await a.close();
    await b.close();
    expect(existsSync(a.attachments.folder.dir)).toBe(false);
  });
});
