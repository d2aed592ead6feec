// Every environment variable Gridwall reads, parsed once, with its default.
import { renderMessage } from '../contract/messages/index.js';
import path from 'node:path';
import { z } from 'zod';
import type { EscalationPolicy } from '../core/orders/escalation.js';
import { policyFrom } from './orders/policy-config.js';
import { parsePublicOrigins } from './http/origin.js';
import { passwordMessage, passwordProblem } from './auth/password-policy.js';
import { DEPARTMENTS } from '../contract/order-categories.js';
import { parseDuty, parseWeights, type WorkerSettings } from './workers/settings.js';
import { type BasemapSettings, parseBasemap } from './basemap/settings.js';

/** The demo accounts ensureDemoAccounts creates (their password is GRIDWALL_DEMO_PASSWORD). */
const DEMO_USERNAMES = [
  'admin',
  'operator',
  'dispatcher',
  'planner',
  'supervisor',
  'community1',
  'worker1',
  'community_staff',
  'street_staff',
  'reviewer',
  'city_supervisor',
  ...DEPARTMENTS.map((d) => `dept_${d}`),
];
import type { PhotoLimits } from './photos/retention.js';

export const DEFAULT_DEMO_PASSWORD = 'gridwall-demo';

const Env = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  GRIDWALL_DATA_DIR: z.string().default('./.gridwall'),
  GRIDWALL_SEED_SIZE: z.enum(['small', 'full', 'none']).default('full'),
  /** The password of the installation's administrator `admin`, created at start when no administrator exists. */
  GRIDWALL_ADMIN_PASSWORD: z.string().optional(),
  GRIDWALL_SEED: z.coerce.number().int().default(20181),
  GRIDWALL_DEMO_PASSWORD: z.string().default(DEFAULT_DEMO_PASSWORD),
  GRIDWALL_SESSION_HOURS: z.coerce.number().positive().default(12),
  GRIDWALL_TILE_CACHE: z.coerce.number().int().min(0).default(4000),
  REDIS_URL: z.string().optional(),
  GRIDWALL_WEB_DIR: z.string().default('./dist/web'),
  GRIDWALL_LOG: z.enum(['silent', 'info', 'debug']).default('info'),
  GRIDWALL_ESCALATION_INTERVAL_MS: z.coerce.number().int().min(0).default(30_000),
  GRIDWALL_SYNC_MS: z.coerce.number().int().min(0).default(5_000),
  GRIDWALL_SLA_DEADLINES: z.string().optional(),
  GRIDWALL_WORKING_DAYS_FILE: z.string().optional(),
  /** N: failed logins per address + account name before each further try waits (30 s, doubling, up to 15 min); ×5 per address across names; ×4 per name across addresses, for addresses and devices it never logged in from. 0 turns the limits off. */
  GRIDWALL_LOGIN_FAILURES: z.coerce.number().int().min(0).default(5),
  /** Reports one account may file a minute (shared by every node through Redis when REDIS_URL is set); 0 turns the limit off. */
  GRIDWALL_INTAKE_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  /** Express `trust proxy`: a hop count, `true`/`false`, or addresses/subnets/names (`loopback,uniquelocal`). */
  GRIDWALL_TRUST_PROXY: z.string().default('loopback'),
  /** Where Open311 places a public request: `grid` (the grid's label point) or a lattice of this many metres. */
  GRIDWALL_PUBLIC_PRECISION_M: z
    .string()
    .trim()
    .default('grid')
    .refine((v) => v === 'grid' || (/^\d+$/.test(v) && Number(v) >= 50 && Number(v) <= 10_000), {
      message: '须为 grid 或 50–10000 的整数米数 / must be grid or a whole number of metres from 50 to 10000',
    }),
  /** Origins whose pages may write with the session cookie and open sockets (comma-separated); unset = the listening address. */
  GRIDWALL_PUBLIC_ORIGIN: z.string().optional(),
  /** What an uploaded zip (zipped Shapefile, XLSX) may unpack to: megabytes in all, and entries. */
  GRIDWALL_UNZIP_MAX_MB: z.coerce.number().positive().max(4096).default(200),
  GRIDWALL_UNZIP_MAX_ENTRIES: z.coerce.number().int().min(1).max(100_000).default(1000),
  /** Photos no report, fix or visit shows are deleted after these hours; until then each account may hold so many. */
  GRIDWALL_PHOTO_UNATTACHED_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(24),
  GRIDWALL_PHOTO_QUOTA: z.coerce.number().int().min(0).default(50),
  GRIDWALL_PHOTO_QUOTA_MB: z.coerce.number().min(0).default(100),
  /** Seconds the siting optimizer's exact solver (HiGHS) may run in a request. */
  GRIDWALL_SITING_EXACT_S: z.coerce.number().min(0).max(3600).default(30),
  /** Largest model (constraint-matrix nonzeros) handed to the exact solver; larger ones get the Lagrangian bound only. */
  GRIDWALL_SITING_EXACT_MAX_NONZEROS: z.coerce.number().int().min(0).default(1_000_000),
  /** The siting heuristic's time budget in a request (ms), ordering the chosen sites included. */
  GRIDWALL_SITING_BUDGET_MS: z.coerce.number().int().min(1).max(600_000).default(10_000),
  /** Exact solves at once, each in its own worker thread (reused); more wait in a queue of GRIDWALL_SITING_QUEUE. */
  GRIDWALL_SITING_WORKERS: z.coerce.number().int().min(1).max(16).default(2),
  /** Exact solves that may wait for a worker; one more is refused with 503 until one finishes. */
  GRIDWALL_SITING_QUEUE: z.coerce.number().int().min(0).max(1000).default(8),
  /** Grid workers: day partitions of positions older than this many days are dropped. */
  GRIDWALL_POSITION_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(400),
  /** Grid workers' duty windows, China Standard Time (HH:MM-HH:MM, comma-separated). */
  GRIDWALL_DUTY_HOURS: z.string().default('08:30-12:00,14:00-17:30'),
  /** Minutes on duty outside the own grid before an alarm. */
  GRIDWALL_OUT_OF_GRID_MINUTES: z.coerce.number().int().min(1).max(600).default(30),
  /** Minutes on duty without a position before an alarm. */
  GRIDWALL_SILENT_MINUTES: z.coerce.number().int().min(1).max(600).default(20),
  /** Visits each special-group resident is owed an ISO week, where the grid has no rule of its own (visit_rules). */
  GRIDWALL_VISITS_PER_WEEK: z.coerce.number().int().min(1).max(7).default(1),
  /** Days a referral to a department may stay unanswered before it is overdue. */
  GRIDWALL_REFERRAL_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  /** The grid-worker ranking's default weights (criterion:weight, normalised to sum 1). */
  GRIDWALL_RANKING_WEIGHTS: z.string().default('info:0.25,coverage:0.3,visits:0.25,onTime:0.2'),
  /** How often geofence and silence alarms and position-partition upkeep run (ms); 0 = only when called. */
  GRIDWALL_WORKER_CHECK_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
  /** At most one `worker:position` push per worker per this many ms; 0 = every batch. */
  GRIDWALL_LIVE_PUSH_MS: z.coerce.number().int().min(0).default(2_000),
  /** `1`: `npm start` does not rebuild the web app even if its sources changed. */
  GRIDWALL_SKIP_BUILD: z.enum(['0', '1', '']).default('0'),
  /** How often each node looks for due jobs (imports, periodic passes) and for jobs whose node stopped; 0 = only when work is queued on it. */
  GRIDWALL_JOB_POLL_MS: z.coerce.number().int().min(0).max(600_000).default(2_000),
  /** A running job whose node has not sent a heartbeat for this long is taken back (requeued or failed); nodes beat 4× as often. */
  GRIDWALL_JOB_STALE_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  /** Queued jobs (imports) one node runs at once. */
  GRIDWALL_JOBS_PER_NODE: z.coerce.number().int().min(1).max(64).default(2),
  /** `true`: every JSON response and status is checked against its route's spec (tests); never in production. */
  GRIDWALL_CHECK_RESPONSES: z.enum(['true', 'false']).default('false'),
  /** The base map: `own`, `xyz:<URL>`, `tms:<URL>` or `style:<URL>` (api/basemap/settings.ts reads these). */
  GRIDWALL_BASEMAP: z.string().optional(),
  GRIDWALL_BASEMAP_DATUM: z.string().optional(),
  GRIDWALL_BASEMAP_ATTRIBUTION: z.string().optional(),
  GRIDWALL_BASEMAP_TILE_SIZE: z.string().optional(),
  GRIDWALL_BASEMAP_MAXZOOM: z.string().optional(),
  GRIDWALL_BASEMAP_ORIGINS: z.string().optional(),
  /** How often webhook deliveries are made and retried, on one node at a time (ms); 0 = only when called. */
  GRIDWALL_WEBHOOK_INTERVAL_MS: z.coerce.number().int().min(0).default(5_000),
  /** `true`: webhooks may go to private, loopback and reserved addresses (an intranet gateway); refused otherwise. */
  GRIDWALL_WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
});

