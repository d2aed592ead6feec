// The signed-in user. The session itself lives in an HttpOnly cookie; this store only mirrors who it is.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Role, SessionUser } from '@contract/auth';
import * as authApi from '../api/auth';
import { ApiError } from '../api/client';

/** Roles allowed on the command-center wall (大屏). Grid workers use the phone app instead. */
export const WALL_ROLES: readonly Role[] = ['admin', 'operator', 'dispatcher', 'planner', 'supervisor'];

export const useAuthStore = defineStore('auth', () => {
  const user = ref<SessionUser | null>(null);
  const mustChangePassword = ref(false);
  let restoring: Promise<void> | null = null;

  /** Asks the server once per page load whether the cookie still holds a session. */
  function restore(): Promise<void> {
    restoring ??= authApi
      .me()
      .then((r) => {
        user.value = r.user;
      })
      .catch((error: unknown) => {
        if (!(error instanceof ApiError) || error.status !== 401) console.warn('session probe failed', error);
        user.value = null;
      });
    return restoring;
  }

  async function login(username: string, password: string): Promise<SessionUser> {
    const response = await authApi.login({ username, password });
    user.value = response.user;
    mustChangePassword.value = response.mustChangePassword;
    restoring = Promise.resolve();
    return response.user;
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout();
    } finally {
      user.value = null;
    }
  }

  /** A 401 elsewhere means the session ended: forget the user without another round trip. */
  function expire(): void {
    user.value = null;
  }

  /** A one-time password: replaced by one's own before going on (clears the mark on the server). */
  async function changePassword(current: string, password: string): Promise<void> {
    await authApi.changePassword({ current, password });
    mustChangePassword.value = false;
  }

  return { user, mustChangePassword, restore, login, changePassword, logout, expire };
});
