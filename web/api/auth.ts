// Auth endpoints: login sets the HttpOnly session cookie that every later request (tiles included) carries.
import type { PasswordChange } from '@contract/accounts';
import type { LoginRequest, LoginResponse, SessionUser } from '@contract/auth';
import { request } from './client';

export const login = (body: LoginRequest) =>
  request<LoginResponse>('/api/auth/login', { method: 'POST', body, quiet401: true });
export const logout = () => request<void>('/api/auth/logout', { method: 'POST', quiet401: true });
export const changePassword = (body: PasswordChange) => request<void>('/api/auth/password', { method: 'POST', body });
export const me = () => request<{ user: SessionUser }>('/api/auth/me', { quiet401: true });
