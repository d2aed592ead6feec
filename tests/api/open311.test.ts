// Open311 GeoReport v2 over HTTP against a real database: both formats, the spec's field lists, intake
// into ordinary orders, the api_key rule, the filters, and no personal data on the public side.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

type Json = Record<string, any>;
interface El {
  tag: string;
  text: string;
  children: El[];
}

// The spec's field lists (https://wiki.open311.org/GeoReport_v2), in its order.
const SERVICE = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
const ATTRIBUTE = [
  'variable',
  'code',
  'datatype',
  'required',
  'datatype_description',
  'order',
  'description',
  'values',
];
const REQUEST = [
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
const CREATED = ['service_request_id', 'service_notice', 'account_id'];
const PHONE = '13987654321';

/** A tag walk, enough for the spec's element-only documents. */
function parseXml(xml: string): El {
  const root: El = { tag: '#', text: '', children: [] };
  const stack = [root];
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  for (const m of xml.replace(/^<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([a-z_]+)(\/?)>|([^<]+)/g)) {
    const top = stack[stack.length - 1];
    if (m[4] !== undefined) top.text += decode(m[4]);
    else if (m[1]) stack.pop();
    else {
      const el: El = { tag: m[2], text: '', children: [] };
      top.children.push(el);
      if (!m[3]) stack.push(el);
    }
  }
  expect(stack).toHaveLength(1);
  return root.children[0];
}
const tags = (e: El) => e.children.map((c) => c.tag);
const child = (e: El, tag: string) => e.children.find((c) => c.tag === tag)!;

let t: TestApp;
const clock = { now: new Date('2026-01-05T02:00:00Z') };
let tokens: Record<string, string>;
let inside: { lat: string; long: string };
let outside: { lat: string; long: string }; // beyond the district
let elsewhere: { lat: string; long: string }; // in the district, outside community1's community
let oldId: string;
const ours = new Set<string>(); // every request this file created; the template may hold demo orders too

/** Open311 has no locale field: a client asks for a language with Accept-Language (zh-CN by default). */
const get = async (path: string, lang?: string) =>
  lang ? fetch(`${t.url}/open311/v2/${path}`, { headers: { 'accept-language': lang } }) : t.get(`/open311/v2/${path}`);
const getJson = async (path: string) => {
  const r = await get(path);
  expect(r.status, await r.clone().text()).toBe(200);
  return (await r.json()) as any;
};
const getXml = async (path: string) => {
  const r = await get(path);
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/^text\/xml; charset=utf-8/);
  return parseXml(await r.text());
};
const form = (params: Record<string, string>, format = 'json', headers: Record<string, string> = {}) =>
  fetch(`${t.url}/open311/v2/requests.${format}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en', ...headers },
    body: new URLSearchParams(params).toString(),
  });
const report = (over: Record<string, string> = {}, who = 'dispatcher') => ({
  api_key: tokens[who],
  service_code: 'SAN-01',
  description: '小区门口垃圾堆放三天',
  ...inside,
  'attribute[volumeM3]': '2.5',
  ...over,
});
const orderCount = async () => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM orders`)).rows[0].n;
async function created(r: Response, status = 201): Promise<string> {
  const body = (await r.json()) as Json[];
  expect(r.status, JSON.stringify(body)).toBe(status);
  expect(Object.keys(body[0])).toEqual(CREATED);
  ours.add(body[0].service_request_id);
  return body[0].service_request_id;
}

