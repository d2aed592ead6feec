// Settings that cover an area are changed only by someone whose scope holds all of it. Every write route of the
// registry (POST/PUT/PATCH/DELETE) is tried by accounts of a role the route allows whose scope is narrower than
// what the write covers: the district's indicator system and weights, the wall layouts every wall uses, rules
// for the whole district or a street, scenarios, specials, projects and imports of the street or district above,
// accounts placed above the admin's own scope. Each attempt is refused (403, or a 4xx named for the probe) and
// leaves the tables it would touch as they were; each is then sent by a district account of an allowed role,
// which succeeds, so a probe that never reaches its target cannot pass. security-scope.test.ts does the same
// for targets beside the scope (a sibling community, a grid next door).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../contract/auth.js';
import { ORDER_CATEGORIES } from '../../contract/order-categories.js';
import { registeredRoutes, type RouteSpec } from '../../api/http/route.js';
import { pollLayerImport } from '../helpers/layer-imports.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

type Json = any;
type Spec = RouteSpec<never, never, never>;

/** Write routes with nothing wider than one place to aim at, each with the reason. Only a conscious edit adds one. */
const NARROW: Record<string, string> = {
  'POST /api/auth/logout': "ends the caller's own session",
  'POST /api/positions': "writes the caller's own worker only",
  'POST /api/photos': "an upload owned by the caller, attached to an order only through the order's scope",
  'POST /api/visits': 'a visit to one resident of one grid; a resident outside the scope is probed in security-scope',
  'POST /api/orders': 'an order lies at one point of one grid; a point outside the scope is probed in security-scope',
  'POST /api/orders/:id/actions':
    'acts on one order of one grid (its workers, its duplicates); outside ones are probed in security-scope',
  'POST /api/alarms/:seq/ack':
    "an alarm lies at one order's or worker's grid; outside ones are probed in security-scope",
  'POST /api/population/import': 'rows name single buildings; outside buildings are probed in security-scope',
  'POST /api/needs/import': 'rows name single grids; outside grids are probed in security-scope',
  'POST /api/resources/import': 'rows are single points; outside points are probed in security-scope',
  'POST /api/resources': 'a resource is one point of one grid; outside points are probed in security-scope',
  'POST /api/evaluation/import': 'rows name single communities; outside ones are probed in security-scope',
  'POST /api/evaluation/reverse/dispatch':
    'a reverse issue is one community’s; outside ones are probed in security-scope',
  'POST /api/evaluation/ahp': 'pure computation on the matrix sent, writes nothing',
  'POST /api/orders/:id/mediation':
    'opens the mediation of one dispute order of one grid; outside ones are probed in security-scope',
  'POST /api/orders/:id/mediation/sessions':
    'a session of one dispute order of one grid; outside ones are probed in security-scope',
  'POST /api/orders/:id/mediation/refer':
    'refers one dispute order of one grid; outside ones are probed in security-scope',
  'POST /api/orders/:id/mediation/outcome':
    'ends the mediation of one dispute order of one grid; outside ones are probed in security-scope',
  'POST /api/orders/:id/mediation/followup':
    'a follow-up visit of one dispute order of one grid; outside ones are probed in security-scope',
  'PUT /api/orders/:id/public-text':
    'publishes the text of one order of one grid; outside ones are probed in security-scope',
  'DELETE /api/orders/:id/public-text':
    'withdraws the text of one order of one grid; outside ones are probed in security-scope',
  'POST /api/imports/:id/adjust': 'adjusts a re-gridding of one community; outside ones are probed in security-scope',
  'POST /api/auth/password': "changes the caller's own password",
  'POST /api/inbox/read': "marks the caller's own inbox read",
  'POST /api/visits/:id/referrals':
    'refers the resident of one visit to one grid; outside visits are probed in security-scope',
  'POST /api/referrals/:id/answer':
    "answers one referral of one grid's resident; outside ones are probed in security-scope",
  'POST /api/referrals/:id/close':
    "closes one referral of one grid's resident; outside ones are probed in security-scope",
};

interface Account {
  name: string;
  role: Role;
  token: string;
  areaId: number;
  path: string;
  level: string;
}

interface Probe {
  method: 'post' | 'put' | 'patch' | 'delete';
  path: string;
  body?: unknown;
  form?: () => FormData;
  /** Tables the probe must leave as they were. */
  unchanged: string[];
  /** Statuses that count as a refusal besides 403/404. */
  refusals?: number[];
  /** A 2xx answer that is still a refusal, when this returns nothing (a dry run the caller may not accept). */
  harmless?: (body: Json, token: string) => Promise<string[]> | string[];
  /** False when the district account's attempt would not succeed either (it is not a control). */
  control?: boolean;
}

