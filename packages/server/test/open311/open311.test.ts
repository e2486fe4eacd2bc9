import { describe, expect, test } from 'vitest';
import type { TestContext } from 'vitest';
import { cityCatalogue, DEFAULT_PROFILE, parseGrids } from '@citygrid/core';
import { parseForm } from '../../src/open311/parse-form.ts';
import type { BuildOptions } from '../../src/index.ts';
import { build, fixture, loadBoundaries, loadFixture, sharedApp } from '../helper.ts';

// Field sets of the GeoReport v2 examples (wiki.open311.org/GeoReport_v2, JSON tabs).
const SERVICE_FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
const CREATED_FIELDS = ['service_request_id', 'service_notice', 'account_id'];
const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
];

// The spec's "Example Request" body of POST requests, byte for byte.
const SPEC_POST =
  'api_key=xyz&jurisdiction_id=city.gov&service_code=001&lat=37.76524078&long=-122.4212043&address_string=1234+5th+street&email=smit333%40sfgov.edu&device_id=tt222111&account_id=123456&first_name=john&last_name=smith&phone=111111111&description=A+large+sinkhole+is+destroying+the+street&media_url=http%3A%2F%2Ffarm3.static.flickr.com%2F2002%2F2212426634_5ed477a060.jpg&attribute[WHISPAWN]=123456&attribute[WHISDORN]=COISL001';
const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };

/**
 * The spec's example with our service code and, unless told otherwise, a place inside grid A1;
 * without its attributes (06010 defines none), unless `attributes` is true.
 */
const specPost = (replace: Record<string, string> = {}, { attributes = false } = {}) => {
  const params = new URLSearchParams(SPEC_POST);
  params.set('service_code', '06010');
  params.set('lat', '32.685');
  params.set('long', '109.005');
  if (!attributes) for (const k of ['attribute[WHISPAWN]', 'attribute[WHISDORN]']) params.delete(k);
  for (const [k, v] of Object.entries(replace)) params.set(k, v);
  return params.toString().replaceAll('%5B', '[').replaceAll('%5D', ']');
};

// A city profile with attributes on a standard code, and codes of the city's own.
const CITY = {
  name: '测试区',
  timezone: '+08:00',
  categories: [
    {
      code: '06001',
      name: '私搭乱建',
      en: 'Illegal building',
      attributes: [
        { key: 'area_m2', type: 'number', min: 0, name: '面积', en: 'Area', unit: 'm²', required: true },
        { key: 'storeys', type: 'integer', min: 1, max: 50, name: '层数' },
        { key: 'fenced', type: 'boolean', name: '已围挡' },
        { key: 'material', type: 'enum', options: ['砖混', '彩钢'], name: '结构' },
        { key: 'owner', type: 'string', max_length: 50, name: '业主' },
      ],
    },
    { code: 'Bulky Items', name: '大件垃圾', en: 'Bulky items', standard: '06035' },
    { code: 'Potholes', name: '坑洼' },
  ],
  departments: [
    { code: 'cgj', name: '城管局', level: 'district' },
    { code: 'cgj-city', name: '市城管局', level: 'city' },
  ],
  dispatch: [
    { category: '06', department: 'cgj' },
    { category: '06001', when: { area_m2: { '>': 500 } }, department: 'cgj-city', level: 'city' },
  ],
};

describe('GET /open311/v2/services.json', () => {
  const app = sharedApp();
  const city = sharedApp(async (a) => void (await a.store.profiles.replace(CITY)));

  test("lists the default profile's catalogue, one realtime service per category, with the spec's fields", async () => {
    const res = await app().inject('/open311/v2/services.json?jurisdiction_id=city.gov');
    expect(res.statusCode).toBe(200);
    const services = res.json();
    expect(services.map((s: { service_code: string }) => s.service_code)).toEqual(
      cityCatalogue(DEFAULT_PROFILE).categories.map((c) => c.code),
    );
    for (const s of services) expect(Object.keys(s).sort()).toEqual([...SERVICE_FIELDS].sort());
    expect(services.find((s: { service_code: string }) => s.service_code === '06010')).toEqual({
      service_code: '06010',
      service_name: '暴露垃圾',
      description: 'Exposed rubbish (市容环境类, GB/T 47678.5 06010)',
      metadata: false,
      type: 'realtime',
      keywords: 'Exposed rubbish, 市容环境类',
      group: '市容环境类',
    });
  });

  test("lists a city's own codes after the standard ones, metadata true where a category has attributes", async () => {
    const services = (await city().inject('/open311/v2/services.json')).json();
    const byCode = new Map(services.map((s: { service_code: string }) => [s.service_code, s]));
    expect(byCode.get('06001')).toMatchObject({
      service_name: '私搭乱建',
      metadata: true,
      description: 'Illegal building (市容环境类, GB/T 47678.5 06001)',
    });
    expect(services.filter((s: { metadata: boolean }) => s.metadata).map((s: { service_code: string }) => s.service_code)).toEqual([
      '06001',
    ]);
    expect(services.slice(-2)).toEqual([
      {
        service_code: 'Bulky Items',
        service_name: '大件垃圾',
        description: 'Bulky items (市容环境类, GB/T 47678.5 06035)',
        metadata: false,
        type: 'realtime',
        keywords: 'Bulky items, 市容环境类',
        group: '市容环境类',
      },
      { service_code: 'Potholes', service_name: '坑洼', description: '坑洼', metadata: false, type: 'realtime', keywords: '', group: '' },
    ]);
  });
});

