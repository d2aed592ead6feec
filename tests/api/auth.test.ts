import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

describe('login', () => {
  it('returns a bearer token and sets an HttpOnly session cookie', async () => {
    const r = await t.post('/api/auth/login', { username: 'operator', password: TEST_PASSWORD });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { token: string; user: { role: string; username: string } };
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(body.user).toMatchObject({ username: 'operator', role: 'operator' });
    const cookie = r.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/gw_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('accepts the cookie alone on later requests', async () => {
    const r = await t.post('/api/auth/login', { username: 'planner', password: TEST_PASSWORD });
    const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
    const me = await fetch(`${t.url}/api/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { role: string } }).user.role).toBe('planner');
  });

  it('refuses a wrong password with 401 and records the failure in the audit log', async () => {
    const r = await t.post('/api/auth/login', { username: 'admin', password: 'not-the-password' });
    expect(r.status).toBe(401);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    const a = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'login.failed' AND target = 'admin'`,
    );
    expect(a.rows[0].n).toBeGreaterThanOrEqual(1);
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const r = await t.post('/api/auth/login', { username: 'nobody', password: 'whatever' });
    expect(r.status).toBe(401);
    expect(((await r.json()) as { error: { messageKey: string } }).error.messageKey).toBe('auth.wrongCredentials');
  });

  it('rejects malformed bodies with 400 and a message, creating no session', async () => {
    const before = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM sessions`);
    for (const body of [
      {},
      { username: '', password: 'x' },
      { username: 'admin' },
      '{not json',
      { username: 'a'.repeat(65), password: 'x' },
    ]) {
      const r = await t.post('/api/auth/login', body);
      expect(r.status).toBe(400);
      const e = (await r.json()) as { error: { code: string; message: string } };
      expect(e.error.code).toBe('invalid');
      expect(e.error.message.length).toBeGreaterThan(5);
    }
    const after = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM sessions`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('stores argon2id hashes, never the password', async () => {
    const r = await t.db.query<{ h: string }>(`SELECT password_hash AS h FROM accounts WHERE username = 'admin'`);
    expect(r.rows[0].h).toMatch(/^\$argon2id\$/);
    expect(r.rows[0].h).not.toContain(TEST_PASSWORD);
  });
});

describe('sessions', () => {
  it('needs a session for the API: 401 without one, 401 with a forged token', async () => {
    expect((await t.get('/api/areas')).status).toBe(401);
    expect((await t.get('/api/areas', 'forged-token')).status).toBe(401);
  });

  it('ends the session on logout', async () => {
    const token = await t.login('dispatcher');
    expect((await t.get('/api/auth/me', token)).status).toBe(200);
    const out = await t.post('/api/auth/logout', {}, token);
    expect(out.status).toBe(204);
    expect((await t.get('/api/auth/me', token)).status).toBe(401);
    const a = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'logout'`);
    expect(a.rows[0].n).toBe(1);
  });

  it('expires sessions', async () => {
    const token = await t.login('supervisor');
    await t.db.query(`UPDATE sessions SET expires_at = now() - interval '1 minute'`);
    expect((await t.get('/api/auth/me', token)).status).toBe(401);
  });
});

describe('production', () => {
  it('refuses to start with the default demo password', async () => {
    const { loadConfig } = await import('../../api/config.js');
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/GRIDWALL_DEMO_PASSWORD/);
    expect(() => loadConfig({ NODE_ENV: 'production', GRIDWALL_DEMO_PASSWORD: 'short' })).toThrow(/12 characters/);
    expect(loadConfig({ NODE_ENV: 'production', GRIDWALL_DEMO_PASSWORD: 'a-long-enough-secret' }).production).toBe(
      true,
    );
  });
});
