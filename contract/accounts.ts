// Account administration (admins only) and the audit log: who may sign in, with which role, over which area.
import { z } from 'zod';
import { AreaId } from './areas.js';
import { Role } from './auth.js';
import { DbId, DbIdText } from './ids.js';

export const AccountId = DbIdText;
export const AccountParams = z.object({ id: AccountId });

/** 12+ characters, as the production demo password; argon2id-hashed, never stored or logged in clear. */
export const NewPassword = z.string().min(12, 'accounts.field.passwordTooShort').max(256);

export const Account = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  areaId: z.number().int(),
  areaName: z.string(),
  areaLevel: z.string(),
  workerId: z.number().int().nullable(),
  /** The department a 'department' account acts for (部门工作人员); null for other roles. */
  departmentCode: z.string().nullable().optional(),
  active: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
  sessions: z.number().int(),
});
export type Account = z.infer<typeof Account>;

export const AccountCreate = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9_.-]{2,64}$/, 'accounts.field.usernameFormat'),
  displayName: z.string().trim().min(1, 'accounts.field.displayNameRequired').max(64),
  role: Role,
  areaId: AreaId,
  /** The grid worker this account reports as (grid_worker only). */
  workerId: DbId.nullable().optional(),
  /** The department it acts for (department only, and required there). */
  departmentCode: z.string().max(40).nullable().optional(),
  password: NewPassword,
});
export type AccountCreate = z.infer<typeof AccountCreate>;

export const AccountUpdate = z
  .object({
    displayName: z.string().trim().min(1).max(64),
    role: Role,
    areaId: AreaId,
    workerId: DbId.nullable(),
    departmentCode: z.string().max(40).nullable(),
    active: z.boolean(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'accounts.field.nothingToChange');
export type AccountUpdate = z.infer<typeof AccountUpdate>;

export const PasswordReset = z.object({ password: NewPassword });
/** One's own password changed (POST /api/auth/password): the current one, then the new one. */
export const PasswordChange = z.object({ current: z.string().min(1).max(256), password: NewPassword });
export type PasswordChange = z.infer<typeof PasswordChange>;

export const AuditQuery = z.object({
  action: z.string().max(64).optional(),
  accountId: AccountId.optional(),
  /** Entries older than this id (the page before). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  accountId: z.number().int().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