describe('GET /open311/v2/services/{service_code}.json', () => {
  const app = sharedApp(async (a) => void (await a.store.profiles.replace(CITY)));

  test("answers a category's attributes as the spec's service definition, types mapped to its datatypes", async () => {
    const res = await app().inject('/open311/v2/services/06001.json?jurisdiction_id=city.gov');
    expect(res.statusCode, res.body).toBe(200);
    const base = { variable: true, required: false, datatype_description: null };
    expect(res.json()).toEqual({
      service_code: '06001',
      attributes: [
        {
          ...base,
          code: 'area_m2',
          datatype: 'number',
          required: true,
          datatype_description: '≥ 0, in m²',
          order: 1,
          description: '面积 (Area)',
        },
        { ...base, code: 'storeys', datatype: 'number', datatype_description: 'a whole number, ≥ 1, ≤ 50', order: 2, description: '层数' },
        {
          ...base,
          code: 'fenced',
          datatype: 'singlevaluelist',
          order: 3,
          description: '已围挡',
          values: [
            { key: 'true', name: '是' },
            { key: 'false', name: '否' },
          ],
        },
        {
          ...base,
          code: 'material',
          datatype: 'singlevaluelist',
          order: 4,
          description: '结构',
          values: [
            { key: '砖混', name: '砖混' },
            { key: '彩钢', name: '彩钢' },
          ],
        },
        { ...base, code: 'owner', datatype: 'string', datatype_description: 'at most 50 characters', order: 5, description: '业主' },
      ],
    });
  });

  test.for([
    ['a standard category without attributes', '06010', 200, { service_code: '06010', attributes: [] }],
    ['a city code with a space', 'Bulky%20Items', 200, { service_code: 'Bulky Items', attributes: [] }],
    [
      'an unknown code, in the Open311 error format',
      '001',
      404,
      [{ code: 404, description: expect.stringContaining('service_code "001" was not found') }],
    ],
  ] as const)('answers %s', async ([, code, status, body]) => {
    const res = await app().inject(`/open311/v2/services/${code}.json`);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toEqual(body);
  });
});

