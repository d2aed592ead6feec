// Every environment variable Gridwall reads, parsed once, with its default.
import path from 'node:path';
import { z } from 'zod';
import type { EscalationPolicy } from './orders/escalation.js';
import { policyFrom } from './orders/policy-config.js';

export const DEFAULT_DEMO_PASSWORD = 'gridwall-demo';

const Env = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  GRIDWALL_DATA_DIR: z.string().default('./.gridwall'),
  GRIDWALL_SEED_SIZE: z.enum(['small', 'full']).default('full'),
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
  /** Failed logins allowed per account name (and ×5 per address) in 15 minutes; 0 turns the limit off. */
  GRIDWALL_LOGIN_FAILURES: z.coerce.number().int().min(0).default(5),
  /** Reports one account may file a minute (bursts up to the same number); 0 turns the limit off. */
  GRIDWALL_INTAKE_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  /** Express `trust proxy`: a hop count, `true`/`false`, or addresses/subnets/names (`loopback,uniquelocal`). */
  GRIDWALL_TRUST_PROXY: z.string().default('loopback'),
  /** Seconds the siting optimizer's exact solver (HiGHS) may run in a request. */
  GRIDWALL_SITING_EXACT_S: z.coerce.number().min(0).max(3600).default(30),
  /** Largest model (constraint-matrix nonzeros) handed to the exact solver; larger ones get the Lagrangian bound only. */
  GRIDWALL_SITING_EXACT_MAX_NONZEROS: z.coerce.number().int().min(0).default(1_000_000),
  /** The siting heuristic's time budget in a request (ms), ordering the chosen sites included. */
  GRIDWALL_SITING_BUDGET_MS: z.coerce.number().int().min(1).max(600_000).default(10_000),
});

export interface Config {
  production: boolean;
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  seedSize: 'small' | 'full';
  seed: number;
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
  /** The siting optimizer's limits: exact solver seconds and model size, heuristic budget (ms). */
  siting: { exactTimeLimitS: number; exactMaxNonzeros: number; heuristicBudgetMs: number };
}

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
  return {
    production,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL || undefined,
    dataDir: path.resolve(e.GRIDWALL_DATA_DIR),
    seedSize: e.GRIDWALL_SEED_SIZE,
    seed: e.GRIDWALL_SEED,
    demoPassword: e.GRIDWALL_DEMO_PASSWORD,
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
    siting: { exactTimeLimitS: e.GRIDWALL_SITING_EXACT_S, exactMaxNonzeros: e.GRIDWALL_SITING_EXACT_MAX_NONZEROS, heuristicBudgetMs: e.GRIDWALL_SITING_BUDGET_MS },
  };
}

/** `1` → trust one hop, `true`/`false` → all/none, anything else → Express's list of addresses or names. */
function trustProxyFrom(v: string): boolean | number | string {
  const t = v.trim();
  if (/^\d+$/.test(t)) return Number(t);
  if (t === 'true' || t === 'false') return t === 'true';
  return t;
}
