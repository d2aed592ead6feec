// Routes: /login, the wall at /, the dispatcher console at /console, the grid worker's phone page at /m and the
// department desk at /dept (where department staff start). Each
// route lists the roles that may open it in its meta. The guard restores the session once, sends anyone without
// one to /login (with the page they wanted, so they come back to it), and shows a signed-in user whose role is
// not listed the route's no-access notice at the same address, without mounting the page.
import type { RouteLocationNormalized, RouteLocationRaw, RouteRecordRaw } from 'vue-router';
import type { Role, SessionUser } from '@contract/auth';
import { accessTo, homeOf } from './route-access';
import { WALL_ROLES } from './stores/auth';

const REMOTE_ROLES: readonly Role[] = ['admin', 'operator', 'dispatcher', 'supervisor'];
const WALL_DENIED = { title: 'wall.noAccessTitle', body: 'wall.noAccessBody' };

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./login/LoginPage.vue'), meta: { public: true } },
  {
    path: '/',
    name: 'wall',
    component: () => import('./wall/WallPage.vue'),
    meta: { roles: WALL_ROLES, noAccess: WALL_DENIED },
  },
  {
    path: '/wall/remote',
    name: 'wall-remote',
    component: () => import('./wall/remote/RemotePage.vue'),
    meta: { roles: REMOTE_ROLES, noAccess: { title: 'remote.noAccessTitle', body: 'remote.noAccessBody' } },
  },
  { path: '/wall/layouts', name: 'wall-layouts', component: () => import('./wall/remote/LayoutEditorPage.vue') },
  {
    path: '/console',
    name: 'console',
    component: () => import('./console/ConsolePage.vue'),
    meta: {
      roles: ['admin', 'dispatcher'],
      noAccess: { title: 'console.noAccessTitle', body: 'console.noAccessBody' },
    },
  },
  {
    path: '/m',
    name: 'mobile',
    component: () => import('./mobile/MobilePage.vue'),
    meta: {
      roles: ['grid_worker', 'admin'],
      noAccess: { title: 'console.noAccessTitle', body: 'mobile.noAccessBody' },
    },
  },
  {
    path: '/dept',
    name: 'department',
    component: () => import('./department/DepartmentPage.vue'),
    meta: {
      roles: ['department', 'admin'],
      noAccess: { title: 'parties.dept.noAccessTitle', body: 'parties.dept.noAccessBody' },
    },
  },
  {
    path: '/planner',
    name: 'planner',
    component: () => import('./planner/PlannerPage.vue'),
    meta: { roles: WALL_ROLES, noAccess: WALL_DENIED },
  },
  {
    path: '/supervisor',
    name: 'supervisor',
    component: () => import('./supervisor/SupervisorPage.vue'),
    meta: {
      roles: ['admin', 'operator', 'supervisor', 'dispatcher'],
      noAccess: { title: 'workers.noAccessTitle', body: 'workers.noAccessBody' },
    },
  },
  {
    path: '/evaluation',
    name: 'evaluation',
    component: () => import('./evaluation/EvaluationPage.vue'),
    meta: { roles: WALL_ROLES, noAccess: WALL_DENIED },
  },
  {
    path: '/admin/import',
    name: 'admin-import',
    component: () => import('./admin/ImportPage.vue'),
    meta: { roles: ['admin', 'planner'], noAccess: { title: 'imports.noAccessTitle', body: 'imports.noAccessBody' } },
  },
  {
    path: '/admin/accounts',
    name: 'admin-accounts',
    component: () => import('./admin/AccountsPage.vue'),
    meta: { roles: ['admin'], noAccess: { title: 'accounts.noAccessTitle', body: 'accounts.noAccessBody' } },
  },
  {
    path: '/admin/webhooks',
    name: 'admin-webhooks',
    component: () => import('./admin/WebhooksPage.vue'),
    meta: { roles: ['admin'], noAccess: { title: 'webhooks.noAccessTitle', body: 'webhooks.noAccessBody' } },
  },
  // Any other address goes to the wall (see the guard); the guard also comes here by name, keeping the address of
  // a page the user's role may not open, to show that page's notice.
  { path: '/:pathMatch(.*)*', name: 'no-access', component: () => import('./ui/NoAccessPage.vue') },
];

/** The guard: true to go on, or where to go instead. `pageAt` resolves an address to the route it names. */
export async function guard(
  to: RouteLocationNormalized,
  session: { restore(): Promise<void>; readonly user: Pick<SessionUser, 'role'> | null },
  pageAt: (fullPath: string) => { name?: unknown },
): Promise<true | RouteLocationRaw> {
  if (to.name === 'no-access') return pageAt(to.fullPath).name === 'no-access' ? '/' : true;
  // Public pages do not probe the session: a 401 there would only be noise in the console.
  if (to.meta.public) return true;
  await session.restore();
  const access = accessTo(to.meta, session.user);
  if (access === 'sign-in') return { name: 'login', query: to.fullPath === '/' ? {} : { next: to.fullPath } };
  // A department's staff start on their desk: the wall's address takes them there.
  if (access === 'denied' && to.path === '/' && session.user && homeOf(session.user.role) !== '/')
    return homeOf(session.user.role);
  if (access === 'denied')
    return {
      name: 'no-access',
      params: { pathMatch: to.path.slice(1).split('/') },
      query: to.query,
      hash: to.hash,
      replace: true,
    };
  return true;
}