let t: TestApp;
const scoped: Account[] = [];
const district: Partial<Record<Role, Account>> = {};
const areaOf = new Map<number, { id: number; level: string; code: string; path: string; geometry: string }>();

const one = async <T = Json>(sql: string, params: unknown[] = []) =>
  (await t.db.query<T & object>(sql, params)).rows[0] as T;

async function send(p: Probe, token: string): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  let body: BodyInit | undefined;
  if (p.form) body = p.form();
  else if (p.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(p.body);
  }
  return fetch(t.url + p.path, { method: p.method.toUpperCase(), headers, body });
}

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

async function asJson(r: Response): Promise<Json> {
  const text = await r.text();
  if (r.status >= 300) throw new Error(`${r.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** The areas above an account's own: its street and the district (for a grid account also its community). */
const wider = (a: Account) =>
  a.path
    .split('/')
    .filter(Boolean)
    .map(Number)
    .filter((id) => id !== a.areaId)
    .map((id) => areaOf.get(id)!);

// Targets made in setup by district accounts.
let system: { dims: { id: number }[]; indicator: { id: number }; focus: { id: number } };
let layout: { id: string; name: string; spec: Json };
let extraLayout: string;
const rules: Record<string, number> = {};
const scenarios: Record<number, number> = {};
const specials: Record<number, number> = {};
const imports: Record<number, number> = {};
const placed: Record<number, number> = {};
const webhooks: Record<number, number> = {};
let period: string;
/** A category and hazard level with no rule for every area yet. */
let freeRule: { categoryCode: string; hazardLevel: string };
let ownResource: { id: number };
let siblingGrid: { lon: number; lat: number };
let inScopeAccount: number;
// A grid of another street (its code), and a layer import, a roster import, a department list and a responsibility
// list the district's admin left pending.
let siblingGridCode: string;
let districtLayerImport: number;
let districtRoster: number;
let districtDepartments: number;
let districtRules: number;
let n = 0;
const uniq = () => ++n;

/** A square of about 20 m around a point (an outside grid's label point: wholly inside that grid), as a GeoJSON layer.
 * A feature that touches the importer's area is imported whole (a lake on the boundary); one wholly outside never. */
const squareAround = (p: { lon: number; lat: number }, name: string) => {
  const d = 0.0001;
  const ring = [
    [p.lon - d, p.lat - d],
    [p.lon + d, p.lat - d],
    [p.lon + d, p.lat + d],
    [p.lon - d, p.lat + d],
    [p.lon - d, p.lat - d],
  ];
  return {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { name }, geometry: { type: 'Polygon', coordinates: [ring] } }],
  };
};
const form = (name: string, content: string, fields: Record<string, string>) => () => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  fd.append('file', new Blob([new Uint8Array(Buffer.from(content, 'utf8'))]), name);
  return fd;
};

/** Probes per write route, aimed at what lies above the account's scope. */
const WIDER: Record<string, (a: Account) => Probe[]> = {
  'PUT /api/visit-rules/:id': (a) =>
    wider(a).map((x) => ({
      method: 'put' as const,
      path: `/api/visit-rules/${x.id}`,
      body: { per: 'month', visits: 2 },
      unchanged: ['visit_rules'],
    })),
  'DELETE /api/visit-rules/:id': (a) =>
    wider(a).map((x) => ({ method: 'delete' as const, path: `/api/visit-rules/${x.id}`, unchanged: ['visit_rules'] })),
  'PUT /api/meta/city': () => [
    { method: 'put', path: '/api/meta/city', body: { name: '越权市', nameEn: 'Overreach' }, unchanged: ['city_meta'] },
  ],
  'POST /api/meta/demo/remove': () => [
    {
      method: 'post',
      path: '/api/meta/demo/remove',
      body: { confirm: 'REMOVE DEMO CITY' },
      unchanged: ['areas', 'accounts', 'orders'],
      // A district admin would remove the city every other probe stands on: no control.
      control: false,
    },
  ],
  'POST /api/layers/imports': () => [
    {
      method: 'post',
      path: '/api/layers/imports',
      unchanged: ['water'],
      form: form('w.geojson', JSON.stringify(squareAround(siblingGrid, '越界水面')), { layer: 'water', crs: 'wgs84' }),
      // The report may stand, once analysed, but nothing outside the account's area may be ready to write.
      harmless: async (started: Json, token: string) => {
        const rep = await pollLayerImport(t.url, token, started.id);
        return rep.counts?.ready ? [`layer import ${rep.id} would write ${rep.counts.ready}`] : [];
      },
    },
  ],
  'POST /api/layers/imports/:id/accept': () => [
    { method: 'post', path: `/api/layers/imports/${districtLayerImport}/accept`, unchanged: ['water', 'imports'] },
  ],
  'POST /api/layers/imports/:id/cancel': () => [
    {
      method: 'post',
      path: `/api/layers/imports/${districtLayerImport}/cancel`,
      unchanged: ['imports'],
      control: false,
    },
  ],
  'POST /api/workers/roster': () => [
    {
      method: 'post',
      path: '/api/workers/roster',
      unchanged: ['grid_workers', 'worker_grids', 'accounts'],
      form: form('r.csv', `姓名,手机号,网格\n越权员,13900139000,${siblingGridCode}\n`, {}),
      harmless: (rep: Json) =>
        rep.rows?.length ? [`roster ${rep.id} would place a worker in ${siblingGridCode}`] : [],
    },
  ],
  'POST /api/workers/roster/:id/accept': () => [
    {
      method: 'post',
      path: `/api/workers/roster/${districtRoster}/accept`,
      unchanged: ['grid_workers', 'worker_grids', 'accounts'],
    },
  ],
  'POST /api/workers/roster/:id/cancel': () => [
    {
      method: 'post',
      path: `/api/workers/roster/${districtRoster}/cancel`,
      unchanged: ['roster_imports'],
      control: false,
    },
  ],
  'POST /api/departments/import': () => [
    {
      method: 'post',
      path: '/api/departments/import',
      unchanged: ['departments', 'routing_imports'],
      form: form('d.csv', `部门编码,部门名称\nwider_office,越权办公室\n`, { deactivateMissing: 'true' }),
    },
  ],
  'POST /api/departments/import/:id/accept': () => [
    {
      method: 'post',
      path: `/api/departments/import/${districtDepartments}/accept`,
      unchanged: ['departments', 'routing_imports'],
    },
  ],
  'POST /api/departments/import/:id/cancel': () => [
    {
      method: 'post',
      path: `/api/departments/import/${districtDepartments}/cancel`,
      unchanged: ['routing_imports'],
      control: false,
    },
  ],
  'POST /api/responsibilities/import': (a) => [
    {
      method: 'post',
      path: '/api/responsibilities/import',
      unchanged: ['responsibilities'],
      form: form(
        'r.csv',
        [
          '事项类别,区域,主办部门',
          `${freeRule.categoryCode},,urban_mgmt`,
          ...wider(a).map((x) => `SAN-02,${x.code},urban_mgmt`),
        ].join('\n'),
        {},
      ),
      // The report may stand, but no rule above the account's scope may be ready to write.
      harmless: (rep: Json) =>
        rep.rows?.length ? [`responsibility import ${rep.id} would set ${rep.rows.length}`] : [],
    },
  ],
  'POST /api/responsibilities/import/:id/accept': () => [
    {
      method: 'post',
      path: `/api/responsibilities/import/${districtRules}/accept`,
      unchanged: ['responsibilities', 'routing_imports'],
    },
  ],
  'POST /api/responsibilities/import/:id/cancel': () => [
    {
      method: 'post',
      path: `/api/responsibilities/import/${districtRules}/cancel`,
      unchanged: ['routing_imports'],
      control: false,
    },
  ],
  'PUT /api/evaluation/system/weights': () => [
    {
      method: 'put',
      path: '/api/evaluation/system/weights',
      body: { method: 'direct', parentId: null, weights: system.dims.map((_, i) => i + 1) },
      unchanged: ['eval_weight_groups', 'eval_nodes'],
    },
    {
      method: 'put',
      path: '/api/evaluation/system/weights',
      body: { method: 'entropy', parentId: null },
      unchanged: ['eval_weight_groups', 'eval_nodes'],
    },
  ],
  'POST /api/evaluation/system/nodes': () => [
    {
      method: 'post',
      path: '/api/evaluation/system/nodes',
      unchanged: ['eval_nodes', 'eval_weight_groups'],
      body: {
        parentId: system.focus.id,
        code: `X${uniq()}`,
        name: '越权指标',
        polarity: 'positive',
        source: 'questionnaire',
        norm: 'score',
      },
    },
  ],
  'PATCH /api/evaluation/system/nodes/:id': () => [
    {
      method: 'patch',
      path: `/api/evaluation/system/nodes/${system.indicator.id}`,
      body: { name: '越权改名' },
      unchanged: ['eval_nodes'],
    },
  ],
  'DELETE /api/evaluation/system/nodes/:id': () => [
    {
      method: 'delete',
      path: `/api/evaluation/system/nodes/${system.indicator.id}`,
      unchanged: ['eval_nodes', 'eval_weight_groups'],
    },
  ],
  'PUT /api/wall/layouts/:id': () => [
    {
      method: 'put',
      path: `/api/wall/layouts/${layout.id}`,
      body: { name: '越权布局', spec: layout.spec },
      unchanged: ['wall_layouts'],
    },
    {
      method: 'put',
      path: `/api/wall/layouts/${extraLayout}`,
      body: { name: '越权布局', spec: layout.spec },
      unchanged: ['wall_layouts'],
    },
  ],
  'DELETE /api/wall/layouts/:id': () => [
    { method: 'delete', path: `/api/wall/layouts/${extraLayout}`, unchanged: ['wall_layouts'] },
  ],
  'POST /api/responsibilities': (a) => [
    {
      method: 'post',
      path: '/api/responsibilities',
      body: { ...freeRule, areaId: null, leadDept: 'urban_mgmt' },
      unchanged: ['responsibilities'],
      refusals: [400],
    },
    ...wider(a).map((x) => ({
      method: 'post' as const,
      path: '/api/responsibilities',
      body: { categoryCode: 'SAN-02', areaId: x.id, leadDept: 'urban_mgmt' },
      unchanged: ['responsibilities'],
      refusals: [400],
    })),
  ],
  'PUT /api/responsibilities/:id': (a) => [
    // A rule of the wider area, narrowed into the caller's own, and the caller's own rule widened.
    {
      method: 'put',
      path: `/api/responsibilities/${rules.district}`,
      body: { categoryCode: 'SAF-09', areaId: a.areaId, leadDept: 'urban_mgmt' },
      unchanged: ['responsibilities'],
      refusals: [400],
    },
    ...wider(a).map((x) => ({
      method: 'put' as const,
      path: `/api/responsibilities/${rules[x.id]}`,
      body: { categoryCode: 'SAF-07', areaId: x.id, leadDept: 'housing' },
      unchanged: ['responsibilities'],
      refusals: [400],
    })),
    {
      method: 'put',
      path: `/api/responsibilities/${rules[a.areaId]}`,
      body: { ...freeRule, areaId: null, leadDept: 'urban_mgmt' },
      unchanged: ['responsibilities'],
      refusals: [400],
      control: false,
    },
  ],
  'DELETE /api/responsibilities/:id': (a) =>
    [rules.district, ...wider(a).map((x) => rules[x.id])].map((id) => ({
      method: 'delete',
      path: `/api/responsibilities/${id}`,
      unchanged: ['responsibilities'],
    })),
  'POST /api/accounts': (a) =>
    wider(a).map((x) => ({
      method: 'post',
      path: '/api/accounts',
      unchanged: ['accounts'],
      refusals: [400],
      body: {
        username: `wide-${x.id}-${uniq()}`,
        displayName: '越权账号',
        role: 'operator',
        areaId: x.id,
        password: 'Wide-scope-pass-9',
      },
    })),
  'PATCH /api/accounts/:id': (a) => [
    // The admin's own account holder moved above the admin's scope, and an account placed above it renamed.
    ...wider(a).map((x) => ({
      method: 'patch' as const,
      path: `/api/accounts/${inScopeAccount}`,
      body: { areaId: x.id },
      unchanged: ['accounts'],
      refusals: [400],
    })),
    ...wider(a).map((x) => ({
      method: 'patch' as const,
      path: `/api/accounts/${placed[x.id]}`,
      body: { displayName: '越权改名' },
      unchanged: ['accounts'],
    })),
  ],
  'POST /api/accounts/:id/password': (a) =>
    wider(a).map((x) => ({
      method: 'post',
      path: `/api/accounts/${placed[x.id]}/password`,
      body: { password: 'Taken-over-pass-9' },
      unchanged: ['accounts'],
    })),
  'POST /api/siting/optimize': (a) =>
    wider(a).map((x) => ({
      method: 'post',
      path: '/api/siting/optimize',
      body: { model: 'mclp', p: 1, area: x.id },
      unchanged: ['siting_scenarios'],
    })),
  'POST /api/siting/scenarios': (a) =>
    wider(a).map((x) => ({
      method: 'post',
      path: '/api/siting/scenarios',
      body: { name: '越权方案', request: { model: 'mclp', p: 1, area: x.id } },
      unchanged: ['siting_scenarios'],
    })),
  'DELETE /api/siting/scenarios/:id': (a) =>
    wider(a).map((x) => ({
      method: 'delete',
      path: `/api/siting/scenarios/${scenarios[x.id]}`,
      unchanged: ['siting_scenarios'],
    })),
  'POST /api/needs/triage': (a) => [
    ...wider(a).map((x) => ({
      method: 'post' as const,
      path: '/api/needs/triage',
      body: { areaId: x.id, need: 'parcel', tier: x.level === 'district' ? 'district' : 'street' },
      unchanged: ['need_triage', 'need_projects'],
      refusals: [400],
    })),
    // A project of the street or the district is theirs to open, not a community's.
    ...(['street', 'district'] as const)
      .filter((tier) => a.level !== 'district' && !(tier === 'street' && a.level === 'street'))
      .map((tier) => ({
        method: 'post' as const,
        path: '/api/needs/triage',
        unchanged: ['need_triage', 'need_projects'],
        refusals: [400],
        body: { areaId: a.areaId, need: 'parcel', tier, action: 'project', projectTitle: `越权${tier}项目` },
      })),
  ],
  'PATCH /api/resources/:id': () => [
    {
      method: 'patch',
      path: `/api/resources/${ownResource.id}`,
      body: { lon: siblingGrid.lon, lat: siblingGrid.lat },
      unchanged: ['resources'],
      refusals: [400],
    },
  ],
  'DELETE /api/resources/:id': () => [],
  'POST /api/evaluation/specials': (a) =>
    wider(a)
      .filter((x) => x.level === 'street')
      .map((x) => ({
        method: 'post',
        path: '/api/evaluation/specials',
        body: { period, areaId: x.id, points: 1, reason: '越权加分' },
        unchanged: ['eval_specials'],
        refusals: [400],
      })),
  'DELETE /api/evaluation/specials/:id': (a) =>
    wider(a)
      .filter((x) => specials[x.id])
      .map((x) => ({
        method: 'delete',
        path: `/api/evaluation/specials/${specials[x.id]}`,
        unchanged: ['eval_specials'],
      })),
  'POST /api/imports': (a) =>
    wider(a)
      .filter((x) => x.level === 'street')
      .map((x) => ({
        method: 'post',
        path: '/api/imports',
        unchanged: ['areas', 'area_imports'],
        refusals: [400],
        form: form(
          's.geojson',
          JSON.stringify({
            type: 'FeatureCollection',
            features: [
              { type: 'Feature', properties: { name: '越权街道', code: x.code }, geometry: JSON.parse(x.geometry) },
            ],
          }),
          { options: JSON.stringify({ level: 'street' }) },
        ),
        harmless: (rep: Json) => (rep.acceptable ? [`import ${rep.id} of street ${x.id} is acceptable`] : []),
      })),
  'POST /api/imports/:id/accept': (a) =>
    wider(a)
      .filter((x) => imports[x.id])
      .map((x) => ({ method: 'post', path: `/api/imports/${imports[x.id]}/accept`, unchanged: ['areas', 'imports'] })),
  'POST /api/imports/:id/cancel': (a) =>
    wider(a)
      .filter((x) => imports[x.id])
      .map((x) => ({
        method: 'post',
        path: `/api/imports/${imports[x.id]}/cancel`,
        unchanged: ['imports'],
        control: false,
      })),
  'POST /api/webhooks': (a) =>
    wider(a).map((x) => ({
      method: 'post',
      path: '/api/webhooks',
      body: { name: `越权订阅 ${uniq()}`, url: 'https://1.1.1.1/hook', topics: ['alarm'], areaId: x.id },
      unchanged: ['webhooks'],
    })),
  'PATCH /api/webhooks/:id': (a) =>
    wider(a).map((x) => ({
      method: 'patch',
      path: `/api/webhooks/${webhooks[x.id]}`,
      body: { name: '越权改名' },
      unchanged: ['webhooks'],
    })),
  'DELETE /api/webhooks/:id': (a) =>
    wider(a).map((x) => ({ method: 'delete', path: `/api/webhooks/${webhooks[x.id]}`, unchanged: ['webhooks'] })),
  'POST /api/regrid': (a) =>
    wider(a).map((x) => ({
      method: 'post',
      path: '/api/regrid',
      body: { communityId: x.id },
      unchanged: ['imports'],
      refusals: [400],
      control: false,
    })),
};
// A resource of the caller's own area is theirs; removing one is a single point (probed outside in security-scope).
delete WIDER['DELETE /api/resources/:id'];
NARROW['DELETE /api/resources/:id'] = 'a resource is one point of one grid; outside ones are probed in security-scope';

const key = (r: Spec) => `${r.method.toUpperCase()} ${r.path}`;
const writes = () => (registeredRoutes as unknown as Spec[]).filter((r) => r.method !== 'get' && r.access !== 'public');
const allows = (r: Spec, role: Role) => r.access === 'any' || (Array.isArray(r.access) && r.access.includes(role));
const CONTROL_ORDER = (p: Probe) => (p.method === 'delete' ? 2 : p.path.endsWith('/accept') ? 3 : 1);

async function login(name: string): Promise<Account> {
  const row = await one<{ role: Role; areaId: number; path: string; level: string }>(
    `SELECT a.role, a.area_id AS "areaId", g.path, g.level FROM accounts a JOIN areas g ON g.id = a.area_id WHERE a.username = $1`,
    [name],
  );
  return { name, ...row, token: await t.login(name) };
}

beforeAll(async () => {
  t = await startTestApp({ GRIDWALL_INTAKE_PER_MINUTE: '0', GRIDWALL_LOGIN_FAILURES: '0' });
  const community = await one<{ id: number; parentId: number }>(
    `SELECT g.id, g.parent_id AS "parentId" FROM accounts a JOIN areas g ON g.id = a.area_id WHERE a.username = 'community1'`,
  );
  period = (await one<{ code: string }>(`SELECT code FROM eval_periods ORDER BY code DESC LIMIT 1`)).code;
  // Accounts of every role, scoped to community1's community and to its street.
  for (const [suffix, areaId] of [
    ['c', community.id],
    ['s', community.parentId],
  ] as const) {
    for (const role of ['admin', 'operator', 'dispatcher', 'planner', 'supervisor'] as const) {
      await t.db.query(
        `INSERT INTO accounts (username, display_name, password_hash, role, area_id) SELECT $1, $2, password_hash, $3, $4 FROM accounts WHERE username = 'community1'`,
        [`${role}_${suffix}`, `${suffix}-${role}`, role, areaId],
      );
    }
  }
  for (const name of [
    'admin_c',
    'operator_c',
    'dispatcher_c',
    'planner_c',
    'supervisor_c',
    'admin_s',
    'operator_s',
    'dispatcher_s',
    'planner_s',
    'supervisor_s',
    'worker1',
  ])
    scoped.push(await login(name));
  for (const role of ['admin', 'operator', 'dispatcher', 'planner', 'supervisor'] as const)
    district[role] = await login(role);
  for (const a of (
    await t.db.query<{ id: number; level: string; code: string; path: string; geometry: string }>(
      `SELECT id, level, code, path, ST_AsGeoJSON(geom, 9) AS geometry FROM areas WHERE level IN ('district', 'street', 'community', 'grid') AND id IN (${[...new Set(scoped.flatMap((a) => a.path.split('/').filter(Boolean)))].join(',')})`,
    )
  ).rows)
    areaOf.set(Number(a.id), { ...a, id: Number(a.id) });
  const above = [...areaOf.values()].filter((x) => x.level !== 'grid');
  const districtArea = above.find((x) => x.level === 'district')!;

  // The district's indicator system.
  const sys = await asJson(await t.get('/api/evaluation/system', district.admin!.token));
  const nodes = sys.nodes as { id: number; parentId: number | null; level: string }[];
  const focus = nodes.find((x) => x.level === 'focus')!;
  system = {
    dims: nodes.filter((x) => x.parentId === null),
    focus,
    indicator: nodes.find((x) => x.level === 'indicator' && x.parentId === focus.id)!,
  };
  // Wall layouts: a shipped one and one added by the district.
  const layouts = await asJson(await t.get('/api/wall/layouts', district.admin!.token));
  layout = layouts[0];
  extraLayout = 'district-extra';
  await asJson(
    await fetch(`${t.url}/api/wall/layouts/${extraLayout}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${district.admin!.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '区级附加', spec: layout.spec }),
    }),
  );
  // A webhook over each wider area (never delivered: it hears only alarms, at a public address).
  for (const x of above)
    webhooks[x.id] = (
      await one<{ id: number }>(
        `INSERT INTO webhooks (name, url, secret, topics, area_id, area_path, created_by)
         SELECT $1, 'https://1.1.1.1/hook', 'secret', '{alarm}', $2, $3, id FROM accounts WHERE username = 'admin' RETURNING id`,
        [`订阅 ${x.id}`, x.id, x.path],
      )
    ).id;
  // Rules, scenarios, specials, accounts and pending imports of each wider area, made by district accounts.
  const taken = new Set(
    (
      await t.db.query<{ c: string }>(
        `SELECT category_code || ':' || coalesce(hazard_level, '') AS c FROM responsibilities WHERE area_id IS NULL`,
      )
    ).rows.map((r) => r.c),
  );
  freeRule = ORDER_CATEGORIES.flatMap((c) =>
    ['critical', 'major', 'general'].map((h) => ({ categoryCode: c.code, hazardLevel: h })),
  ).find((x) => !taken.has(`${x.categoryCode}:${x.hazardLevel}`))!;
  rules.district = (
    await one<{ id: number }>(`SELECT id FROM responsibilities WHERE area_id IS NULL ORDER BY id LIMIT 1`)
  ).id;
  for (const x of [...above, ...[...areaOf.values()].filter((g) => g.level === 'grid')]) {
    rules[x.id] = (
      await asJson(
        await t.post(
          '/api/responsibilities',
          { categoryCode: 'SAF-07', areaId: x.id, leadDept: 'urban_mgmt' },
          district.admin!.token,
        ),
      )
    ).id;
    placed[x.id] = (
      await asJson(
        await t.post(
          '/api/accounts',
          {
            username: `placed-${x.id}`,
            displayName: '上级账号',
            role: 'operator',
            areaId: x.id,
            password: 'Placed-account-pass-9',
          },
          district.admin!.token,
        ),
      )
    ).id;
  }
  for (const x of above) {
    scenarios[x.id] = (
      await asJson(
        await t.post(
          '/api/siting/scenarios',
          { name: `${x.level} 方案`, request: { model: 'mclp', p: 1, area: x.id } },
          district.planner!.token,
        ),
      )
    ).id;
    if (x.level === 'street') {
      specials[x.id] = (
        await asJson(
          await t.post(
            '/api/evaluation/specials',
            { period, areaId: x.id, points: 2, reason: '街道加分' },
            district.supervisor!.token,
          ),
        )
      ).id;
      const rep = await asJson(
        await fetch(`${t.url}/api/imports`, {
          method: 'POST',
          headers: { authorization: `Bearer ${district.admin!.token}` },
          body: form(
            's.geojson',
            JSON.stringify({
              type: 'FeatureCollection',
              features: [
                { type: 'Feature', properties: { name: '街道边界', code: x.code }, geometry: JSON.parse(x.geometry) },
              ],
            }),
            { options: JSON.stringify({ level: 'street' }) },
          )(),
        }),
      );
      imports[x.id] = rep.id;
    }
  }
  expect(districtArea).toBeTruthy();
  inScopeAccount = (
    await asJson(
      await t.post(
        '/api/accounts',
        {
          username: 'in-scope-1',
          displayName: '社区账号',
          role: 'operator',
          areaId: community.id,
          password: 'In-scope-account-9',
        },
        district.admin!.token,
      ),
    )
  ).id;
  const grid = await one<{ lon: number; lat: number }>(
    `SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas WHERE parent_id = $1 AND level = 'grid' ORDER BY code LIMIT 1`,
    [community.id],
  );
  ownResource = await asJson(
    await t.post(
      '/api/resources',
      { kind: 'clinic', name: '本社区诊所', lon: grid.lon, lat: grid.lat },
      district.admin!.token,
    ),
  );
  // A grid of another street: outside every narrower account's scope.
  const sibling = await one<{ lon: number; lat: number; code: string }>(
    `SELECT ST_X(g.label_point) AS lon, ST_Y(g.label_point) AS lat, g.code FROM areas g JOIN areas c ON c.id = g.parent_id WHERE c.parent_id <> $1 AND g.level = 'grid' ORDER BY g.code LIMIT 1`,
    [community.parentId],
  );
  siblingGrid = { lon: sibling.lon, lat: sibling.lat };
  siblingGridCode = sibling.code;
  // What the district's admin left pending there: a water layer and a roster.
  const upload = async (path: string, body: FormData) =>
    asJson(
      await fetch(t.url + path, {
        method: 'POST',
        headers: { authorization: `Bearer ${district.admin!.token}` },
        body,
      }),
    );
  const layerRep = await pollLayerImport(
    t.url,
    district.admin!.token,
    (
      await upload(
        '/api/layers/imports',
        form('w.geojson', JSON.stringify(squareAround(siblingGrid, '区级水面')), { layer: 'water', crs: 'wgs84' })(),
      )
    ).id,
  );
  expect(layerRep.counts.ready, 'the district admin’s water layer is ready to write').toBe(1);
  districtLayerImport = layerRep.id;
  const rosterRep = await upload(
    '/api/workers/roster',
    form('r.csv', `姓名,手机号,网格\n区级员,13900139001,${siblingGridCode}\n`, {})(),
  );
  expect(rosterRep.rows.length, 'the district admin’s roster places its worker').toBe(1);
  districtRoster = rosterRep.id;
  // A department list that changes nothing, and a rule for every area.
  const deptRep = await upload(
    '/api/departments/import',
    form('d.csv', `部门编码,部门名称\nurban_mgmt,区城管执法局\n`, {})(),
  );
  expect(deptRep.acceptable, 'the district admin’s department list').toBe(true);
  districtDepartments = deptRep.id;
  const rulesRep = await upload(
    '/api/responsibilities/import',
    form(
      'r.csv',
      `事项类别,区域,风险等级,主办部门\n${freeRule.categoryCode},,${freeRule.hazardLevel},urban_mgmt\n`,
      {},
    )(),
  );
  expect(rulesRep.rows.length, 'the district admin’s rule for every area').toBe(1);
  districtRules = rulesRep.id;
  expect(system.indicator?.id, 'an indicator of the system').toBeTruthy();
  expect(system.focus?.id, 'a focus of the system').toBeTruthy();
  // Visit rules of the street and the district above the scoped accounts, for removals to aim at.
  await t.db.query(
    `INSERT INTO visit_rules (area_id, per, visits) SELECT id, 'week', 1 FROM areas WHERE level IN ('district', 'street')`,
  );
});
afterAll(async () => t?.close());

