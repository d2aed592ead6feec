// Hardening, the other half of security.test.ts: every route in the registry, tried by an account whose role
// the route allows but whose area scope does not hold the target — a sibling community, the street and the
// district above, a grid next door. A named target answers 403 or 404; a list answers 200 with nothing from
// outside the scope; an upload naming outside places writes nothing. Each denial is checked against a control
// (the district account of an allowed role reaches the same target), so a probe that only ever misses cannot pass.
import { VectorTile } from '@mapbox/vector-tile';
import ExcelJS from 'exceljs';
import Protobuf from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../contract/auth.js';
import { registeredRoutes, type RouteSpec } from '../../api/http/route.js';
import { pollLayerImport } from '../helpers/layer-imports.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

type Json = any;
type Spec = RouteSpec<never, never, never>;
type Kind =
  | 'area'
  | 'order'
  | 'worker'
  | 'resident'
  | 'resource'
  | 'import'
  | 'scenario'
  | 'special'
  | 'alarm'
  | 'photo'
  | 'surveyImport'
  | 'layerImport'
  | 'rosterImport'
  | 'responsibilityImport'
  | 'responsibility'
  | 'account'
  | 'webhook'
  | 'visit'
  | 'referral';

/** Routes no area scope applies to, each with the reason. A new route lands here only by a conscious edit. */
const UNSCOPED: Record<string, string> = {
  'GET /api/health': 'public liveness probe',
  'GET /api/openapi.json': 'public description of the API',
  'GET /api/meta': 'the loaded city (name, extent, tile URLs): the same for every account',
  'POST /api/auth/login': 'public: opens a session for the account named',
  'POST /api/auth/logout': "ends the caller's own session",
  'GET /api/auth/me': "the caller's own account",
  'GET /tiles/basemap/:z/:x/:y.pbf': 'base map (roads, water): public geography, no area-scoped data',
  'GET /api/basemap/:z/:x/:y':
    'base map from the configured MBTiles/PMTiles file: public geography, no area-scoped data',
  'GET /api/departments': 'district-wide catalogue of departments',
  'GET /api/order-categories': 'district-wide catalogue of categories',
  'GET /api/needs/items': 'district-wide questionnaire',
  'GET /api/wall/layouts': 'wall layouts are screen geometry, shared by every wall',
  'PUT /api/wall/layouts/:id': 'wall layouts are screen geometry, shared by every wall (admin)',
  'DELETE /api/wall/layouts/:id': 'wall layouts are screen geometry, shared by every wall (admin)',
  'GET /api/evaluation/system': 'the indicator system is one for the district by design',
  'POST /api/evaluation/system/nodes': 'the indicator system is one for the district by design (admin)',
  'PATCH /api/evaluation/system/nodes/:id': 'the indicator system is one for the district by design (admin)',
  'DELETE /api/evaluation/system/nodes/:id': 'the indicator system is one for the district by design (admin)',
  'PUT /api/evaluation/system/weights': 'the indicator system is one for the district by design (admin)',
  'GET /api/evaluation/periods': 'district-wide calendar of evaluation periods',
  'POST /api/evaluation/ahp': 'pure computation on the matrix sent, reads nothing',
  'POST /api/photos': 'stores an upload owned by the caller; reading it back is scoped (GET /api/photos/:id)',
  'POST /api/positions': "writes the caller's own worker only (socket-security.test.ts checks the same over Socket.IO)",
  'GET /open311/v2/discovery.:format': 'public Open311 discovery',
  'GET /open311/v2/services.:format': 'public Open311 service list',
  'GET /open311/v2/services/:service_code.:format': 'public Open311 service definition',
  'GET /open311/v2/requests.:format': 'public Open311 view of requests, without personal data by design',
  'GET /open311/v2/requests/:service_request_id.:format':
    'public Open311 view of one request, without personal data by design',
  'POST /open311/v2/requests.:format': 'an Open311 report: the same path as POST /api/orders, probed there',
  'GET /open311/v2/tokens/:token.:format': 'public Open311 token lookup (the token is the capability)',
  'POST /api/auth/password': "changes the caller's own password",
  'GET /api/onboarding':
    "counts only, of rows under the caller's path (onboarding.test.ts checks a community account's against its scope)",
  'PUT /api/meta/city':
    'the city above every district: an admin over the whole installation only (security-write-scope probes a narrower one)',
  'POST /api/meta/demo/remove':
    'the whole demo city: an admin over the whole installation only (security-write-scope probes a narrower one)',
  'GET /api/departments/import/template.csv': 'district-wide catalogue of departments, as GET /api/departments',
  'GET /api/departments/import/template.xlsx': 'district-wide catalogue of departments, as GET /api/departments',
  'POST /api/departments/import':
    "the district's department list: an admin over the whole installation only (security-write-scope probes a narrower one)",
  'POST /api/departments/import/:id/accept':
    "the district's department list: an admin over the whole installation only (security-write-scope probes a narrower one)",
  'POST /api/departments/import/:id/cancel':
    "the district's department list: an admin over the whole installation only (security-write-scope probes a narrower one)",
  'GET /api/inbox':
    "the caller's own inbox: events of orders under the caller's path only (webhooks.test.ts checks a sibling community)",
  'POST /api/inbox/read': "marks the caller's own inbox read",
};

/** Which kind of object a path parameter names, by the route's path. */
const PARAM_KIND: [RegExp, Kind][] = [
  [/^\/api\/(areas|evaluation\/areas)\/:id/, 'area'],
  [/^\/api\/orders\/:id/, 'order'],
  [/^\/api\/workers\/:id/, 'worker'],
  [/^\/api\/residents\/:id/, 'resident'],
  [/^\/api\/resources\/:id/, 'resource'],
  [/^\/api\/imports\/:id/, 'import'],
  [/^\/api\/siting\/scenarios\/:id/, 'scenario'],
  [/^\/api\/evaluation\/specials\/:id/, 'special'],
  [/^\/api\/alarms\/:seq/, 'alarm'],
  [/^\/api\/photos\/:id/, 'photo'],
  [/^\/api\/needs\/import\/:id/, 'surveyImport'],
  [/^\/api\/layers\/imports\/:id/, 'layerImport'],
  [/^\/api\/workers\/roster\/:id/, 'rosterImport'],
  [/^\/api\/responsibilities\/import\/:id/, 'responsibilityImport'],
  [/^\/api\/responsibilities\/:id/, 'responsibility'],
  [/^\/api\/accounts\/:id/, 'account'],
  [/^\/api\/webhooks\/:id/, 'webhook'],
  [/^\/api\/visits\/:id/, 'visit'],
  [/^\/api\/visit-rules\/:id/, 'area'],
  [/^\/api\/referrals\/:id/, 'referral'],
];

interface Account {
  name: string;
  role: Role;
  token: string;
  areaId: number;
  path: string;
}

interface Target {
  id: number | string;
  label: string;
  level?: string;
  lon?: number;
  lat?: number;
  code?: string;
  geometry?: string;
}

