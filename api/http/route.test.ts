import { describe, expect, it } from 'vitest';
import { DbId, DbIdText, INT4_MAX } from '../../contract/ids.js';
import { checkAccess, nulAt, refuseNul } from './route.js';
import type { AuthUser } from '../auth/session.js';

const user = (role: AuthUser['role']): AuthUser => ({ id: 1, username: 'u', displayName: 'U', role, areaId: 1, areaPath: '/1/', areaName: 'd', areaLevel: 'district' });

describe('checkAccess', () => {
  it('lets anyone through public routes', () => {
    expect(() => checkAccess('public', null)).not.toThrow();
  });
  it('answers 401 without a session and 403 for the wrong role', () => {
    expect(() => checkAccess('any', null)).toThrow(expect.objectContaining({ status: 401 }));
    expect(() => checkAccess(['admin'], user('operator'))).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => checkAccess(['admin', 'operator'], user('operator'))).not.toThrow();
  });
});

describe('NUL characters and int4 ids', () => {
  it('finds a NUL in a value, a nested value or a key, and nowhere else', () => {
    expect(nulAt({ a: 'x', b: [1, { c: 'ok' }] })).toBeNull();
    expect(nulAt('a\u0000')).toBe('(value)');
    expect(nulAt({ a: { b: ['x', 'y\u0000'] } })).toBe('a.b.1');
    expect(nulAt({ 'k\u0000': 1 })).toBe('k\u0000');
    expect(() => refuseNul({ name: '\u0000' }, 'body')).toThrow(expect.objectContaining({ status: 400 }));
  });
  it('bounds ids to int4, from JSON and from text', () => {
    expect(DbId.safeParse(INT4_MAX).success).toBe(true);
    expect(DbId.safeParse(INT4_MAX + 1).success).toBe(false);
    expect(DbIdText.safeParse(String(INT4_MAX)).success).toBe(true);
    expect(DbIdText.safeParse('2147483648').success).toBe(false);
    expect(DbIdText.safeParse('0').success).toBe(false);
  });
});