export interface Config {
  production: boolean;
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** The demo city built on first start, or `none`: an empty installation with one administrator. */
  seedSize: 'small' | 'full' | 'none';
  seed: number;
  /** The password `admin` gets when the start finds no administrator (checked then against the password policy). */
  adminPassword: string | undefined;
  demoPassword: string;
  sessionHours: number;
  tileCacheEntries: number;
  redisUrl: string | undefined;
  webDir: string;
  log: 'silent' | 'info' | 'debug';
  /** How often the escalation ladder runs; 0 turns the timer off (tests tick it by hand). */
  escalationIntervalMs: number;
  /** How often each node tells its sockets the watermark seq they check their pushes against; 0 = off. */
  syncMs: number;
  /** SLA and escalation rules (deadlines per hazard level, working-day calendar). */
  policy: EscalationPolicy;
  loginFailures: number;
  intakePerMinute: number;
  /** Which proxies' X-Forwarded-For is believed (the client address of rate limits and the audit log). */
  trustProxy: boolean | number | string;
  /** How coarsely Open311 shows where a request is: the grid's label point, or the centre of a lattice cell of so many metres. */
  publicPrecision: PublicPrecision;
  /**
   * Origins (scheme://host[:port]) whose browser pages may send cookie-authenticated writes and open
   * sockets; null = the listening address (localhost, 127.0.0.1 and HOST at the port) and the address a
   * request was sent to.
   */
  publicOrigins: string[] | null;
  /** Limits of an uploaded zip: bytes unpacked in all, and entries. */
  unzip: { maxBytes: number; maxEntries: number };
  /** Unattached photos: hours kept, and the per-account quota (count, bytes; 0 = no limit). */
  photos: PhotoLimits;
  /** The siting optimizer's limits: exact solver seconds and model size, heuristic budget (ms). */
  siting: { exactTimeLimitS: number; exactMaxNonzeros: number; heuristicBudgetMs: number };
  /** The exact solver's worker threads: how many, and how many solves may wait for one. */
  sitingPool: { workers: number; queue: number };
  /** The grid-worker features: retention, duty hours, alarms, the ranking's weights, live pushes. */
  workers: WorkerSettings;
  /** `npm start` leaves the built web app as it is. */
  skipWebBuild: boolean;
  /** Durable jobs: poll interval and heartbeat staleness (ms), jobs run at once per node. */
  jobs: { pollMs: number; staleMs: number; concurrency: number };
  /** Responses checked against their route's declared schema and statuses (a mismatch answers 500); off in production. */
  checkResponses: boolean;
  /** The base map under the areas (own, or an external tile service or style) and its datum. */
  basemap: BasemapSettings;
  /** Outbound webhooks: how often deliveries run (0 = only when called), and whether private addresses are allowed. */
  webhooks: { intervalMs: number; allowPrivate: boolean };
}