describe('POST /open311/v2/requests.json', () => {
  const app = sharedApp(async (a) => {
    await loadFixture(a, false);
    await loadBoundaries(a);
  });

  test("answers the spec's own example (service_code 001) with 404 in the Open311 error format", async () => {
    const res = await app().inject({ method: 'POST', url: '/open311/v2/requests.json', headers: FORM, payload: SPEC_POST });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual([{ code: 404, description: expect.stringContaining('service_code "001" was not found') }]);
  });

  test("refuses the spec's example attributes: 06010 defines none", async () => {
    const res = await app().inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: FORM,
      payload: specPost({}, { attributes: true }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().map((e: { description: string }) => e.description)).toEqual([
      expect.stringContaining('attributes/WHISPAWN unknown attribute'),
      expect.stringContaining('attributes/WHISDORN unknown attribute'),
    ]);
  });

  test("stores the spec's example as a report routed to its grid, answering the spec's fields", async () => {
    const res = await app().inject({ method: 'POST', url: '/open311/v2/requests.json', headers: FORM, payload: specPost() });
    expect(res.statusCode, res.body).toBe(201);
    const [created] = res.json();
    expect(Object.keys(created).sort()).toEqual([...CREATED_FIELDS].sort());
    expect(created.account_id).toBe('123456');
    expect(created.service_notice).toBe('已受理，已派至西南网格（网格 A1，示例街道）；责任部门：城管局。');
    const stored = (await app().inject(`/api/reports?grid=A1&source=app`)).json().reports;
    expect(stored.find((r: { id: string }) => r.id === created.service_request_id)).toMatchObject({
      description: 'A large sinkhole is destroying the street',
      address: '1234 5th street',
      department: 'cgj',
    });
  });

  test("reads the request back with the spec's fields, the posted text and media, and no contact details", async () => {
    const [created] = (await app().inject({ method: 'POST', url: '/open311/v2/requests.json', headers: FORM, payload: specPost() })).json();
    const res = await app().inject(`/open311/v2/requests/${created.service_request_id}.json?jurisdiction_id=city.gov`);
    expect(res.statusCode).toBe(200);
    const [request] = res.json();
    expect(Object.keys(request).sort()).toEqual([...REQUEST_FIELDS].sort());
    expect(request).toMatchObject({
      service_request_id: created.service_request_id,
      status: 'open',
      service_code: '06010',
      service_name: '暴露垃圾',
      description: 'A large sinkhole is destroying the street',
      address: '1234 5th street',
      media_url: 'http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg',
      agency_responsible: '城管局',
      lat: 32.685,
      long: 109.005,
      expected_datetime: null,
    });
    expect(request.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(res.body).not.toMatch(/smit333|111111111|john|tt222111/);
  });

  test("accepts the spec's San Francisco position and says it lies in no grid", async () => {
    const res = await app().inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: FORM,
      payload: specPost({ lat: '37.76524078', long: '-122.4212043' }),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()[0].service_notice).toBe('已受理。位置不在任何网格内，由属地兜底处置；责任部门：城管局。');
  });

  test('takes the same fields as JSON, with the crs and source extensions', async () => {
    const payload = {
      service_code: '09009',
      lat: 32.6963,
      long: 109.0148,
      crs: 'gcj02',
      source: 'wechat',
      description: '车辆堵住消防通道',
    };
    const res = await app().inject({ method: 'POST', url: '/open311/v2/requests.json', payload });
    expect(res.statusCode, res.body).toBe(201);
    const [created] = res.json();
    expect(created.account_id).toBeNull();
    const stored = (await app().inject('/api/reports?source=wechat&category=09009')).json().reports;
    expect(stored).toHaveLength(1);
    expect(stored[0].id).toBe(created.service_request_id);
    expect(stored[0].lon).not.toBe(109.0148); // converted from GCJ-02 to WGS84
    const [read] = (await app().inject(`/open311/v2/requests/${created.service_request_id}.json`)).json();
    expect(read.agency_responsible).toBe('公安交警');
  });

  test.for([
    ['no service_code', { service_code: '' }, 400, 'service_code was not provided'],
    ['no position but an address', { lat: '', long: '' }, 400, 'does not geocode'],
    ['a latitude that is not a number', { lat: 'north' }, 400, 'lat must be a decimal number'],
    ['a latitude out of range', { lat: '132.685' }, 400, 'CG_ERR_COORD'],
    ['an unknown coordinate system', { crs: 'EPSG:32649' }, 400, 'CG_ERR_CRS_UNKNOWN'],
    ['an unknown source', { source: 'fax' }, 400, 'source'],
  ] as const)("refuses %s with the spec's error format", async ([, replace, status, text]) => {
    const res = await app().inject({ method: 'POST', url: '/open311/v2/requests.json', headers: FORM, payload: specPost(replace) });
    expect(res.statusCode).toBe(status);
    const body = res.json();
    expect(body[0]).toEqual({ code: status, description: expect.stringContaining(text) });
  });

  test('stores nothing when the report is refused', async () => {
    const before = (await app().inject('/api/reports?limit=1000')).json().reports.length;
    await app().inject({ method: 'POST', url: '/open311/v2/requests.json', headers: FORM, payload: specPost({ crs: 'EPSG:32649' }) });
    expect((await app().inject('/api/reports?limit=1000')).json().reports.length).toBe(before);
    const count = await app().store.readSnapshot(async (s) =>
      Number(
        (
          await s.conn.runAndReadAll(
            'SELECT count(*) AS n FROM open311_requests r WHERE NOT EXISTS (SELECT 1 FROM reports WHERE id = r.id)',
          )
        ).getRowObjectsJS()[0].n,
      ),
    );
    expect(count).toBe(0);
  });
});

