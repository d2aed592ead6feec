// Who may open which page: each route names its roles in `meta.roles` (any signed-in user when left out) and
// what the others are told in `meta.noAccess`; the router's guard asks `accessTo` before any page mounts.
import type { Role } from '@contract/auth';

declare module 'vue-router' {
  interface RouteMeta {
    /** Open without a session (the login page). */
    public?: boolean;
    /** Roles that may open the page; any signed-in user when left out. */
    roles?: readonly Role[];
    /** i18n keys of the title and body shown to a signed-in user whose role is not listed. */
    noAccess?: { title: string; body: string };
  }
}

export type Access = 'open' | 'sign-in' | 'denied';

/** Whether a page opens for this user, needs a sign-in first, or is not for their role. */
export function accessTo(meta: { public?: boolean; roles?: readonly Role[] }, user: { role: Role } | null): Access {
  if (meta.public) return 'open';
  if (!user) return 'sign-in';
  return !meta.roles || meta.roles.includes(user.role) ? 'open' : 'denied';
}

/** The page a role starts on when it opens the address of the wall, where its role has no place ('/' otherwise). */
export function homeOf(role: Role): string {
  return role === 'department' ? '/dept' : '/';
}