interface Probe {
  method: string;
  path: string;
  query?: Record<string, string | number>;
  body?: unknown;
  form?: () => FormData;
  /** A 2xx answer is allowed; these return what in it lies outside the scope (nothing = fine). */
  leaks?: (body: Json, res: Response, a: Account) => Promise<string[]> | string[];
  /** Tables a 2xx answer must leave as they were. */
  unchanged?: string[];
  /** Statuses that count as a refusal besides 403/404 (a body naming an outside target may be invalid input). */
  refusals?: number[];
  /** What a district account of an allowed role sends to show that the target exists and is reachable. */
  control?: boolean;
}

let t: TestApp;
const scoped: Record<string, Account> = {};
const district: Partial<Record<Role, Account>> = {};
let community: { id: number; path: string; code: string };
let period: string;
let reverseIssue: { areaId: number; topic: string };

// What every scoped account may see, by kind: ids (areas also by their ancestors, which name the scope's place).
const inScope = new Map<
  string,
  { areas: Set<number>; ancestors: Set<number>; orders: Set<number>; workers: Set<number>; residents: Set<number> }
>();
// Out-of-scope targets, per account.
const outside = new Map<string, Record<Kind, Target[]>>();
// Names the answers must never carry for a community-scoped account: codes and addresses outside it.
let outsideCodes: Set<string>;
let outsideAddresses: Set<string>;

const ids = async (sql: string, params: unknown[] = []) =>
  new Set((await t.db.query<{ id: number }>(sql, params)).rows.map((r) => Number(r.id)));
const one = async <T = Json>(sql: string, params: unknown[] = []) =>
  (await t.db.query<T & object>(sql, params)).rows[0] as T;

async function send(p: Probe, token: string): Promise<Response> {
  const qs = p.query
    ? '?' + new URLSearchParams(Object.entries(p.query).map(([k, v]) => [k, String(v)])).toString()
    : '';
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  let body: BodyInit | undefined;
  if (p.form) body = p.form();
  else if (p.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(p.body);
  } else if (p.method !== 'get' && p.method !== 'delete') {
    headers['content-type'] = 'application/json';
    body = '{}';
  }
  return fetch(t.url + p.path + qs, { method: p.method.toUpperCase(), headers, body });
}

/** A square of about 20 m around a point (an outside grid's label point: wholly inside that grid), as a GeoJSON layer.
 * A feature that touches the importer's area is imported whole (a lake on the boundary); one wholly outside never. */
const squareAround = (p: { lon?: number; lat?: number }, name: string) => {
  const [x, y, d] = [p.lon!, p.lat!, 0.0001];
  const ring = [
    [x - d, y - d],
    [x + d, y - d],
    [x + d, y + d],
    [x - d, y + d],
    [x - d, y - d],
  ];
  return {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { name }, geometry: { type: 'Polygon', coordinates: [ring] } }],
  };
};
let rosterPhone = 13900139100;

const form =
  (name: string, content: string | Buffer, fields: Record<string, string> = {}) =>
  () => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) fd.append(k, v);
    fd.append(
      'file',
      new Blob([new Uint8Array(typeof content === 'string' ? Buffer.from(content, 'utf8') : content)]),
      name,
    );
    return fd;
  };

async function fingerprint(tables: string[]): Promise<string> {
  const out: string[] = [];
  for (const table of tables)
    out.push(
      (
        await one<{ h: string }>(
          `SELECT md5(coalesce(string_agg(x::text, E'\\n' ORDER BY x::text), '')) AS h FROM ${table} x`,
        )
      ).h,
    );
  return out.join(',');
}

// ---- what an answer may name -------------------------------------------------------------------------------

const REF_KEYS: Record<string, 'area' | 'order' | 'worker' | 'resident'> = {
  areaId: 'area',
  gridId: 'area',
  communityId: 'area',
  streetId: 'area',
  parentId: 'area',
  orderId: 'order',
  orderIds: 'order',
  workerId: 'worker',
  residentId: 'resident',
};