beforeAll(async () => {
  t = await startTestApp({}, { now: () => clock.now });
  tokens = {};
  for (const u of ['admin', 'dispatcher', 'planner', 'community1', 'worker1']) tokens[u] = await t.login(u);
  const g = (
    await t.db.query<{ lon: number; lat: number; path: string }>(
      `SELECT ST_X(g.label_point) AS lon, ST_Y(g.label_point) AS lat, g.path FROM accounts a JOIN areas g ON g.id = a.area_id WHERE a.username = 'worker1'`,
    )
  ).rows[0];
  inside = { lat: String(g.lat), long: String(g.lon) };
  const o = (
    await t.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas WHERE level = 'grid' AND path NOT LIKE (SELECT path FROM areas WHERE id = (SELECT parent_id FROM areas WHERE path = $1)) || '%' ORDER BY id LIMIT 1`,
      [g.path],
    )
  ).rows[0];
  elsewhere = { lat: String(o.lat), long: String(o.lon) };
  const e = (
    await t.db.query<{ x: number; y: number }>(
      `SELECT ST_XMax(ST_Extent(geom)) + 0.5 AS x, ST_YMax(ST_Extent(geom)) AS y FROM areas`,
    )
  ).rows[0];
  outside = { lat: String(e.y), long: String(e.x) };
  oldId = await created(await form(report({ description: '旧的报告' })));
  clock.now = new Date('2026-04-20T02:00:00Z'); // 105 days later: the old report is outside the default window
});
afterAll(async () => t?.close());

describe('discovery and services', () => {
  it('describes the endpoint in both formats', async () => {
    const j = await getJson('discovery.json');
    expect(Object.keys(j)).toEqual(['changeset', 'contact', 'key_service', 'endpoints']);
    expect(j.endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      url: `${t.url}/open311/v2`,
      formats: ['application/json', 'text/xml'],
    });
    const x = await getXml('discovery.xml');
    expect(tags(x)).toEqual(['changeset', 'contact', 'key_service', 'endpoints']);
    expect(tags(child(child(x, 'endpoints'), 'endpoint'))).toEqual([
      'specification',
      'url',
      'changeset',
      'type',
      'formats',
    ]);
  });

  it('lists one service per category with the spec fields, grouped by family', async () => {
    const j = (await getJson('services.json')) as Json[];
    expect(j.length).toBeGreaterThan(40);
    for (const s of j) expect(Object.keys(s)).toEqual(SERVICE);
    expect(j.find((s) => s.service_code === 'SAN-01')).toMatchObject({
      service_name: '垃圾堆放',
      metadata: true,
      type: 'realtime',
      group: '环境卫生',
    });
    expect(j.find((s) => s.service_code === 'SAN-02')!.metadata).toBe(false);
    expect(j.find((s) => s.service_code === 'SAF-01')!.metadata).toBe(true); // hazard level
    const x = await getXml('services.xml');
    expect(x.tag).toBe('services');
    expect(x.children).toHaveLength(j.length);
    for (const s of x.children) expect(s.tag === 'service' && tags(s)).toEqual(SERVICE);
    expect(child(x.children[0], 'service_name').text).toBe(j[0].service_name);
  });

  it('defines a service by its fields, with the hazard level for safety reports', async () => {
    const j = await getJson('services/SAF-02.json');
    expect(Object.keys(j)).toEqual(['service_code', 'attributes']);
    for (const a of j.attributes) expect(Object.keys(a)).toEqual(ATTRIBUTE);
    expect(j.attributes.map((a: Json) => [a.code, a.datatype, a.required, a.order])).toEqual([
      ['hazardLevel', 'singlevaluelist', true, 1],
      ['equipment', 'singlevaluelist', true, 2],
    ]);
    expect(j.attributes[1].values[0]).toEqual({ key: 'extinguisher', name: '灭火器' });
    const en = (await (await get('services/SAF-02.json', 'en')).json()) as Json;
    expect(en.attributes[1].values[0]).toEqual({ key: 'extinguisher', name: 'Extinguisher' });
    const x = await getXml('services/SAF-02.xml');
    expect(tags(x)).toEqual(['service_code', 'attributes']);
    const attr = child(x, 'attributes').children[1];
    expect(tags(attr)).toEqual(ATTRIBUTE);
    expect(tags(child(attr, 'values').children[0])).toEqual(['key', 'name']);
  });

  it('answers an unknown service code with 404 and the spec error body in both formats', async () => {
    const r = await get('services/NOPE-1.json', 'en');
    expect(r.status).toBe(404);
    expect(await r.json()).toEqual([{ code: 404, description: expect.stringMatching(/NOPE-1 not found/) }]);
    expect(await (await get('services/NOPE-1.json')).json()).toEqual([
      { code: 404, description: 'service_code NOPE-1 不存在，见 services.json' },
    ]);
    const x = await get('services/NOPE-1.xml');
    expect(x.status).toBe(404);
    const e = parseXml(await x.text());
    expect(e.tag).toBe('errors');
    expect(tags(e.children[0])).toEqual(['code', 'description']);
    expect(child(e.children[0], 'code').text).toBe('404');
  });
});

describe('POST requests', () => {
  it('turns a form-encoded report into an ordinary order from source open311, pushed live', async () => {
    const id = await created(
      await form(report({ first_name: '阿姨', last_name: '王', phone: PHONE, media_url: 'https://example.com/a.jpg' })),
    );
    const d = (await (await t.get(`/api/orders/${id}`, tokens.dispatcher)).json()) as Json;
    expect(d).toMatchObject({
      source: 'open311',
      categoryCode: 'SAN-01',
      status: 'reported',
      fields: { volumeM3: 2.5, media_url: 'https://example.com/a.jpg' },
    });
    expect(d.reporter).toEqual({ name: '王阿姨', phone: PHONE });
    const pushes = await t.db.query(
      `SELECT 1 FROM pushes WHERE topic = 'order:created' AND (payload->'order'->>'id')::int = $1`,
      [Number(id)],
    );
    expect(pushes.rowCount).toBe(1);
  });

  it('accepts JSON with an attribute object, answers in XML, and honours Idempotency-Key', async () => {
    const body = {
      api_key: tokens.worker1,
      service_code: 'SAF-03',
      lat: Number(inside.lat),
      long: Number(inside.long),
      attribute: { hazardLevel: 'major' },
    };
    const send = () =>
      fetch(`${t.url}/open311/v2/requests.xml`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'open311-retry-1' },
        body: JSON.stringify(body),
      });
    const first = await send();
    expect(first.status).toBe(201);
    const x = parseXml(await first.text());
    expect(x.tag).toBe('service_requests');
    expect(tags(x.children[0])).toEqual(CREATED);
    const again = await send();
    expect(again.status).toBe(200);
    expect(child(parseXml(await again.text()).children[0], 'service_request_id').text).toBe(
      child(x.children[0], 'service_request_id').text,
    );
  });

  it('needs an api_key of an account that may report: 403 otherwise, in the spec shape', async () => {
    const n = await orderCount();
    const noKey = await form({ ...report(), api_key: '' });
    expect(noKey.status).toBe(403);
    expect(await noKey.json()).toEqual([{ code: 403, description: expect.stringMatching(/api_key was not provided/) }]);
    expect((await form(report({ api_key: 'forged-token' }), 'xml')).status).toBe(403);
    expect((await form(report({}, 'planner'))).status).toBe(403);
    expect((await form(report(elsewhere, 'community1'))).status).toBe(403); // outside that operator's community
    expect(await orderCount()).toBe(n);
  });

  it.each([
    ['a point outside the district', 'outside', 400, /GCJ-02/],
    ['an address without coordinates', { lat: '', long: '', address_string: '人民路 1 号' }, 400, /not geocoded/],
    ['no location at all', { lat: '', long: '' }, 400, /lat and long/],
    ['lat without long', { long: '' }, 400, /both lat and long/],
    ['a non-numeric lat', { lat: 'north' }, 400, /decimal degrees/],
    ['an unknown service_code', { service_code: 'XYZ-9' }, 404, /XYZ-9 not found/],
    ['no service_code', { service_code: '' }, 400, /service_code was not provided/],
    ['an unknown attribute', { 'attribute[colour]': 'red' }, 400, /no such attribute/],
    ['a non-numeric number attribute', { 'attribute[volumeM3]': 'lots' }, 400, /must be a number/],
    [
      'a missing required attribute',
      { service_code: 'GRP-01', 'attribute[volumeM3]': '' },
      400,
      /attribute\[occupants\]/,
    ],
    [
      'a safety report without a hazard level',
      { service_code: 'SAF-07', 'attribute[volumeM3]': '' },
      400,
      /attribute\[hazardLevel\]/,
    ],
    [
      'a landline phone',
      { first_name: '三', last_name: '张', phone: '021-5555-1234' },
      400,
      /^phone: .*Chinese mobile/,
    ],
    ['a name without a phone', { first_name: '三', last_name: '张' }, 400, /mobile phone too/],
    ['a media_url that is not http(s)', { media_url: 'javascript:alert(1)' }, 400, /media_url/],
    ['a description over 2000 characters', { description: '长'.repeat(2001) }, 400, /2000/],
  ] as const)('refuses %s with a message and writes nothing', async (_name, over, status, message) => {
    const n = await orderCount();
    const r = await form(report(over === 'outside' ? outside : over));
    const body = (await r.json()) as Json[];
    expect(r.status).toBe(status);
    expect(body[0].code).toBe(status);
    expect(body[0].description).toMatch(message);
    expect(await orderCount()).toBe(n);
  });

  it('answers a malformed JSON body in the spec shape', async () => {
    const r = await fetch(`${t.url}/open311/v2/requests.xml`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(r.status).toBe(400);
    expect(parseXml(await r.text()).tag).toBe('errors');
  });
});

describe('GET requests', () => {
  let a: string;
  let b: string;
  beforeAll(async () => {
    a = await created(
      await form(report({ description: '<b>"危险" & \'紧急\'</b>', first_name: '四', last_name: '李', phone: PHONE })),
    );
    b = await created(
      await form(report({ service_code: 'SAF-01', 'attribute[volumeM3]': '', 'attribute[hazardLevel]': 'major' })),
    );
    const cancel = await t.post(
      `/api/orders/${a}/actions`,
      { action: 'cancel', reason: '已现场核实，无需处置' },
      tokens.dispatcher,
    );
    expect(cancel.status).toBe(200);
    // The only free text Open311 shows is a public text the center published (tests/api/privacy-free-text.test.ts).
    const published = await fetch(`${t.url}/api/orders/${a}/public-text`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.dispatcher}` },
      body: JSON.stringify({ text: '<b>"危险" & \'紧急\'</b>' }),
    });
    expect(published.status).toBe(200);
  });
  const ids = async (query: string) =>
    ((await getJson(`requests.json${query}`)) as Json[]).map((r) => r.service_request_id).filter((id) => ours.has(id));

  it('returns each request with exactly the spec fields, in both formats, times in +08:00', async () => {
    const [r] = (await getJson(`requests/${b}.json`)) as Json[];
    expect(Object.keys(r)).toEqual(REQUEST);
    expect(r).toMatchObject({
      service_request_id: b,
      status: 'open',
      service_code: 'SAF-01',
      agency_responsible: '区消防救援支队',
      address: '',
      lat: Number(inside.lat),
      long: Number(inside.long),
    });
    expect(r.requested_datetime).toBe('2026-04-20T10:00:00+08:00');
    expect(r.expected_datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    const x = await getXml(`requests/${a}.xml`);
    expect(x.children).toHaveLength(1);
    expect(tags(x.children[0])).toEqual(REQUEST);
    expect(child(x.children[0], 'description').text).toBe('<b>"危险" & \'紧急\'</b>');
    expect(child(x.children[0], 'status').text).toBe('closed');
    expect(child(x.children[0], 'status_notes').text).toBe('已撤销'); // the step, not its reason
    for (const item of (await getXml('requests.xml')).children) expect(tags(item)).toEqual(REQUEST);
  });

  it('defaults to the last 90 days and filters by dates, status, service code and ids', async () => {
    expect(await ids('')).toEqual(expect.arrayContaining([a, b]));
    expect(await ids('')).not.toContain(oldId);
    expect(await ids('?start_date=2026-01-01T00:00:00Z&end_date=2026-01-31')).toEqual([oldId]);
    expect(await ids('?start_date=2026-01-05')).toEqual([oldId]); // 90 days from the start
    expect(await ids('?status=closed')).toEqual([a]);
    expect(await ids('?status=open&service_code=SAF-01')).toEqual([b]);
    expect(await ids('?service_code=SAF-01,SAN-01&status=open,closed')).toEqual(expect.arrayContaining([a, b]));
    expect(await ids(`?service_request_id=${oldId},${b}&status=closed`)).toEqual([b, oldId]); // ids override the rest
  });

  it.each([
    ['?start_date=yesterday', /W3C datetime/],
    ['?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z', /90 days/],
    ['?start_date=2026-02-01&end_date=2026-01-01', /after end_date/],
    ['?status=pending', /open or closed/],
    ['?service_code=NOPE', /not found/],
    ['?service_request_id=1,abc', /not a valid id/],
  ])('refuses %s with 400', async (query, message) => {
    const r = await get(`requests.json${query}`, 'en-US,en;q=0.9');
    expect(r.status).toBe(400);
    expect(((await r.json()) as Json[])[0].description).toMatch(message);
  });

  it('answers unknown requests, tokens and endpoints with 404', async () => {
    expect((await get('requests/999999.json')).status).toBe(404);
    expect((await get('tokens/999999.xml')).status).toBe(404);
    expect((await get('requests/abc.json')).status).toBe(400);
    expect((await get('services.csv')).status).toBe(400);
    const r = await get('nothing-here.json');
    expect(r.status).toBe(404);
    expect(((await r.json()) as Json[])[0].code).toBe(404);
  });

  it('keeps 特殊群体关爱 orders, which locate vulnerable people, off the public channel', async () => {
    const r = await t.post(
      '/api/orders',
      {
        categoryCode: 'CARE-01',
        description: '独居老人多日未出门',
        source: 'grid_worker',
        lon: Number(inside.long),
        lat: Number(inside.lat),
        fields: { careFileId: 'CF-1', need: 'health' },
      },
      tokens.dispatcher,
    );
    const id = String(((await r.json()) as Json).order.id);
    expect((await get(`requests/${id}.json`)).status).toBe(404);
    expect((await get(`tokens/${id}.json`)).status).toBe(404);
    expect(((await getJson('requests.json')) as Json[]).map((x) => x.service_code)).not.toContain('CARE-01');
    expect(((await getJson('services.json')) as Json[]).map((x) => x.service_code)).not.toContain('CARE-01');
    expect((await form(report({ service_code: 'CARE-01', 'attribute[volumeM3]': '' }))).status).toBe(404);
  });

  it('resolves a token to its request id (requests are created synchronously)', async () => {
    expect(await getJson(`tokens/${b}.json`)).toEqual([{ service_request_id: b, token: b }]);
    expect(tags((await getXml(`tokens/${b}.xml`)).children[0])).toEqual(['service_request_id', 'token']);
  });

  it('never shows the reporter: no name, no phone digits, in any read', async () => {
    const reads = [
      'requests.json',
      'requests.xml',
      `requests/${a}.json`,
      `requests/${a}.xml`,
      `tokens/${a}.json`,
      `requests.json?service_request_id=${a}`,
    ];
    for (const p of reads) {
      const text = await (await get(p)).text();
      expect(text).not.toContain(PHONE);
      expect(text).not.toMatch(/李四|王阿姨|first_name|"phone"|<phone>/);
    }
  });

  it('appears in the OpenAPI document with the spec paths', async () => {
    const doc = (await (await t.get('/api/openapi.json')).json()) as { paths: Record<string, Json> };
    expect(Object.keys(doc.paths['/open311/v2/requests.{format}']).sort()).toEqual(['get', 'post']);
    expect(doc.paths['/open311/v2/services/{service_code}.{format}'].get.parameters.map((p: Json) => p.name)).toEqual([
      'service_code',
      'format',
    ]);
  });
});