export type PublicPrecision = 'grid' | number;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置错误 / invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && e.GRIDWALL_DEMO_PASSWORD === DEFAULT_DEMO_PASSWORD) {
    throw new Error(
      'NODE_ENV=production refuses the default demo password: set GRIDWALL_DEMO_PASSWORD to a secret of 12+ characters.',
    );
  }
  if (production && e.GRIDWALL_DEMO_PASSWORD.length < 12) {
    throw new Error('GRIDWALL_DEMO_PASSWORD must be at least 12 characters in production.');
  }
  let publicOrigins: string[] | null;
  try {
    publicOrigins = parsePublicOrigins(e.GRIDWALL_PUBLIC_ORIGIN);
  } catch (err) {
    throw new Error(`配置错误 / invalid configuration:\n  GRIDWALL_PUBLIC_ORIGIN: ${(err as Error).message}`, {
      cause: err,
    });
  }
  let workers: WorkerSettings;
  try {
    workers = {
      retentionDays: e.GRIDWALL_POSITION_RETENTION_DAYS,
      duty: parseDuty(e.GRIDWALL_DUTY_HOURS),
      outOfGridMinutes: e.GRIDWALL_OUT_OF_GRID_MINUTES,
      silentMinutes: e.GRIDWALL_SILENT_MINUTES,
      visitsPerWeek: e.GRIDWALL_VISITS_PER_WEEK,
      referralOverdueDays: e.GRIDWALL_REFERRAL_DAYS,
      weights: parseWeights(e.GRIDWALL_RANKING_WEIGHTS),
      checkIntervalMs: e.GRIDWALL_WORKER_CHECK_INTERVAL_MS,
      livePushMs: e.GRIDWALL_LIVE_PUSH_MS,
    };
  } catch (err) {
    const m = (err as Error).message;
    throw new Error(
      `配置错误 / invalid configuration:\n  ${m.startsWith('GRIDWALL_') ? m : `GRIDWALL_RANKING_WEIGHTS: ${m}`}`,
      { cause: err },
    );
  }
  let basemap: BasemapSettings;
  try {
    basemap = parseBasemap(e);
  } catch (err) {
    throw new Error(`配置错误 / invalid configuration:\n  ${(err as Error).message}`, { cause: err });
  }
  // The demo accounts' names (admin, operator, …) and the commonest passwords are refused too in production.
  const weak = production
    ? DEMO_USERNAMES.map((u) => passwordProblem(e.GRIDWALL_DEMO_PASSWORD, u)).find(Boolean)
    : null;
  if (weak)
    throw new Error(`GRIDWALL_DEMO_PASSWORD is refused in production: ${renderMessage(passwordMessage(weak), 'en')}.`);
  return {
    production,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL || undefined,
    dataDir: path.resolve(e.GRIDWALL_DATA_DIR),
    seedSize: e.GRIDWALL_SEED_SIZE,
    seed: e.GRIDWALL_SEED,
    demoPassword: e.GRIDWALL_DEMO_PASSWORD,
    adminPassword: e.GRIDWALL_ADMIN_PASSWORD || undefined,
    sessionHours: e.GRIDWALL_SESSION_HOURS,
    tileCacheEntries: e.GRIDWALL_TILE_CACHE,
    redisUrl: e.REDIS_URL || undefined,
    webDir: path.resolve(e.GRIDWALL_WEB_DIR),
    log: e.GRIDWALL_LOG,
    escalationIntervalMs: e.GRIDWALL_ESCALATION_INTERVAL_MS,
    syncMs: e.GRIDWALL_SYNC_MS,
    policy: policyFrom({ deadlines: e.GRIDWALL_SLA_DEADLINES, calendarFile: e.GRIDWALL_WORKING_DAYS_FILE }),
    loginFailures: e.GRIDWALL_LOGIN_FAILURES,
    intakePerMinute: e.GRIDWALL_INTAKE_PER_MINUTE,
    trustProxy: trustProxyFrom(e.GRIDWALL_TRUST_PROXY),
    publicPrecision: e.GRIDWALL_PUBLIC_PRECISION_M === 'grid' ? 'grid' : Number(e.GRIDWALL_PUBLIC_PRECISION_M),
    publicOrigins,
    unzip: { maxBytes: Math.round(e.GRIDWALL_UNZIP_MAX_MB * 1024 * 1024), maxEntries: e.GRIDWALL_UNZIP_MAX_ENTRIES },
    photos: {
      unattachedHours: e.GRIDWALL_PHOTO_UNATTACHED_HOURS,
      quotaCount: e.GRIDWALL_PHOTO_QUOTA,
      quotaBytes: Math.round(e.GRIDWALL_PHOTO_QUOTA_MB * 1024 * 1024),
    },
    siting: {
      exactTimeLimitS: e.GRIDWALL_SITING_EXACT_S,
      exactMaxNonzeros: e.GRIDWALL_SITING_EXACT_MAX_NONZEROS,
      heuristicBudgetMs: e.GRIDWALL_SITING_BUDGET_MS,
    },
    sitingPool: { workers: e.GRIDWALL_SITING_WORKERS, queue: e.GRIDWALL_SITING_QUEUE },
    workers,
    skipWebBuild: e.GRIDWALL_SKIP_BUILD === '1',
    jobs: { pollMs: e.GRIDWALL_JOB_POLL_MS, staleMs: e.GRIDWALL_JOB_STALE_MS, concurrency: e.GRIDWALL_JOBS_PER_NODE },
    checkResponses: !production && e.GRIDWALL_CHECK_RESPONSES === 'true',
    webhooks: { intervalMs: e.GRIDWALL_WEBHOOK_INTERVAL_MS, allowPrivate: e.GRIDWALL_WEBHOOK_ALLOW_PRIVATE === 'true' },
    basemap,
  };
}

/** `1` → trust one hop, `true`/`false` → all/none, anything else → Express's list of addresses or names. */
function trustProxyFrom(v: string): boolean | number | string {
  const t = v.trim();
  if (/^\d+$/.test(t)) return Number(t);
  if (t === 'true' || t === 'false') return t === 'true';
  return t;
}
