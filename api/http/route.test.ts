import { describe, expect, it } from 'vitest';
import { checkAccess } from './route.js';
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