/** Every reference in a JSON answer (by its key) to an area, order, worker or resident outside the scope. */
function foreignRefs(body: Json, a: Account, where = ''): string[] {
  const s = inScope.get(a.name)!;
  const out: string[] = [];
  const check = (kind: string, v: unknown, at: string) => {
    if (typeof v !== 'number') return;
    const ok =
      kind === 'area'
        ? s.areas.has(v) || s.ancestors.has(v)
        : kind === 'order'
          ? s.orders.has(v)
          : kind === 'worker'
            ? s.workers.has(v)
            : s.residents.has(v);
    if (!ok) out.push(`${at} = ${v}`);
  };
  const walk = (v: unknown, at: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}[${i}]`));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const kind = REF_KEYS[k];
        if (kind && Array.isArray(x)) x.forEach((y, i) => check(kind, y, `${at}.${k}[${i}]`));
        else if (kind) check(kind, x, `${at}.${k}`);
        walk(x, `${at}.${k}`);
      }
    }
  };
  walk(body, where);
  return out;
}

/** Ids of one kind that must all lie inside the scope proper (not its ancestors). */
function strict(kind: 'area' | 'order' | 'worker', list: unknown[], a: Account, what: string): string[] {
  const s = inScope.get(a.name)!;
  const set = kind === 'area' ? s.areas : kind === 'order' ? s.orders : s.workers;
  return list.filter((v) => !set.has(Number(v))).map((v) => `${what} ${v}`);
}

/** Out-of-scope ids among those of a table the scope does not hold. */
async function foreignRows(
  table: string,
  idList: unknown[],
  where: string,
  a: Account,
  what: string,
): Promise<string[]> {
  if (!idList.length) return [];
  const bad = await t.db.query<{ id: string }>(
    `SELECT id::text AS id FROM ${table} x WHERE id::text = ANY($1::text[]) AND NOT (${where})`,
    [idList.map(String), a.path],
  );
  return bad.rows.map((r) => `${what} ${r.id}`);
}

/** Any area code or building address from outside the scope inside a text or a workbook. */
async function foreignNames(res: Response): Promise<string[]> {
  const type = res.headers.get('content-type') ?? '';
  const cells: string[] = [];
  if (type.includes('spreadsheetml')) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as never);
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.text ?? '')))));
  } else {
    cells.push(...(await res.text()).split(/[\r\n,]+/).map((s) => s.replace(/^"|"$/g, '').trim()));
  }
  return cells.filter((c) => outsideCodes.has(c) || outsideAddresses.has(c)).map((c) => `names ${c}`);
}

// ---- probes ------------------------------------------------------------------------------------------------

const key = (r: Spec) => `${r.method.toUpperCase()} ${r.path}`;
const BASE_QUERY: Record<string, Record<string, string>> = {
  'GET /api/workers/:id/trail': {
    from: new Date(Date.now() - 7 * 86400_000).toISOString(),
    to: new Date().toISOString(),
  },
  'GET /api/areas/:id/trails': { from: new Date(Date.now() - 86400_000).toISOString(), to: new Date().toISOString() },
  'GET /api/areas/:id/coverage': { day: new Date(Date.now() - 86400_000).toISOString().slice(0, 10) },
  'GET /api/export/coverage': { day: new Date(Date.now() - 86400_000).toISOString().slice(0, 10) },
  'GET /api/residents/:id/file': { purpose: '走访核对 / checking a visit' },
  'GET /api/needs/heat': { need: 'medical' },
  'GET /api/needs/breakdown': { by: 'grid' },
  'GET /api/resources/gaps': { need: 'medical' },
};
/** Bodies for routes that name their target in the path. */
const PATH_BODY: Record<string, (a: Account) => unknown> = {
  'POST /api/orders/:id/actions': () => ({ action: 'accept' }),
  'PUT /api/orders/:id/public-text': () => ({ text: '越权公开说明 / published from outside' }),
  'PATCH /api/resources/:id': () => ({ name: '越权改名 / renamed from outside' }),
  'PUT /api/responsibilities/:id': () => ({ categoryCode: 'SAF-07', areaId: community.id, leadDept: 'urban_mgmt' }),
  'POST /api/alarms/:seq/ack': () => ({ note: '越权确认' }),
  'PATCH /api/webhooks/:id': () => ({ name: '越权改名' }),
  'POST /api/imports/:id/adjust': () => ({ op: 'split', grid: 0 }),
  'PATCH /api/accounts/:id': () => ({ displayName: '越权改名' }),
  'POST /api/visits/:id/referrals': () => ({
    referrals: [{ toDept: 'health', reason: '越界转介 / referred from outside' }],
  }),
  'POST /api/referrals/:id/answer': () => ({ answer: '越界答复 / answered from outside' }),
  'PUT /api/visit-rules/:id': () => ({ per: 'month', visits: 2 }),
  'POST /api/accounts/:id/password': () => ({ password: 'reset-from-outside-1' }),
  'POST /api/orders/:id/mediation': () => ({
    causeCode: 'noise',
    focus: '越权开启调解',
    parties: [{ role: 'applicant', count: 1 }],
  }),
  'POST /api/orders/:id/mediation/sessions': () => ({ note: '越权调解记录' }),
  'POST /api/orders/:id/mediation/refer': () => ({ reason: '越权上移' }),
  'POST /api/orders/:id/mediation/outcome': () => ({ outcome: 'no_agreement', note: '越权结案' }),
  'POST /api/orders/:id/mediation/followup': () => ({ followupId: 1, note: '越权回访' }),
};
/** Levels an `area` query takes on a route, where not every level has data to answer with. */
const AREA_QUERY_LEVELS: Record<string, string[]> = {
  'GET /api/needs/report': ['grid', 'community', 'street', 'district'],
};

const areaTargets = (a: Account, levels?: string[]) =>
  outside.get(a.name)!.area.filter((x) => !levels || levels.includes(x.level!));
const tierOf = (level: string) => (level === 'grid' ? 'community' : level);

/** Probes whose target travels in a body, a query of its own or a file, or whose answer is a list to check. */
const SPECIFIC: Record<string, (a: Account) => Probe[]> = {
  'POST /api/layers/imports': (a) =>
    areaTargets(a, ['grid']).map((g) => ({
      method: 'post',
      path: '/api/layers/imports',
      unchanged: ['water'],
      control: true,
      form: form('w.geojson', JSON.stringify(squareAround(g, '越界水面')), { layer: 'water', crs: 'wgs84' }),
      leaks: async (started: Json) => {
        const rep = await pollLayerImport(t.url, a.token, started.id);
        return rep.counts?.ready ? [`layer import ${rep.id} would write water over ${g.label}`] : [];
      },
    })),
  'GET /api/layers/imports': (a) => [
    {
      method: 'get',
      path: '/api/layers/imports',
      leaks: (list: Json) =>
        foreignRows(
          'imports',
          list.map((x: Json) => x.id),
          `x.scope_path LIKE $2 || '%'`,
          a,
          'layer import',
        ),
    },
  ],
  'POST /api/workers/roster': (a) =>
    areaTargets(a, ['grid']).map((g) => ({
      method: 'post',
      path: '/api/workers/roster',
      unchanged: ['grid_workers', 'worker_grids', 'accounts'],
      refusals: [400],
      control: true,
      form: form('r.csv', `姓名,手机号,网格\n越界网格员,${rosterPhone++},${g.code}\n`),
      leaks: (rep: Json) => (rep.rows?.length ? [`roster ${rep.id} would place a worker in ${g.label}`] : []),
    })),
  'POST /api/responsibilities/import': (a) =>
    areaTargets(a, ['district', 'street', 'community', 'grid']).map((x) => ({
      method: 'post',
      path: '/api/responsibilities/import',
      unchanged: ['responsibilities'],
      refusals: [400],
      control: true,
      form: form('r.csv', `事项类别,区域,主办部门\nSAN-02,${x.code},urban_mgmt\n`),
      leaks: (rep: Json) =>
        rep.rows?.length ? [`responsibility import ${rep.id} would set a rule for ${x.label}`] : [],
    })),
  'GET /api/responsibilities/import/template.csv': (_a) => [
    {
      method: 'get',
      path: '/api/responsibilities/import/template.csv',
      leaks: (_b: Json, res: Response) => foreignNames(res),
    },
  ],
  'GET /api/responsibilities/import/template.xlsx': (_a) => [
    {
      method: 'get',
      path: '/api/responsibilities/import/template.xlsx',
      leaks: (_b: Json, res: Response) => foreignNames(res),
    },
  ],
  'POST /api/orders': (a) =>
    areaTargets(a, ['grid']).map((g) => ({
      method: 'post',
      path: '/api/orders',
      control: true,
      body: { categoryCode: 'SAN-01', description: `越界上报 ${g.label}`, source: 'wall', lon: g.lon, lat: g.lat },
    })),
  'POST /api/visits': (a) =>
    outside.get(a.name)!.resident.map((r) => ({
      method: 'post',
      path: '/api/visits',
      body: { residentId: r.id, note: '越界走访' },
      refusals: [400],
      control: true,
    })),
  'POST /api/needs/triage': (a) =>
    areaTargets(a, ['community', 'street', 'district']).map((x) => ({
      method: 'post',
      path: '/api/needs/triage',
      body: { areaId: x.id, need: 'parcel', tier: tierOf(x.level!) },
      refusals: [400],
      control: true,
    })),
  'POST /api/resources': (a) =>
    areaTargets(a, ['grid']).map((g) => ({
      method: 'post',
      path: '/api/resources',
      body: { kind: 'clinic', name: '越界诊所', lon: g.lon, lat: g.lat },
      refusals: [400],
      control: true,
    })),
  'POST /api/resources/import': (a) =>
    areaTargets(a, ['grid']).map((g) => ({
      method: 'post',
      path: '/api/resources/import',
      unchanged: ['resources'],
      refusals: [400],
      control: true,
      form: form('r.csv', `kind,name,address,capacity,opening_hours,lon,lat\nclinic,越界诊所,,0,,${g.lon},${g.lat}\n`),
    })),
  'POST /api/regrid': (a) =>
    areaTargets(a, ['community']).map((c) => ({
      method: 'post',
      path: '/api/regrid',
      body: { communityId: c.id },
      refusals: [400],
      control: true,
    })),
  'POST /api/imports': (a) =>
    areaTargets(a, ['grid']).map((g) => ({
      method: 'post',
      path: '/api/imports',
      unchanged: ['areas', 'area_imports'],
      refusals: [400],
      control: true,
      form: form(
        'g.geojson',
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            { type: 'Feature', properties: { name: '越界网格', code: g.code }, geometry: JSON.parse(g.geometry!) },
          ],
        }),
        { options: JSON.stringify({ level: 'grid' }) },
      ),
      leaks: (rep: Json) => (rep.acceptable ? [`import ${rep.id} of ${g.label} is acceptable`] : []),
    })),
  'POST /api/population/import': (a) => [
    {
      method: 'post',
      path: '/api/population/import',
      unchanged: ['residents', 'grid_demographics'],
      refusals: [400],
      control: true,
      form: form(
        'p.csv',
        `building_id,address,household,age,sex,low_income,extreme_poverty,disabled,child_difficulty,elder_alone\n${outside.get(a.name)!.resident[0].code},,1,30,男,否,否,否,否,否\n`,
      ),
    },
  ],
  'POST /api/needs/import': (a) =>
    areaTargets(a, ['grid']).map((g) => ({
      method: 'post',
      path: '/api/needs/import',
      unchanged: ['survey_responses'],
      refusals: [400],
      control: true,
      form: form(
        'n.csv',
        `month,grid_code,building_address,group,channel,weight,needs\n2026-01,${g.code},,elder,paper,,medical\n`,
      ),
      leaks: async (job: Json) => {
        for (let i = 0; i < 200 && job.status === 'running'; i++) {
          await new Promise((r) => setTimeout(r, 50));
          job = await (await send({ method: 'get', path: `/api/needs/import/${job.id}` }, a.token)).json();
        }
        return job.inserted ? [`job ${job.id} inserted ${job.inserted} rows of ${g.label}`] : [];
      },
    })),
  'POST /api/evaluation/import': (a) =>
    areaTargets(a, ['community']).map((c) => ({
      method: 'post',
      path: '/api/evaluation/import',
      unchanged: ['eval_responses'],
      refusals: [400],
      form: form('e.csv', `period,community_code,group,respondents,I01\n${period},${c.code},elder,30,80\n`),
      control: true,
      leaks: (r: Json) => (r.inserted ? [`inserted ${r.inserted} results of ${c.label}`] : []),
    })),
  'POST /api/siting/optimize': (a) =>
    areaTargets(a, ['community', 'street', 'district']).map((x) => ({
      method: 'post',
      path: '/api/siting/optimize',
      body: { model: 'mclp', p: 1, area: x.id },
      control: true,
    })),
  'POST /api/siting/scenarios': (a) =>
    areaTargets(a, ['community', 'street']).map((x) => ({
      method: 'post',
      path: '/api/siting/scenarios',
      body: { name: '越界方案', request: { model: 'mclp', p: 1, area: x.id } },
      control: true,
    })),
  'POST /api/evaluation/specials': (a) =>
    areaTargets(a, ['community', 'street']).map((x) => ({
      method: 'post',
      path: '/api/evaluation/specials',
      body: { period, areaId: x.id, points: 1, reason: '越界加分' },
      control: true,
    })),
  'POST /api/evaluation/reverse/dispatch': () => [
    {
      method: 'post',
      path: '/api/evaluation/reverse/dispatch',
      body: { period, areaId: reverseIssue.areaId, topic: reverseIssue.topic },
      refusals: [400],
      control: true,
    },
  ],
  'POST /api/accounts': (a) =>
    areaTargets(a).map((x) => ({
      method: 'post',
      path: '/api/accounts',
      body: {
        username: `outside-${x.id}`,
        displayName: '越界账号',
        role: 'operator',
        areaId: x.id,
        password: 'outside-password-1',
      },
      refusals: [400],
      control: true,
    })),
  'GET /api/webhooks': (a) => [
    {
      method: 'get',
      path: '/api/webhooks',
      leaks: (list: Json) =>
        strict(
          'area',
          list.map((x: Json) => x.areaId),
          a,
          'webhook of area',
        ),
    },
  ],
  'POST /api/webhooks': (a) =>
    areaTargets(a).map((x) => ({
      method: 'post',
      path: '/api/webhooks',
      body: { name: `越界订阅 ${x.id}`, url: 'https://1.1.1.1/hook', topics: ['alarm'], areaId: x.id },
      unchanged: ['webhooks'],
      control: true,
    })),
  'GET /api/accounts': (a) => [
    {
      method: 'get',
      path: '/api/accounts',
      leaks: (list: Json) =>
        strict(
          'area',
          list.map((x: Json) => x.areaId),
          a,
          'account of area',
        ),
    },
  ],
  'GET /api/audit': (a) =>
    [undefined, ...outside.get(a.name)!.account.map((x) => x.id)].map((accountId) => ({
      method: 'get',
      path: '/api/audit',
      query: accountId ? { accountId, limit: 500 } : ({ limit: 500 } as Record<string, number>),
      leaks: (list: Json) =>
        foreignRows(
          'accounts',
          list.map((x: Json) => x.accountId).filter((v: unknown) => v !== null),
          `EXISTS (SELECT 1 FROM areas g WHERE g.id = x.area_id AND g.path LIKE $2 || '%')`,
          a,
          'entry of account',
        ),
    })),
  'POST /api/responsibilities': (a) => [
    ...areaTargets(a).map((x) => ({
      method: 'post',
      path: '/api/responsibilities',
      body: { categoryCode: 'SAN-02', areaId: x.id, leadDept: 'urban_mgmt' },
      refusals: [400],
      control: true,
    })),
    // null: a rule for every area of the district, which only a district-wide account may set
    {
      method: 'post',
      path: '/api/responsibilities',
      body: { categoryCode: 'SAN-03', areaId: null, leadDept: 'urban_mgmt' },
      refusals: [400],
      control: true,
    },
  ],
  'GET /tiles/areas/:z/:x/:y.pbf': (a) =>
    areaTargets(a, ['grid']).map((g) => {
      const z = 14;
      const x = Math.floor(((g.lon! + 180) / 360) * 2 ** z);
      const y = Math.floor(
        ((1 - Math.log(Math.tan((g.lat! * Math.PI) / 180) + 1 / Math.cos((g.lat! * Math.PI) / 180)) / Math.PI) / 2) *
          2 ** z,
      );
      return {
        method: 'get',
        path: `/tiles/areas/${z}/${x}/${y}.pbf`,
        leaks: async (_b: Json, res: Response) => {
          const tile = new VectorTile(new Protobuf(Buffer.from(await res.arrayBuffer())));
          const found: number[] = [];
          for (const name of Object.keys(tile.layers))
            for (let i = 0; i < tile.layers[name].length; i++)
              found.push(Number(tile.layers[name].feature(i).properties.id));
          return strict('area', found, a, 'tile feature');
        },
      };
    }),
  // Lists: what comes back must lie inside the scope.
  'GET /api/areas': (a) =>
    [undefined, 'district', 'street', 'community', 'grid', 'special'].map((level) => ({
      method: 'get',
      path: '/api/areas',
      query: level ? { level } : undefined,
      leaks: (fc: Json) =>
        strict(
          'area',
          fc.features.map((f: Json) => f.properties.id),
          a,
          'area',
        ),
    })),
  'GET /api/orders': (a) => [
    {
      method: 'get',
      path: '/api/orders',
      query: { limit: 1000 },
      leaks: (list: Json) =>
        strict(
          'order',
          list.map((o: Json) => o.id),
          a,
          'order',
        ),
    },
  ],
  'GET /api/workers': (a) => [
    {
      method: 'get',
      path: '/api/workers',
      leaks: (list: Json) => [
        ...strict(
          'worker',
          list.map((w: Json) => w.id),
          a,
          'worker',
        ),
        ...strict(
          'area',
          list.flatMap((w: Json) => w.grids.map((g: Json) => g.id)),
          a,
          'grid',
        ),
      ],
    },
  ],
  'GET /api/workers/live': (a) => [
    {
      method: 'get',
      path: '/api/workers/live',
      leaks: (list: Json) =>
        strict(
          'worker',
          list.map((w: Json) => w.workerId),
          a,
          'worker',
        ),
    },
  ],
  'GET /api/alarms': (a) => [
    {
      method: 'get',
      path: '/api/alarms',
      query: { limit: 500 },
      leaks: (list: Json) =>
        foreignRows(
          'pushes',
          list.map((x: Json) => x.seq),
          `x.area_path LIKE $2 || '%'`,
          a,
          'alarm',
        ),
    },
  ],
  'GET /api/resources': (a) => [
    {
      method: 'get',
      path: '/api/resources',
      leaks: (list: Json) =>
        foreignRows(
          'resources',
          list.map((x: Json) => x.id),
          `EXISTS (SELECT 1 FROM areas g WHERE g.id = x.grid_id AND g.path LIKE $2 || '%')`,
          a,
          'resource',
        ),
    },
  ],
  'GET /api/resources/kinds': (a) => [
    {
      method: 'get',
      path: '/api/resources/kinds',
      leaks: async (list: Json) => {
        const n = Number(
          (
            await one<{ n: number }>(
              `SELECT count(*)::int AS n FROM resources r JOIN areas g ON g.id = r.grid_id WHERE g.path LIKE $1 || '%'`,
              [a.path],
            )
          ).n,
        );
        const counted = list.reduce((s: number, k: Json) => s + Number(k.count ?? 0), 0);
        return counted === n ? [] : [`counts ${counted} resources, the scope holds ${n}`];
      },
    },
  ],
  'GET /api/imports': (a) => [
    {
      method: 'get',
      path: '/api/imports',
      leaks: (list: Json) =>
        foreignRows(
          'imports',
          list.map((x: Json) => x.id),
          `x.scope_path LIKE $2 || '%'`,
          a,
          'import',
        ),
    },
  ],
  'GET /api/siting/scenarios': (a) => [
    {
      method: 'get',
      path: '/api/siting/scenarios',
      leaks: (list: Json) => [
        ...strict(
          'area',
          list.map((s: Json) => s.areaId),
          a,
          'scenario area',
        ),
      ],
    },
  ],
  'GET /api/evaluation/specials': (a) => [
    {
      method: 'get',
      path: '/api/evaluation/specials',
      leaks: (list: Json) =>
        strict(
          'area',
          list.map((s: Json) => s.areaId),
          a,
          'special of area',
        ),
    },
  ],
  'GET /api/needs/triage': (a) => [
    {
      method: 'get',
      path: '/api/needs/triage',
      leaks: (list: Json) =>
        strict(
          'area',
          list.map((s: Json) => s.areaId),
          a,
          'triage of area',
        ),
    },
  ],
  'GET /api/responsibilities': (a) => [
    { method: 'get', path: '/api/responsibilities', leaks: (list: Json) => foreignRefs(list, a, 'rules') },
  ],
  'GET /api/export/areas': (a) =>
    ['district', 'street', 'community', 'grid', 'special'].map((level) => ({
      method: 'get',
      path: '/api/export/areas',
      query: { level, format: 'geojson' },
      leaks: (fc: Json) =>
        strict(
          'area',
          fc.features.map((f: Json) => f.properties.id),
          a,
          `exported ${level}`,
        ),
    })),
  'GET /api/export/orders': (a) => [
    {
      method: 'get',
      path: '/api/export/orders',
      query: { format: 'geojson' },
      leaks: (fc: Json) =>
        strict(
          'order',
          fc.features.map((f: Json) => f.properties.id),
          a,
          'exported order',
        ),
    },
  ],
  'GET /api/workers/ranking': (a) => [
    {
      method: 'get',
      path: '/api/workers/ranking',
      query: { by: 'grid' },
      leaks: (r: Json) =>
        strict(
          'area',
          r.rows.map((x: Json) => x.id),
          a,
          'ranked grid',
        ),
    },
    {
      method: 'get',
      path: '/api/workers/ranking',
      query: { by: 'worker' },
      leaks: (r: Json) =>
        strict(
          'worker',
          r.rows.map((x: Json) => x.id),
          a,
          'ranked worker',
        ),
    },
  ],
  'GET /api/orders/stats': (a) =>
    ['street', 'community', 'grid'].map((groupBy) => ({
      method: 'get',
      path: '/api/orders/stats',
      query: { groupBy, from: '2000-01-01T00:00:00Z' },
      leaks: (rows: Json) =>
        foreignRefs(
          rows.map((x: Json) => ({ areaId: Number(x.key) })),
          a,
          `rates of ${groupBy}`,
        ),
    })),
  // The city's figures sum whole districts: an account below a district gets none of them.
  'GET /api/city/profile': () => [
    { method: 'get', path: '/api/city/profile', leaks: () => ['city figures for an account below a district'] },
  ],
  'GET /api/needs/breakdown': (a) =>
    ['street', 'community', 'grid'].map((by) => ({
      method: 'get',
      path: '/api/needs/breakdown',
      query: { by },
      leaks: (r: Json) => foreignRefs(r.rows, a, `needs of ${by}`),
    })),
  'GET /api/evaluation/results': (a) =>
    ['street', 'community'].map((level) => ({
      method: 'get',
      path: '/api/evaluation/results',
      query: { level },
      leaks: (r: Json) =>
        strict(
          'area',
          r.areas.map((x: Json) => x.areaId),
          a,
          `results of ${level}`,
        ),
    })),
  'GET /api/evaluation/trend': (a) =>
    ['street', 'community'].map((level) => ({
      method: 'get',
      path: '/api/evaluation/trend',
      query: { level },
      leaks: (r: Json) =>
        strict(
          'area',
          r.areas.map((x: Json) => x.areaId),
          a,
          `trend of ${level}`,
        ),
    })),
  'GET /api/evaluation/reverse': (a) => [
    {
      method: 'get',
      path: '/api/evaluation/reverse',
      query: { min: 1 },
      leaks: (r: Json) =>
        strict(
          'area',
          r.issues.map((x: Json) => x.areaId),
          a,
          'reverse issue of area',
        ),
    },
  ],
  'GET /api/visits/due': (a) => [
    {
      method: 'get',
      path: '/api/visits/due',
      query: { purpose: '越界核查 scope probe' },
      leaks: (r: Json) => foreignRefs(r, a, 'due'),
    },
  ],
  'GET /api/visit-rules': (a) => [
    { method: 'get', path: '/api/visit-rules', leaks: (r: Json) => foreignRefs(r, a, 'visit rules') },
  ],
  'GET /api/referrals': (a) => [
    { method: 'get', path: '/api/referrals', leaks: (r: Json) => foreignRefs(r, a, 'referrals') },
  ],
  'GET /api/visits/compliance': (a) => [
    {
      method: 'get',
      path: '/api/visits/compliance',
      query: { persons: 'true', purpose: '越界核查 scope probe' },
      leaks: (r: Json) => foreignRefs(r, a, 'compliance'),
    },
  ],
  'GET /api/resources/gaps': (a) => [
    {
      method: 'get',
      path: '/api/resources/gaps',
      query: { need: 'medical', limit: 1000 },
      leaks: (r: Json) =>
        strict(
          'area',
          r.rows.map((x: Json) => x.gridId),
          a,
          'gap grid',
        ),
    },
  ],
  'GET /api/siting/coverage': (a) => [
    {
      method: 'get',
      path: '/api/siting/coverage',
      leaks: (r: Json) => strict('area', [r.area.id, ...r.areas.map((x: Json) => x.id)], a, 'coverage of area'),
    },
  ],
  'GET /api/root-causes': (a) => [
    {
      method: 'get',
      path: '/api/root-causes',
      query: { days: 365, minCount: 2 },
      leaks: (r: Json) => foreignRefs(r, a, 'root causes'),
    },
  ],
  'GET /api/population/import/template.csv': (_a) => [
    {
      method: 'get',
      path: '/api/population/import/template.csv',
      leaks: (_b: Json, res: Response) => foreignNames(res),
    },
  ],
  'GET /api/population/import/template.xlsx': (_a) => [
    {
      method: 'get',
      path: '/api/population/import/template.xlsx',
      leaks: (_b: Json, res: Response) => foreignNames(res),
    },
  ],
  'GET /api/needs/import/template.csv': (_a) => [
    { method: 'get', path: '/api/needs/import/template.csv', leaks: (_b: Json, res: Response) => foreignNames(res) },
  ],
  'GET /api/needs/import/template.xlsx': (_a) => [
    { method: 'get', path: '/api/needs/import/template.xlsx', leaks: (_b: Json, res: Response) => foreignNames(res) },
  ],
  'GET /api/evaluation/import/template.csv': (_a) => [
    {
      method: 'get',
      path: '/api/evaluation/import/template.csv',
      leaks: (_b: Json, res: Response) => foreignNames(res),
    },
  ],
};

/** Probes built from the route alone: each path parameter and each `area` query set to an outside target. */
function genericProbes(r: Spec, a: Account): Probe[] | string {
  const k = key(r);
  const params = [...r.path.matchAll(/:([a-zA-Z_]+)/g)].map((m) => m[1]);
  const base = BASE_QUERY[k];
  const body = PATH_BODY[k]?.(a);
  const out: Probe[] = [];
  if (params.length) {
    const kind = PARAM_KIND.find(([re]) => re.test(r.path))?.[1];
    if (!kind || params.length > 1) return `no out-of-scope target for the parameters of ${k}`;
    for (const target of outside.get(a.name)![kind]) {
      if (
        kind === 'area' &&
        r.path.startsWith('/api/evaluation/areas') &&
        !['street', 'community'].includes(target.level!)
      )
        continue;
      out.push({
        method: r.method,
        path: r.path.replace(`:${params[0]}`, String(target.id)),
        query: base,
        body,
        control: true,
      });
    }
  }
  const queryKeys = r.query ? Object.keys((r.query as unknown as { shape?: object }).shape ?? {}) : [];
  if (queryKeys.includes('area')) {
    for (const target of areaTargets(a, AREA_QUERY_LEVELS[k]))
      out.push({ method: r.method, path: r.path, query: { ...base, area: target.id }, body, control: true });
  }
  return out;
}

// ---- setup -------------------------------------------------------------------------------------------------

async function login(name: string): Promise<Account> {
  const row = await one<{ role: Role; areaId: number; path: string }>(
    `SELECT a.role, a.area_id AS "areaId", g.path FROM accounts a JOIN areas g ON g.id = a.area_id WHERE a.username = $1`,
    [name],
  );
  return { name, role: row.role, areaId: row.areaId, path: row.path, token: await t.login(name) };
}

async function asJson(r: Response): Promise<Json> {
  const text = await r.text();
  if (r.status >= 300) throw new Error(`${r.status} ${text}`);
  return JSON.parse(text);
}

beforeAll(async () => {
  t = await startTestApp({ GRIDWALL_INTAKE_PER_MINUTE: '0', GRIDWALL_LOGIN_FAILURES: '0' });
  community = await one(
    `SELECT g.id, g.path, g.code FROM accounts a JOIN areas g ON g.id = a.area_id WHERE a.username = 'community1'`,
  );
  period = (await one<{ code: string }>(`SELECT code FROM eval_periods ORDER BY code DESC LIMIT 1`)).code;
  // Accounts of the district-wide roles, scoped to community1's community.
  for (const role of ['admin', 'dispatcher', 'planner', 'supervisor'] as const) {
    await t.db.query(
      `INSERT INTO accounts (username, display_name, password_hash, role, area_id) SELECT $1, $2, password_hash, $3, area_id FROM accounts WHERE username = 'community1'`,
      [`${role}_c`, `社区${role}`, role],
    );
  }
  for (const name of ['community1', 'worker1', 'admin_c', 'dispatcher_c', 'planner_c', 'supervisor_c'])
    scoped[name] = await login(name);
  for (const role of ['admin', 'operator', 'dispatcher', 'planner', 'supervisor'] as const)
    district[role] = await login(role);

  // Things that belong to a sibling community, made by district accounts.
  const sibling = await one<{ id: number; path: string }>(
    `SELECT id, path FROM areas WHERE level = 'community' AND parent_id = (SELECT parent_id FROM areas WHERE id = $1) AND id <> $1 ORDER BY code LIMIT 1`,
    [community.id],
  );
  // A webhook the district's admin keeps over the sibling community (hears only alarms, at a public address).
  const siblingHook = (
    await one<{ id: number }>(
      `INSERT INTO webhooks (name, url, secret, topics, area_id, area_path, created_by)
       SELECT '邻社区订阅', 'https://1.1.1.1/hook', 'secret', '{alarm}', $1, $2, id FROM accounts WHERE username = 'admin' RETURNING id`,
      [sibling.id, sibling.path],
    )
  ).id;
  const siblingGrid = await one<{ id: number; lon: number; lat: number }>(
    `SELECT id, ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas WHERE parent_id = $1 AND level = 'grid' ORDER BY code LIMIT 1`,
    [sibling.id],
  );
  const photo = await asJson(
    await fetch(`${t.url}/api/photos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${district.dispatcher!.token}` },
      body: (() => {
        const fd = new FormData();
        fd.append(
          'photo',
          new Blob([
            new Uint8Array(
              Buffer.from(
                '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e00000000049454e44ae426082',
                'hex',
              ),
            ),
          ]),
          'p.png',
        );
        return fd;
      })(),
    }),
  );
  await asJson(
    await t.post(
      '/api/orders',
      {
        categoryCode: 'SAF-04',
        hazardLevel: 'critical',
        fields: { gasIssue: 'leak_smell' },
        description: '邻社区燃气泄漏',
        source: 'wall',
        lon: siblingGrid.lon,
        lat: siblingGrid.lat,
        photos: [photo.id],
      },
      district.dispatcher!.token,
    ),
  );
  const regrid = await asJson(await t.post('/api/regrid', { communityId: sibling.id }, district.planner!.token));
  const scenario = await asJson(
    await t.post(
      '/api/siting/scenarios',
      { name: '邻社区方案', request: { model: 'mclp', p: 1, area: sibling.id } },
      district.planner!.token,
    ),
  );
  const special = await asJson(
    await t.post(
      '/api/evaluation/specials',
      { period, areaId: sibling.id, points: 2, reason: '邻社区加分' },
      district.supervisor!.token,
    ),
  );
  const rule = await asJson(
    await t.post(
      '/api/responsibilities',
      { categoryCode: 'SAF-07', areaId: sibling.id, leadDept: 'urban_mgmt' },
      district.admin!.token,
    ),
  );
  const districtRule =
    (await one<{ id: number } | undefined>(
      `SELECT id FROM responsibilities WHERE area_id IS NULL ORDER BY id LIMIT 1`,
    )) ?? null;
  const siblingGridCode = (await one<{ code: string }>(`SELECT code FROM areas WHERE id = $1`, [siblingGrid.id])).code;
  const job = await asJson(
    await fetch(`${t.url}/api/needs/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${district.admin!.token}` },
      body: form(
        'n.csv',
        `month,grid_code,building_address,group,channel,weight,needs\n2026-01,${siblingGridCode},,elder,paper,,medical\n`,
      )(),
    }),
  );

  // A water layer, a roster and a responsibility list over the sibling community's grid, left pending by the district's admin.
  const adminUpload = async (path: string, body: FormData) =>
    asJson(
      await fetch(t.url + path, {
        method: 'POST',
        headers: { authorization: `Bearer ${district.admin!.token}` },
        body,
      }),
    );
  const layerImport = await pollLayerImport(
    t.url,
    district.admin!.token,
    (
      await adminUpload(
        '/api/layers/imports',
        form('w.geojson', JSON.stringify(squareAround(siblingGrid, '邻社区水面')), { layer: 'water', crs: 'wgs84' })(),
      )
    ).id,
  );
  expect(layerImport.counts.ready).toBe(1);
  const rosterImport = await adminUpload(
    '/api/workers/roster',
    form('r.csv', `姓名,手机号,网格\n邻社区网格员,13900139002,${siblingGridCode}\n`)(),
  );
  expect(rosterImport.rows.length).toBe(1);
  const responsibilityImport = await adminUpload(
    '/api/responsibilities/import',
    form('r.csv', `事项类别,区域,主办部门\nSAN-04,${siblingGridCode},urban_mgmt\n`)(),
  );
  expect(responsibilityImport.rows.length).toBe(1);

  const issues = (await asJson(await t.get(`/api/evaluation/reverse?period=${period}&min=1`, district.admin!.token)))
    .issues as { areaId: number; topic: string }[];
  reverseIssue = issues.find((x) => x.areaId === sibling.id) ?? issues.find((x) => x.areaId !== community.id)!;
  // An account above every scoped one, to be the target of account administration.
  await t.db.query(
    `INSERT INTO accounts (username, display_name, password_hash, role, area_id) SELECT 'district_x', '区级值班员', password_hash, 'operator', area_id FROM accounts WHERE username = 'operator'`,
  );
  const districtAccount = await one<Target>(`SELECT id, username AS label FROM accounts WHERE username = 'district_x'`);
  outsideCodes = new Set(
    (
      await t.db.query<{ code: string }>(
        `SELECT code FROM areas WHERE path NOT LIKE $1 || '%' AND level IN ('community', 'grid', 'special')`,
        [community.path],
      )
    ).rows.map((r) => r.code),
  );
  outsideAddresses = new Set(
    (
      await t.db.query<{ address: string }>(
        `SELECT b.address FROM buildings b JOIN areas g ON g.id = b.grid_id WHERE g.path NOT LIKE $1 || '%'`,
        [community.path],
      )
    ).rows.map((r) => r.address),
  );

  // A referral from the latest visit of every grid, so each scope has outside ones beside it.
  await t.db.query(
    `INSERT INTO care_referrals (resident_id, visit_id, grid_id, area_path, to_dept, reason)
     SELECT DISTINCT ON (grid_id) resident_id, id, grid_id, area_path, 'civil_affairs', '探针转介' FROM visits ORDER BY grid_id, id DESC`,
  );
  for (const a of Object.values(scoped)) {
    const p = a.path;
    inScope.set(a.name, {
      areas: await ids(`SELECT id FROM areas WHERE path LIKE $1 || '%'`, [p]),
      ancestors: new Set(p.split('/').filter(Boolean).map(Number)),
      orders: await ids(`SELECT id FROM orders WHERE area_path LIKE $1 || '%'`, [p]),
      workers: await ids(
        `SELECT DISTINCT wg.worker_id AS id FROM worker_grids wg JOIN areas g ON g.id = wg.grid_id WHERE g.path LIKE $1 || '%'`,
        [p],
      ),
      residents: await ids(
        `SELECT r.id FROM residents r JOIN areas g ON g.id = r.grid_id WHERE g.path LIKE $1 || '%'`,
        [p],
      ),
    });
    // Targets outside the account's own area: the nearest (under the same parent) and one in the sibling community.
    const near = p.split('/').slice(0, -2).join('/') + '/';
    const areaRows = (
      await t.db.query<Target & { id: number }>(
        `SELECT DISTINCT ON (level) id, name AS label, level, code, ST_X(label_point) AS lon, ST_Y(label_point) AS lat, ST_AsGeoJSON(geom, 9) AS geometry FROM areas
        WHERE path NOT LIKE $1 || '%' AND level IN ('district', 'street', 'community', 'grid', 'special')
        ORDER BY level, (path LIKE $2 || '%') DESC, code`,
        [p, near],
      )
    ).rows;
    /** The first row outside the scope by `order`, nearest first, and the first in the sibling community. */
    const pick = async (sql: string, pathExpr: string, order: string) => {
      const rows: Target[] = [];
      for (const prefix of [near, sibling.path]) {
        const r = (
          await t.db.query<Target>(
            `${sql} AND ${pathExpr} NOT LIKE $1 || '%' AND ${pathExpr} LIKE $2 || '%' ORDER BY ${order} LIMIT 1`,
            [p, prefix],
          )
        ).rows[0];
        if (r && !rows.some((x) => x.id === r.id)) rows.push(r);
      }
      return rows;
    };
    outside.set(a.name, {
      area: areaRows,
      order: await pick(`SELECT o.id, 'order ' || o.id AS label FROM orders o WHERE true`, 'o.area_path', 'o.id DESC'),
      worker: await pick(
        `SELECT gw.id, gw.name AS label FROM grid_workers gw JOIN worker_grids wg ON wg.worker_id = gw.id JOIN areas g ON g.id = wg.grid_id
        WHERE NOT EXISTS (SELECT 1 FROM worker_grids w2 JOIN areas g2 ON g2.id = w2.grid_id WHERE w2.worker_id = gw.id AND g2.path LIKE $1 || '%')`,
        'g.path',
        'gw.id',
      ),
      resident: await pick(
        `SELECT r.id::int AS id, 'resident ' || r.id AS label, r.building_id::text AS code FROM residents r JOIN areas g ON g.id = r.grid_id WHERE r.flags <> 0`,
        'g.path',
        'r.id',
      ),
      resource: await pick(
        `SELECT r.id, r.name AS label FROM resources r JOIN areas g ON g.id = r.grid_id WHERE true`,
        'g.path',
        'r.id',
      ),
      import: [{ id: regrid.id, label: `regrid of community ${sibling.id}` }],
      scenario: [{ id: scenario.id, label: 'a sibling community scenario' }],
      special: [{ id: special.id, label: 'a sibling community special item' }],
      alarm: await pick(
        `SELECT x.seq::int AS id, 'alarm ' || x.seq AS label FROM pushes x WHERE x.topic = 'alarm'`,
        'x.area_path',
        'x.seq DESC',
      ),
      photo: [{ id: photo.id, label: 'a photo of a sibling community order' }],
      surveyImport: [{ id: job.id, label: "a district admin's import job" }],
      layerImport: [{ id: layerImport.id, label: "a district admin's water layer over a sibling community" }],
      rosterImport: [{ id: rosterImport.id, label: "a district admin's roster for a sibling community's grid" }],
      responsibilityImport: [
        { id: responsibilityImport.id, label: "a district admin's responsibility list for a sibling community's grid" },
      ],
      account: [
        ...(await pick(
          `SELECT a.id, a.username AS label FROM accounts a JOIN areas g ON g.id = a.area_id WHERE true`,
          'g.path',
          'a.id',
        )),
        districtAccount,
      ],
      webhook: [{ id: siblingHook, label: "a district admin's webhook over a sibling community" }],
      visit: await pick(`SELECT v.id, 'visit ' || v.id AS label FROM visits v WHERE true`, 'v.area_path', 'v.id DESC'),
      referral: await pick(
        `SELECT c.id, 'referral ' || c.id AS label FROM care_referrals c WHERE true`,
        'c.area_path',
        'c.id DESC',
      ),
      responsibility: [
        { id: rule.id, label: 'a sibling community rule' },
        ...(districtRule ? [{ id: districtRule.id, label: 'a district-wide rule' }] : []),
      ],
    });
  }
  for (const [name, targets] of outside)
    for (const [kind, list] of Object.entries(targets))
      expect(list.length, `${name}: an outside ${kind}`).toBeGreaterThan(0);
});
afterAll(async () => t?.close());

// ---- the sweep ---------------------------------------------------------------------------------------------

const routes = () =>
  registeredRoutes.filter(
    (r) => r.path.startsWith('/api') || r.path.startsWith('/open311') || r.path.startsWith('/tiles'),
  ) as unknown as Spec[];
const allowed = (r: Spec) =>
  Object.values(scoped).filter((a) => r.access === 'any' || (Array.isArray(r.access) && r.access.includes(a.role)));
const describeProbe = (p: Probe) =>
  `${p.method.toUpperCase()} ${p.path}${p.query ? '?' + new URLSearchParams(Object.entries(p.query).map(([k, v]) => [k, String(v)])) : ''}`;
const CONTROL_ORDER = (p: Probe) =>
  p.method === 'get'
    ? 0
    : p.method === 'delete'
      ? 2
      : p.path.endsWith('/cancel')
        ? 3
        : p.path.endsWith('/accept')
          ? 4
          : 1;

describe('every route, by an account of an allowed role whose scope does not hold the target', () => {
  it('lists every route either as unscoped, with a reason, or with a probe', () => {
    const keys = new Set(routes().map(key));
    expect(
      Object.keys(UNSCOPED).filter((k) => !keys.has(k)),
      'exceptions for routes that no longer exist',
    ).toEqual([]);
    expect(
      Object.keys(SPECIFIC).filter((k) => !keys.has(k)),
      'probes for routes that no longer exist',
    ).toEqual([]);
    expect(keys.size).toBeGreaterThan(90);
  });

  it('refuses every outside target (403/404), lists nothing from outside and writes nothing outside', async () => {
    const failures: string[] = [];
    const controls: { probe: Probe; role: Role; route: string }[] = [];
    let probes = 0;
    for (const r of routes()) {
      const k = key(r);
      if (r.access === 'public' || UNSCOPED[k]) continue;
      const accounts = allowed(r);
      if (!accounts.length) {
        failures.push(`${k}: no scoped account of an allowed role`);
        continue;
      }
      for (const a of accounts) {
        const generic = genericProbes(r, a);
        const list = [...(typeof generic === 'string' ? [] : generic), ...(SPECIFIC[k]?.(a) ?? [])];
        if (!list.length) {
          failures.push(
            typeof generic === 'string'
              ? generic
              : `${k}: no probe (name a target, check the list, or add it to UNSCOPED with a reason)`,
          );
          break;
        }
        for (const p of list) {
          probes++;
          const before = p.unchanged ? await fingerprint(p.unchanged) : '';
          const res = await send(p, a.token);
          const what = `${describeProbe(p)} as ${a.name}`;
          const refused = res.status === 403 || res.status === 404 || (p.refusals ?? []).includes(res.status);
          if (res.status >= 200 && res.status < 300 && (p.leaks || p.unchanged)) {
            const text = await res.clone().text();
            const body = res.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : text;
            const leaks = [
              ...(p.leaks ? await p.leaks(body, res, a) : []),
              ...(typeof body === 'object' ? foreignRefs(body, a) : []),
            ];
            if (leaks.length)
              failures.push(
                `${what} → ${res.status}: ${leaks.slice(0, 5).join('; ')}${leaks.length > 5 ? ` (+${leaks.length - 5})` : ''}`,
              );
          } else if (!refused) {
            failures.push(`${what} → ${res.status} ${(await res.text()).slice(0, 160)}`);
          } else {
            await res.arrayBuffer();
          }
          if (p.unchanged && before !== (await fingerprint(p.unchanged)))
            failures.push(`${what} → ${res.status}: changed ${p.unchanged.join(', ')}`);
          if (p.control && a === accounts[0]) {
            const role = (['admin', 'planner', 'dispatcher', 'supervisor', 'operator'] as const).find(
              (x) => r.access === 'any' || (r.access as readonly string[]).includes(x),
            );
            if (role) controls.push({ probe: p, role, route: k });
          }
        }
      }
    }
    // Controls: the district account of an allowed role reaches each target (reads first, deletions last).
    for (const c of controls.sort((x, y) => CONTROL_ORDER(x.probe) - CONTROL_ORDER(y.probe))) {
      const res = await send(c.probe, district[c.role]!.token);
      if (!((res.status >= 200 && res.status < 300) || res.status === 409))
        failures.push(
          `control ${describeProbe(c.probe)} as district ${c.role} → ${res.status} ${(await res.text()).slice(0, 160)} (the probe does not reach its target)`,
        );
      else await res.arrayBuffer();
    }
    expect(probes).toBeGreaterThan(300);
    expect(failures).toEqual([]);
  }, 240_000); // a few hundred probes: on a loaded two-core machine this takes about a minute
});
