import { describe, expect, test } from 'vitest';
import { parseForm } from '../../src/open311/parse-form.ts';
import { loadBoundaries, loadFixture, sharedApp } from '../helper.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
// A request to 06010 inside grid A1 that is stored as is.
const GOOD = 'service_code=06010&lat=32.685&long=109.005&description=%E4%BA%95%E7%9B%96+ok';

type Failure = { code: number; description: string };

describe('Open311 text that is not UTF-8 is refused, naming its field, and nothing is stored', () => {
  const app = sharedApp(async (a) => {
    await loadFixture(a, false);
    await loadBoundaries(a);
  });

  /** Reports and Open311 rows stored so far. */
  async function stored(): Promise<number> {
    return app().store.readSnapshot(async (s) =>
      Number(
        (
          await s.conn.runAndReadAll('SELECT (SELECT count(*) FROM reports) + (SELECT count(*) FROM open311_requests) AS n')
        ).getRowObjectsJS()[0].n,
      ),
    );
  }

  test('a well-formed form is stored, its percent-encoded UTF-8 decoded', async () => {
    const res = await app().inject({ method: 'POST', url: '/open311/v2/requests.json', headers: FORM, payload: GOOD });
    expect(res.statusCode, res.body).toBe(201);
    const [read] = (await app().inject(`/open311/v2/requests/${res.json()[0].service_request_id}.json`)).json();
    expect(read.description).toBe('井盖 ok');
  });

  test.for([
    ['an overlong / (%C0%AF) in description', `${GOOD}&description=%C0%AF`, 'form field "description"', 0],
    ['a lone %FF in address_string', `${GOOD}&address_string=No.+5%FF`, 'form field "address_string"', 5],
    ['a cut 中 (%E4%B8) in service_code', 'service_code=%E4%B8&lat=32.685&long=109.005', 'form field "service_code"', 2],
    ['a GBK 你好 (%C4%E3%BA%C3) in an attribute', `${GOOD}&attribute[owner]=%C4%E3%BA%C3`, 'form field "attribute[owner]"', 1],
    ['an encoded surrogate (%ED%A0%80) in first_name', `${GOOD}&first_name=%ED%A0%80`, 'form field "first_name"', 1],
    ['a name that is not UTF-8', `${GOOD}&%FF=1`, 'a form field name', 0],
  ] as const)('refuses %s with 400 CG_ERR_NOT_UTF8 and stores nothing', async ([, payload, field, offset]) => {
    const before = await stored();
    const res = await app().inject({ method: 'POST', url: '/open311/v2/requests.json', headers: FORM, payload });
    expect(res.statusCode, res.body).toBe(400);
    const errors: Failure[] = res.json();
    expect(errors).toHaveLength(1);
    expect(errors[0].code).toBe(400);
    expect(errors[0].description).toContain(`${field}`);
    expect(errors[0].description).toContain(
      `is not UTF-8: invalid byte at offset ${offset} (CG_ERR_NOT_UTF8); send or save the text as UTF-8`,
    );
    expect(await stored()).toBe(before);
  });

  test('refuses raw GBK bytes in the body (not percent-encoded), naming the field', async () => {
    const before = await stored();
    const payload = Buffer.concat([Buffer.from(`${GOOD}&description=`), Buffer.from([0xc4, 0xe3, 0xba, 0xc3])]);
    const res = await app().inject({ method: 'POST', url: '/open311/v2/requests.json', headers: FORM, payload });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()[0].description).toContain('form field "description" is not UTF-8: invalid byte at offset 1 (CG_ERR_NOT_UTF8)');
    expect(await stored()).toBe(before);
  });

  test('refuses a rating comment that is not UTF-8', async () => {
    const res = await app().inject({
      method: 'POST',
      url: '/open311/v2/requests/no-such-request/rating.json',
      headers: FORM,
      payload: 'rating=5&comment=%B2%BB%B4%ED',
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()[0].description).toContain('form field "comment" is not UTF-8');
  });

  test.for([
    ['GET requests.json', 'GET', '/open311/v2/requests.json?service_code=%E4%B8', 'service_code'],
    ['GET requests/{id}.json', 'GET', '/open311/v2/requests/x.json?jurisdiction_id=%FF', 'jurisdiction_id'],
    ['GET services.json', 'GET', '/open311/v2/services.json?jurisdiction_id=%C0%AF', 'jurisdiction_id'],
    ['POST requests.json', 'POST', '/open311/v2/requests.json?api_key=%FF', 'api_key'],
  ] as const)('refuses a query parameter that is not UTF-8 on %s, which fastify would keep undecoded', async ([, method, url, name]) => {
    const before = await stored();
    const res = await app().inject({ method, url, ...(method === 'POST' ? { headers: FORM, payload: GOOD } : {}) });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()[0].description).toContain(`query parameter "${name}" is not UTF-8`);
    expect(await stored()).toBe(before);
  });

  test('a percent-encoded UTF-8 query, and a % that encodes nothing, are still read as before', async () => {
    const res = await app().inject('/open311/v2/requests.json?service_code=%E4%B8%AD,06010&jurisdiction_id=100%25');
    expect(res.statusCode, res.body).toBe(200);
    const lone = await app().inject('/open311/v2/services.json?jurisdiction_id=50%');
    expect(lone.statusCode, lone.body).toBe(200);
  });
});

describe('parseForm reads well-formed forms as URLSearchParams does', () => {
  test.for(['a=1&b=x+y', 'a=%E4%B8%AD%E6%96%87&b=%F0%9F%98%80', 'a=%zz&b=%4&c=%&d=100%25', '&&a&=b&c==d&', 'x=%2B%26%3D', 'k=1&k=2'])(
    '%s',
    (text) => {
      expect(parseForm(text)).toEqual(Object.fromEntries(new URLSearchParams(text)));
    },
  );

  test('bytes and text give the same form', () => {
    expect(parseForm(Buffer.from('a=中+文'))).toEqual({ a: '中 文' });
  });
});