describe('every write route, by an account of an allowed role whose scope is narrower than what it covers', () => {
  it('names every write route either as narrow, with a reason, or with probes', () => {
    const keys = new Set(writes().map(key));
    expect(
      [...keys].filter((k) => !NARROW[k] && !WIDER[k]),
      'write routes with neither probes nor a reason',
    ).toEqual([]);
    expect(
      [...Object.keys(NARROW), ...Object.keys(WIDER)].filter((k) => !keys.has(k)),
      'entries for routes that no longer exist',
    ).toEqual([]);
    expect(keys.size).toBeGreaterThan(35);
  });

  it('refuses each (403, or the 4xx named), changes nothing, and a district account of an allowed role succeeds', async () => {
    const failures: string[] = [];
    const controls: { probe: Probe; role: Role }[] = [];
    let probes = 0;
    for (const r of writes()) {
      const k = key(r);
      if (!WIDER[k]) continue;
      const accounts = scoped.filter((a) => allows(r, a.role));
      expect(accounts.length, `${k}: a narrower account of an allowed role`).toBeGreaterThan(0);
      let made = 0;
      for (const a of accounts) {
        for (const p of WIDER[k](a)) {
          probes++;
          made++;
          const before = await fingerprint(p.unchanged);
          const res = await send(p, a.token);
          const what = `${p.method.toUpperCase()} ${p.path} ${p.body ? JSON.stringify(p.body).slice(0, 80) : ''} as ${a.name}`;
          const text = await res.text();
          const refused = res.status === 403 || res.status === 404 || (p.refusals ?? []).includes(res.status);
          if (!refused) {
            const body = res.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : text;
            const why = res.status < 300 && p.harmless ? await p.harmless(body, a.token) : [`${text.slice(0, 160)}`];
            if (why.length) failures.push(`${what} → ${res.status}: ${why.join('; ')}`);
          }
          if (before !== (await fingerprint(p.unchanged)))
            failures.push(`${what} → ${res.status}: changed ${p.unchanged.join(', ')}`);
          if (p.control !== false && a === accounts[0]) {
            const role = (['admin', 'planner', 'supervisor', 'dispatcher', 'operator'] as const).find((x) =>
              allows(r, x),
            )!;
            controls.push({ probe: p, role });
          }
        }
      }
      expect(made, `${k}: probes`).toBeGreaterThan(0);
    }
    for (const c of controls.sort((x, y) => CONTROL_ORDER(x.probe) - CONTROL_ORDER(y.probe))) {
      const res = await send(c.probe, district[c.role]!.token);
      const text = await res.text();
      if (!(res.status >= 200 && res.status < 300))
        failures.push(
          `control ${c.probe.method.toUpperCase()} ${c.probe.path} as district ${c.role} → ${res.status} ${text.slice(0, 160)} (the probe does not reach its target)`,
        );
    }
    expect(probes).toBeGreaterThan(60);
    expect(failures).toEqual([]);
  });
});
