// The installation itself: its administrator, whether it holds the demo city, its name, and removing the demo city.
import { m, renderMessage, type Message } from '../../contract/messages/index.js';
import type { Db, Queryable } from '../db/index.js';
import { hashPassword } from '../auth/passwords.js';
import { passwordMessage, passwordProblem } from '../auth/password-policy.js';
import { ensureOrderReferenceData } from '../orders/reference-data.js';
import { insertDemoSystem } from '../seed/load-evaluation.js';

export const INSTALLATION_ADMIN = 'admin';
const MIN_PASSWORD = 12;

/** Why GRIDWALL_ADMIN_PASSWORD cannot be the administrator's password, or null when it can. */
export function adminPasswordProblem(password: string | undefined): Message | null {
  if (!password) return m('meta.adminPasswordMissing');
  if (password.length < MIN_PASSWORD) return m('accounts.field.passwordTooShort');
  const p = passwordProblem(password, INSTALLATION_ADMIN);
  return p ? passwordMessage(p) : null;
}

const bothLanguages = (msg: Message) => `${renderMessage(msg, 'zh-CN')} / ${renderMessage(msg, 'en')}`;

/**
 * Creates `admin` (scope: the whole installation) when no active administrator exists, with the configured
 * password; refuses (throws, both languages) when that password is missing or weak. Returns whether it created one.
 */
export async function ensureInstallationAdmin(db: Queryable, password: string | undefined): Promise<boolean> {
  const r = await db.query(/* sql */ `SELECT 1 FROM accounts WHERE role = 'admin' AND active LIMIT 1`);
  if (r.rowCount > 0) return false;
  const problem = adminPasswordProblem(password);
  if (problem) throw new Error(`GRIDWALL_ADMIN_PASSWORD: ${bothLanguages(problem)}`);
  const taken = await db.query(/* sql */ `SELECT 1 FROM accounts WHERE username = $1`, [INSTALLATION_ADMIN]);
  if (taken.rowCount > 0) throw new Error(`GRIDWALL_ADMIN_PASSWORD: ${bothLanguages(m('meta.adminNameTaken'))}`);
  await db.query(
    /* sql */ `INSERT INTO accounts (username, display_name, password_hash, role, area_id) VALUES ($1, $2, $3, 'admin', NULL)`,
    [INSTALLATION_ADMIN, '系统管理员', await hashPassword(password!)],
  );
  return true;
}

export interface CityName {
  name: string;
  nameEn: string;
}

/** An installation started without the demo city: city_meta says so (and that it is not synthetic). */
export async function markEmptyInstallation(q: Queryable, name: CityName = { name: '城市', nameEn: 'City' }) {
  await q.query(/* sql */ `INSERT INTO city_meta (key, value) VALUES ('city', $1) ON CONFLICT (key) DO NOTHING`, [
    // `unnamed`: until an admin names the city, it is called after its district when it holds just one.
    JSON.stringify({ ...name, unnamed: true, synthetic: false, demo: false, createdAt: new Date().toISOString() }),
  ]);
}

/** Whether the installation still holds the generated demo city (its meta says so and its district is there). */
export async function holdsDemoCity(q: Queryable): Promise<boolean> {
  const r = await q.query<{ demo: boolean }>(/* sql */ `SELECT COALESCE((value->>'synthetic')::boolean, false)
        AND EXISTS (SELECT 1 FROM areas WHERE parent_id IS NULL AND synthetic) AS demo
      FROM city_meta WHERE key = 'city'`);
  return r.rows[0]?.demo ?? false;
}

/** Renames the city above the districts (city_meta), keeping the rest of its meta. */
export async function setCityName(q: Queryable, name: CityName): Promise<void> {
  await q.query(
    /* sql */ `INSERT INTO city_meta (key, value) VALUES ('city', $1::jsonb)
      ON CONFLICT (key) DO UPDATE SET value = city_meta.value || $1::jsonb`,
    [JSON.stringify({ ...name, unnamed: false })],
  );
}

