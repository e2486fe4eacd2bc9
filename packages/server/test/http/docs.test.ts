import { describe, expect, test } from 'vitest';
import { openStore } from '../../src/index.ts';
import { build } from '../helper.ts';

describe('GET /docs', () => {
  test('serves the OpenAPI document with every endpoint', async (t) => {
    const app = await build(t);
    const res = await app.inject('/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const endpoints = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(endpoints.sort()).toEqual(
      [
        'GET /health',
        'GET /api/grids',
        'POST /api/grids',
        'POST /api/grids/repair',
        'POST /api/grids/validate',
        'GET /api/grids/versions',
        'POST /api/grids/versions/{v}/publish',
        'GET /api/grids/versions/{v}/impact',
        'GET /api/grids/diff',
        'GET /api/boundaries',
        'PUT /api/boundaries/{level}',
        'POST /api/reports',
        'GET /api/reports',
        'GET /api/reports/points',
        'GET /api/reports/{id}',
        'GET /api/reports/{id}/contact',
        'DELETE /api/reports/{id}',
        'POST /api/reports/{id}/redact',
        'GET /api/reports/removals',
        'GET /api/cases',
        'POST /api/cases',
        'GET /api/cases/{id}',
        'POST /api/cases/{id}/events',
        'POST /api/cases/import',
        'GET /api/cases-by-stage',
        'GET /api/audit/verify',
        'GET /api/risk',
        'GET /api/stats/grids',
        'GET /api/stats',
        'GET /api/stats/bins',
        'GET /api/stats/hotspots',
        'GET /api/stats/categories',
        'GET /api/meta',
        'GET /api/profile',
        'PUT /api/profile',
        'GET /api/profile/schema',
        'GET /api/profile/catalogue',
        'PUT /api/profile/files/{name}',
        'GET /api/route',
        'GET /open311/v2/services.json',
        'GET /open311/v2/services/{service_code}.json',
        'POST /open311/v2/requests.json',
        'GET /open311/v2/requests.json',
        'GET /open311/v2/requests/{id}.json',
        'GET /api/stream',
        'POST /api/keys',
        'GET /api/keys',
        'DELETE /api/keys/{id}',
        'GET /api/me',
        'GET /api/patrols',
        'POST /api/patrols',
        'GET /api/people',
        'POST /api/people',
        'GET /api/people/{id}',
        'PATCH /api/people/{id}',
        'GET /api/grids/{id}/team',
        'POST /api/reports/{id}/attachments',
        'GET /api/reports/{id}/attachments',
        'GET /api/attachments/{sha256}',
        'GET /api/assessment',
        'GET /api/assessment/{level}/{id}',
        'POST /api/cases/{id}/rating',
        'POST /open311/v2/requests/{id}/rating.json',
      ].sort(),
    );
  });

  test('documents the report body, its all-or-nothing rule and the error shape', async (t) => {
    const app = await build(t);
    const post = (await app.inject('/docs/json')).json().paths['/api/reports'].post;
    expect(post.description).toContain('All or nothing');
    const body = JSON.stringify(post.requestBody);
    expect(body).toContain('"lon"');
    expect(body).toContain('maxItems');
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '400', '409', '413', '415', '422']));
    expect(JSON.stringify(post.responses['422'])).toContain('problems');
  });

  test('documents GET /api/route with its parameters, answer and examples', async (t) => {
    const app = await build(t);
    const get = (await app.inject('/docs/json')).json().paths['/api/route'].get;
    const params = Object.fromEntries((get.parameters as { name: string; schema: object; required?: boolean }[]).map((p) => [p.name, p]));
    expect(Object.keys(params).sort()).toEqual(['crs', 'lat', 'lon', 'maxDistance']);
    expect(params.lon).toMatchObject({ required: true, schema: { type: 'number' } });
    expect(params.maxDistance.schema).toMatchObject({ minimum: 0, maximum: 1000 });
    expect(JSON.stringify(params.crs)).toContain('GCJ-02');
    expect(Object.keys(get.responses)).toEqual(expect.arrayContaining(['200', '400', '409']));
    const answer = JSON.stringify(get.responses['200']);
    for (const field of ['"grid"', '"path"', '"match"', '"distance_m"', '"wgs84"', '"nearest"', '老城街道第08网格'])
      expect(answer).toContain(field);
  });

  test('documents POST /api/grids/validate with the problem kinds, an example and the 422 of an import', async (t) => {
    const app = await build(t);
    const paths = (await app.inject('/docs/json')).json().paths;
    const post = paths['/api/grids/validate'].post;
    expect(post.description).toContain('validateCoverage');
    const answer = JSON.stringify(post.responses['200']);
    for (const field of ['"valid"', '"problems"', '"stats"', '"area_m2"', '"overlap"', '"gap"', '"edge-mismatch"', '"example'])
      expect(answer).toContain(field);
    expect(JSON.stringify(paths['/api/grids'].post.responses['422'])).toContain('CG_ERR_COVERAGE_INVALID');
  });

  test('documents grid versions: drafts and publish=true, atomic publish, diff shares, impact matrix and pair list', async (t) => {
    const app = await build(t);
    const paths = (await app.inject('/docs/json')).json().paths;
    const importing = paths['/api/grids'].post;
    expect(importing.description).toContain('draft');
    expect(importing.parameters.map((p: { name: string }) => p.name)).toContain('publish');
    expect(JSON.stringify(importing.responses['201'])).toContain('"published"');
    expect(paths['/api/grids/versions/{v}/publish'].post.description).toMatch(/one transaction[\s\S]*never a mix/);
    expect(JSON.stringify(paths['/api/grids/diff'].get.responses['200'])).toContain('taken_from');
    const impact = paths['/api/grids/versions/{v}/impact'].get;
    expect(impact.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
      'category',
      'cursor',
      'from',
      'limit',
      'pair',
      'to',
      'v',
    ]);
    for (const field of ['"matrix"', '"moved"', '"pair"', '"next"']) expect(JSON.stringify(impact.responses['200'])).toContain(field);
    expect(Object.keys(impact.responses)).toEqual(expect.arrayContaining(['200', '400', '404']));
  });

  test('documents exports, the cacheable statistics and Open311 (form bodies, its error format)', async (t) => {
    const app = await build(t);
    const paths = (await app.inject('/docs/json')).json().paths;
    const list = paths['/api/reports'].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['format', 'level', 'source']));
    expect(Object.keys(list.responses['200'].content)).toEqual([
      'application/json',
      'text/csv',
      'application/geo+json',
      'application/vnd.apache.parquet',
    ]);
    for (const p of ['/api/stats', '/api/stats/bins', '/api/stats/hotspots', '/api/stats/categories'])
      expect(paths[p].get.description).toContain('ETag');
    const post = paths['/open311/v2/requests.json'].post;
    expect(Object.keys(post.requestBody.content)).toEqual(['application/x-www-form-urlencoded', 'application/json']);
    expect(JSON.stringify(post.responses['404'])).toContain('"description"');
  });

  test('serves the Swagger UI', async (t) => {
    const app = await build(t);
    const res = await app.inject('/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });
});

describe('errors', () => {
  test('an unknown route answers 404 in the catalogue shape', async (t) => {
    const app = await build(t);
    const res = await app.inject('/api/nothing');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({
      error: 'CG_ERR_NOT_FOUND',
      message: 'GET /api/nothing not found',
      problems: [{ code: 'CG_ERR_NOT_FOUND' }],
    });
  });
});

describe('unexpected failures', () => {
  test('answer 500 in the catalogue shape without internals', async (t) => {
    const store = await openStore(':memory:');
    const app = await build(t, { store });
    await store.close(); // every store call now throws
    const res = await app.inject('/health?detail=1');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      error: 'CG_ERR_INTERNAL',
      message: `internal error (request ${res.headers['x-request-id'] ?? 'req-1'})`,
      fix: expect.stringContaining('log'),
      problems: [],
    });
    expect(res.body).not.toMatch(/closed|\.ts|at /);
  });
});
