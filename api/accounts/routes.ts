// HTTP (admins): GET/POST /api/accounts, PATCH /api/accounts/:id, POST /api/accounts/:id/password, GET /api/audit.
// After a change commits, every node forgets the account's cached sessions and, when they were ended, closes its sockets.
import { Router } from 'express';
import { z } from 'zod';
import {
  Account,
  AccountCreate,
  AccountParams,
  AccountUpdate,
  AuditEntry,
  AuditQuery,
  PasswordReset,
} from '../../contract/accounts.js';
import type { Db } from '../db/index.js';
import { route } from '../http/route.js';
import type { Hub } from '../realtime/hub.js';
import { type AccountChange, auditLog, createAccount, listAccounts, resetPassword, updateAccount } from './service.js';

const ADMIN = ['admin'] as const;

export function accountRoutes(db: Db, hub: Pick<Hub, 'bus' | 'disconnectAccount'>): Router {
  const r = Router();
  const applied = ({ account, revoked }: AccountChange) => {
    hub.bus.announce({ cache: 'account', accountId: account.id });
    if (revoked) hub.disconnectAccount(account.id);
    return account;
  };
  route(
    r,
    {
      method: 'get',
      path: '/api/accounts',
      tag: 'accounts',
      access: ADMIN,
      summary: 'Accounts in your scope, with their last login and open sessions',
      response: z.array(Account),
    },
    ({ user }) => listAccounts(db, user!),
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/accounts',
      tag: 'accounts',
      access: ADMIN,
      summary: 'Create an account in your scope (audited)',
      body: AccountCreate,
      response: Account,
      status: 201,
      errors: { 409: 'the username is taken' },
    },
    async ({ body, user, req }) => {
      const out = await createAccount(db, user!, body, req.ip);
      return out;
    },
  );
  route(
    r,
    {
      method: 'patch',
      path: '/api/accounts/:id',
      tag: 'accounts',
      access: ADMIN,
      summary:
        'Change an account’s name, role, area, grid worker or state (audited; role, scope and deactivation end its sessions)',
      params: AccountParams,
      body: AccountUpdate,
      response: Account,
      errors: {
        404: 'no such account in your scope',
        409: 'you cannot change your own role or scope, or deactivate yourself',
      },
    },
    async ({ params, body, user, req }) => applied(await updateAccount(db, user!, params.id, body, req.ip)),
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/accounts/:id/password',
      tag: 'accounts',
      access: ADMIN,
      summary: 'Set a new password (audited; ends the account’s sessions)',
      params: AccountParams,
      body: PasswordReset,
      response: Account,
      errors: { 404: 'no such account in your scope' },
    },
    async ({ params, body, user, req }) => applied(await resetPassword(db, user!, params.id, body.password, req.ip)),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/audit',
      tag: 'accounts',
      access: ADMIN,
      summary: 'The audit log of accounts in your scope, newest first (logins, account changes, person-file reads, …)',
      query: AuditQuery,
      response: z.array(AuditEntry),
    },
    ({ query, user }) => auditLog(db, user!, query),
  );
  return r;
}