/**
 * Removes the demo city and everything generated with it (areas, buildings, residents, roads, water, resources,
 * workers, orders, surveys, evaluation, trails, the demo accounts and their sessions) in one transaction. The
 * administrators stay, their scope widened to the whole installation, with their sessions; the audit trail and the
 * wall layouts and jobs stay (entries by removed accounts lose their author); the default indicator system is
 * installed afresh. Returns the counts removed.
 */
export async function removeDemoCity(db: Db): Promise<{ areas: number; accounts: number }> {
  return db.tx(async (q) => {
    const counted = await q.query<{
      areas: number;
      accounts: number;
    }>(/* sql */ `SELECT (SELECT count(*)::int FROM areas) AS areas,
        (SELECT count(*)::int FROM accounts WHERE role <> 'admin') AS accounts`);
    await q.query(/* sql */ `CREATE TEMP TABLE keep_admins ON COMMIT DROP AS
      SELECT id, username, display_name, password_hash, active, created_at FROM accounts WHERE role = 'admin'`);
    await q.query(/* sql */ `CREATE TEMP TABLE keep_sessions ON COMMIT DROP AS
      SELECT s.* FROM sessions s JOIN keep_admins k ON k.id = s.account_id`);
    await q.query(/* sql */ `CREATE TEMP TABLE keep_audit ON COMMIT DROP AS
      SELECT a.id, a.at, CASE WHEN a.account_id IN (SELECT id FROM keep_admins) THEN a.account_id END AS account_id,
        a.action, a.target, a.detail, a.ip FROM audit_log a`);
    await q.query(/* sql */ `CREATE TEMP TABLE keep_layouts ON COMMIT DROP AS
      SELECT l.id, l.name, l.spec, CASE WHEN l.updated_by IN (SELECT id FROM keep_admins) THEN l.updated_by END AS updated_by,
        l.updated_at FROM wall_layouts l`);
    await q.query(/* sql */ `CREATE TEMP TABLE keep_jobs ON COMMIT DROP AS SELECT * FROM jobs`);
    await q.query(
      /* sql */ `UPDATE keep_jobs SET created_by = NULL WHERE created_by NOT IN (SELECT id FROM keep_admins)`,
    );
    await q.query(/* sql */ `TRUNCATE pushes, photos, city_meta, grid_demographics, residents, buildings, worker_grids, grid_workers,
        resources, roads, water, orders, sessions, audit_log, accounts, areas CASCADE`);
    await q.query(/* sql */ `INSERT INTO accounts (id, username, display_name, password_hash, role, area_id, active, created_at)
      SELECT id, username, display_name, password_hash, 'admin', NULL, active, created_at FROM keep_admins`);
    await q.query(/* sql */ `INSERT INTO sessions SELECT * FROM keep_sessions`);
    await q.query(/* sql */ `INSERT INTO audit_log (id, at, account_id, action, target, detail, ip) OVERRIDING SYSTEM VALUE
      SELECT id, at, account_id, action, target, detail, ip FROM keep_audit`);
    await q.query(/* sql */ `INSERT INTO wall_layouts (id, name, spec, updated_by, updated_at)
      SELECT id, name, spec, updated_by, updated_at FROM keep_layouts`);
    await q.query(/* sql */ `INSERT INTO jobs SELECT * FROM keep_jobs`);
    await markEmptyInstallation(q); // the demo's name goes with it (an administrator names the city anew)
    await ensureOrderReferenceData(q);
    await insertDemoSystem(q); // the default indicator system again: its weights went with the demo accounts
    return counted.rows[0];
  });
}

/** The default satisfaction indicator system, installed when none exists (an installation without the demo city). */
export async function ensureEvaluationSystem(db: Db): Promise<void> {
  const r = await db.query(/* sql */ `SELECT 1 FROM eval_systems LIMIT 1`);
  if (r.rowCount === 0) await db.tx((q) => insertDemoSystem(q));
}