describe('POST /open311/v2/requests.json under a city profile', () => {
  const app = sharedApp(async (a) => {
    await loadFixture(a, false);
    await a.store.profiles.replace(CITY);
  });
  const post = (fields: Record<string, string>, more: [string, string][] = []) =>
    app().inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: FORM,
      payload: new URLSearchParams([...Object.entries({ lat: '32.685', long: '109.005', ...fields }), ...more]).toString(),
    });

  test("converts attribute[code]=value by type and stores them as the report's attributes, dispatched by them", async () => {
    const res = await post({
      service_code: '06001',
      'attribute[area_m2]': '620.5',
      'attribute[storeys]': '2',
      'attribute[fenced]': 'false',
      'attribute[material]': '彩钢',
      'attribute[owner]': '0012',
    });
    expect(res.statusCode, res.body).toBe(201);
    const [created] = res.json();
    expect(created.service_notice).toBe('已受理，已派至西南网格（网格 A1，T1）；责任部门：市城管局。');
    const { report } = await app().store.reports.report(created.service_request_id);
    expect(report).toMatchObject({
      category: '06001',
      attributes: { area_m2: 620.5, storeys: 2, fenced: false, material: '彩钢', owner: '0012' },
      department: 'cgj-city',
      owner_level: 'city',
    });
    const [read] = (await app().inject(`/open311/v2/requests/${created.service_request_id}.json`)).json();
    expect(read).toMatchObject({ service_name: '私搭乱建', agency_responsible: '市城管局' });
  });

  test("takes the attributes as JSON too, and the city's own codes: dispatched by their standard code, else to the profile's default", async () => {
    const small = await app().inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { service_code: '06001', lat: 32.685, long: 109.005, attribute: { area_m2: '12' } },
    });
    expect(small.statusCode, small.body).toBe(201);
    expect(small.json()[0].service_notice).toContain('责任部门：城管局。');
    const read = async (fields: Record<string, string>) => {
      const res = await post(fields);
      expect(res.statusCode, res.body).toBe(201);
      return [res.json()[0], (await app().inject(`/open311/v2/requests/${res.json()[0].service_request_id}.json`)).json()[0]];
    };
    const [, bulky] = await read({ service_code: 'Bulky Items', description: '旧沙发' });
    expect(bulky).toMatchObject({
      service_code: 'Bulky Items',
      service_name: '大件垃圾',
      description: '旧沙发',
      agency_responsible: '城管局',
    });
    const [created, pothole] = await read({ service_code: 'Potholes' });
    expect(pothole).toMatchObject({ service_name: '坑洼', agency_responsible: '城管局' }); // no rule: the first department
    expect(created.service_notice).toBe('已受理，已派至西南网格（网格 A1，T1）；责任部门：城管局。');
  });

  test.for([
    ['a number that is not one', { 'attribute[area_m2]': 'big' }, 'attributes/area_m2 must be a number'],
    ['a number out of range', { 'attribute[area_m2]': '-3' }, 'attributes/area_m2 must be at least 0'],
    [
      'a fraction for a whole number',
      { 'attribute[area_m2]': '5', 'attribute[storeys]': '1.5' },
      'attributes/storeys must be a whole number',
    ],
    [
      'a boolean that is neither true nor false',
      { 'attribute[area_m2]': '5', 'attribute[fenced]': 'yes' },
      'attributes/fenced must be true or false',
    ],
    [
      'a value not in the list',
      { 'attribute[area_m2]': '5', 'attribute[material]': '木' },
      'attributes/material must be one of 砖混, 彩钢',
    ],
    [
      'several values for one attribute',
      { 'attribute[area_m2]': '5', 'attribute[material]': '砖混', more: '彩钢' },
      'attributes/material must be one of',
    ],
    ['a required attribute left out', {}, 'attributes/area_m2 is required'],
    [
      'an attribute the category does not define',
      { 'attribute[area_m2]': '5', 'attribute[colour]': 'red' },
      'attributes/colour unknown attribute',
    ],
  ] as const)('refuses %s with 400 in the Open311 format, naming the attribute, and stores nothing', async ([, attributes, text]) => {
    const before = (await app().inject('/api/reports?category=06001&limit=1000')).json().reports.length;
    const { more, ...fields } = attributes as Record<string, string>;
    const res = await post({ service_code: '06001', ...fields }, more ? [['attribute[material]', more]] : []);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toContainEqual({ code: 400, description: expect.stringContaining(text) });
    expect((await app().inject('/api/reports?category=06001&limit=1000')).json().reports.length).toBe(before);
  });

  test("keeps an unknown service_code under its own text when the profile's unknown_category is other", async () => {
    expect((await post({ service_code: 'Graffiti Removal' })).statusCode).toBe(404);
    await app().store.profiles.replace({ ...CITY, unknown_category: 'other' });
    try {
      const res = await post({ service_code: 'Graffiti Removal', 'attribute[wall]': 'north' });
      expect(res.statusCode, res.body).toBe(201);
      const { report } = await app().store.reports.report(res.json()[0].service_request_id);
      expect(report).toMatchObject({ category: 'Graffiti Removal', category_known: false, attributes: { wall: 'north' } });
    } finally {
      await app().store.profiles.replace(CITY);
    }
  });
});

