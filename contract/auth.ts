// Accounts, roles and the login exchange.
import { z } from 'zod';

/**
 * A dispatcher acts for the level of its scope: a community's or a street's staff, or the district centre. A department
 * account (部门工作人员) acts for its department (SessionUser.departmentCode) within its scope.
 */
export const ROLES = ['admin', 'operator', 'dispatcher', 'planner', 'supervisor', 'grid_worker', 'department'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const LoginRequest = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const SessionUser = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  /** null: an administrator of the whole installation (every district). */
  areaId: z.number().int().nullable(),
  areaName: z.string(),
  areaLevel: z.string(),
  /** The department a 'department' account acts for; null for other roles. */
  departmentCode: z.string().nullable().optional(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const LoginResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: SessionUser,
  /** The account was given a one-time password: the client asks for a new one before anything else. */
  mustChangePassword: z.boolean(),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    /** In the request's language (Accept-Language; zh-CN by default). */
    message: z.string(),
    /** The message's code in contract/messages, and its parameters: the web renders it in the language on screen. */
    messageKey: z.string().optional(),
    params: z.record(z.string(), z.unknown()).optional(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