describe('GET /open311/v2/requests.json', () => {
  const app = sharedApp(loadFixture);

  test("lists the reports of a window as open requests, newest first, with the spec's fields", async () => {
    const res = await app().inject(
      '/open311/v2/requests.json?start_date=2024-05-01T00:00:00Z&end_date=2024-05-09T00:00:00Z&status=open&jurisdiction_id=city.gov',
    );
    expect(res.statusCode).toBe(200);
    const list = res.json();
    expect(list.map((r: { service_request_id: string }) => r.service_request_id)).toEqual(['r8', 'r7', 'r6', 'r5', 'r4', 'r3', 'r2', 'r1']);
    for (const r of list) expect(Object.keys(r).sort()).toEqual([...REQUEST_FIELDS].sort());
    expect(list[7]).toMatchObject({
      status: 'open',
      service_code: '06010',
      description: null,
      lat: 32.685,
      long: 109.005,
      requested_datetime: '2024-05-01T00:00:00.000Z',
    });
  });

  test.for([
    ["the spec's sample query (no requests then)", 'start_date=2010-05-24T00:00:00Z&end_date=2010-06-24T00:00:00Z&status=open', []],
    [
      'service_code, comma separated',
      'start_date=2024-05-01T00:00:00Z&end_date=2024-05-09T00:00:00Z&service_code=09006,07001',
      ['r6', 'r4', 'r2'],
    ],
    ['end_date inclusive', 'start_date=2024-05-01T00:00:00Z&end_date=2024-05-02T09:00:00Z', ['r2', 'r1']],
    [
      'service_request_id, overriding every other argument',
      'service_request_id=r1,r3&start_date=2030-01-01T00:00:00Z&service_code=09006',
      ['r3', 'r1'],
    ],
    ['status=closed: nothing is closed yet', 'start_date=2024-05-01T00:00:00Z&end_date=2024-05-09T00:00:00Z&status=closed', []],
    ['the most recent 90 days by default', '', []],
  ] as const)('filters by %s', async ([, query, expected]) => {
    const res = await app().inject(`/open311/v2/requests.json?${query}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().map((r: { service_request_id: string }) => r.service_request_id)).toEqual(expected);
  });

  test.for([
    ['a span over 90 days', 'start_date=2024-01-01T00:00:00Z&end_date=2024-05-01T00:00:00Z', 400, '90 days'],
    ['a bad date', 'start_date=yesterday', 400, 'start_date'],
    ['an unknown status', 'status=pending', 400, 'status'],
  ] as const)('refuses %s', async ([, query, status, text]) => {
    const res = await app().inject(`/open311/v2/requests.json?${query}`);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toEqual([{ code: status, description: expect.stringContaining(text) }]);
  });

  test('GET requests/{id}.json answers one request, 404 for an unknown id, and any report is a request', async () => {
    const res = await app().inject('/open311/v2/requests/r6.json');
    expect(res.json()).toEqual([
      expect.objectContaining({
        service_request_id: 'r6',
        service_code: '09006',
        service_name: '占道经营',
        service_notice: '已受理，已派至东北网格（网格 B2，T1）；责任部门：城管局。',
        agency_responsible: '城管局',
      }),
    ]);
    const missing = await app().inject('/open311/v2/requests/nope.json');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual([{ code: 404, description: 'service_request_id "nope" was not found' }]);
  });

  test('an unknown path under /open311/v2 (XML, say) answers 404 in the Open311 format', async () => {
    const res = await app().inject('/open311/v2/services.xml');
    expect(res.statusCode).toBe(404);
    expect(res.json()[0]).toMatchObject({ code: 404, description: expect.stringContaining('JSON') });
  });
});

describe('parseForm', () => {
  test.for([
    ['plain fields, + as a space', 'a=1&b=x+y', { a: '1', b: 'x y' }],
    [
      'attributes as a map',
      'attribute[WHISPAWN]=123456&attribute[WHISDORN]=COISL001',
      { attribute: { WHISPAWN: '123456', WHISDORN: 'COISL001' } },
    ],
    [
      'a multivaluelist',
      'attribute[code1][]=value1&attribute[code1][]=value2&attribute[code1][]=value3',
      { attribute: { code1: ['value1', 'value2', 'value3'] } },
    ],
    ['percent-encoded brackets', 'attribute%5Bc%5D=v', { attribute: { c: 'v' } }],
    ['no prototype keys', '__proto__=x&constructor=y', {}],
  ] as const)('reads %s', ([, text, expected]) => {
    expect(parseForm(text)).toEqual(expected);
  });
});

describe('Open311 with access control on', () => {
  /** An app with keys required, the 2×2 grids, and a key per role. */
  async function secured(t: TestContext, options: BuildOptions = {}) {
    const app = await build(t, { auth: {}, ...options });
    const parsed = parseGrids(fixture('grid-2x2/grids.geojson'));
    if (!parsed.ok) throw new Error('fixture does not parse');
    await app.store.replaceGrids(parsed.gridSet);
    const keys: Record<string, string> = {};
    for (const role of ['viewer', 'reporter'] as const) keys[role] = (await app.store.keys.create({ role })).key;
    return { app, keys };
  }
  const post = (
    app: Awaited<ReturnType<typeof secured>>['app'],
    payload: string,
    url = '/open311/v2/requests.json',
    headers: Record<string, string> = {},
  ) => app.inject({ method: 'POST', url, headers: { ...FORM, ...headers }, payload });

  test.for([
    ['a reporter key in the api_key form field', 201, (k: Record<string, string>) => ({ body: { api_key: k.reporter } })],
    [
      'a reporter key in the query string',
      201,
      (k: Record<string, string>) => ({ body: { api_key: '' }, query: `?api_key=${k.reporter}` }),
    ],
    [
      'a reporter key as Authorization: Bearer',
      201,
      (k: Record<string, string>) => ({ body: { api_key: '' }, headers: { authorization: `Bearer ${k.reporter}` } }),
    ],
    ["no key (the spec example's api_key=xyz removed)", 403, () => ({ body: { api_key: '' } })],
    ["the spec example's api_key=xyz", 403, () => ({})],
    ['a viewer key', 403, (k: Record<string, string>) => ({ body: { api_key: k.viewer } })],
    [
      'a bad api_key even with a good header key',
      403,
      (k: Record<string, string>) => ({ body: { api_key: 'cg_000000000000_nope' }, headers: { authorization: `Bearer ${k.reporter}` } }),
    ],
  ] as const)('POST requests.json with %s answers %i', async ([, status, how], t) => {
    const { app, keys } = await secured(t);
    const {
      body = {},
      query = '',
      headers = {},
    } = how(keys) as { body?: Record<string, string>; query?: string; headers?: Record<string, string> };
    const res = await post(app, specPost(body), `/open311/v2/requests.json${query}`, headers);
    expect(res.statusCode, res.body).toBe(status);
    if (status === 403) expect(res.json()).toEqual([{ code: 403, description: expect.stringMatching(/API key|api_key|reporter/) }]);
  });

  test('the reads follow the /api reads: a viewer key, or none with publicRead; services.json is open', async (t) => {
    const { app, keys } = await secured(t);
    expect((await app.inject('/open311/v2/services.json')).statusCode).toBe(200);
    const anonymous = await app.inject('/open311/v2/requests.json');
    expect(anonymous.statusCode).toBe(403);
    expect(anonymous.json()).toEqual([{ code: 403, description: expect.stringContaining('no API key') }]);
    expect((await app.inject({ url: '/open311/v2/requests.json', headers: { authorization: `Bearer ${keys.viewer}` } })).statusCode).toBe(
      200,
    );
    const open = await secured(t, { auth: { publicRead: true } });
    expect((await open.app.inject('/open311/v2/requests/nope.json')).statusCode).toBe(404);
  });
});
