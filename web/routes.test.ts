import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { ROLES, type Role } from '@contract/auth';
import { accessTo } from './route-access';
import { guard, routes } from './routes';

/** A router over the app's routes and guard, signed in as `role` (or nobody). */
function routerAs(role: Role | null) {
  // The pages themselves are not loaded here: what matters is which route the guard lets through.
  const stub = { render: () => null };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: routes.map((r) => ('component' in r ? { ...r, component: stub } : r)) as typeof routes,
  });
  const session = { restore: async () => undefined, user: role ? { role } : null };
  router.beforeEach((to) => guard(to, session, (path) => router.resolve(path)));
  return router;
}

// Who could open each page when every page checked its own role list: the guard must keep exactly this.
const OPENS: Record<string, readonly Role[]> = {
  '/': ['admin', 'operator', 'dispatcher', 'planner', 'supervisor'],
  '/wall/remote': ['admin', 'operator', 'dispatcher', 'supervisor'],
  '/wall/layouts': ROLES,
  '/console': ['admin', 'dispatcher'],
  '/m': ['grid_worker', 'admin'],
  '/dept': ['department', 'admin'],
  '/planner': ['admin', 'operator', 'dispatcher', 'planner', 'supervisor'],
  '/supervisor': ['admin', 'operator', 'supervisor', 'dispatcher'],
  '/evaluation': ['admin', 'operator', 'dispatcher', 'planner', 'supervisor'],
  '/admin/import': ['admin', 'planner'],
  '/admin/accounts': ['admin'],
};

describe('route access', () => {
  it('opens each page to the roles it always had, and to no other', () => {
    for (const [path, roles] of Object.entries(OPENS)) {
      const meta = routesMeta(path);
      for (const role of ROLES)
        expect(accessTo(meta, { role }), `${role} at ${path}`).toBe(roles.includes(role) ? 'open' : 'denied');
    }
  });

  it('asks for a sign-in on every page but the login page', () => {
    for (const path of Object.keys(OPENS)) expect(accessTo(routesMeta(path), null)).toBe('sign-in');
    expect(accessTo(routesMeta('/login'), null)).toBe('open');
  });
});

describe('the guard', () => {
  it("shows a grid worker the wall's notice at / without mounting the wall", async () => {
    const router = routerAs('grid_worker');
    await router.push('/');
    const at = router.currentRoute.value;
    expect(at.name).toBe('no-access');
    expect(at.fullPath).toBe('/');
    expect(router.resolve(at.fullPath).meta.noAccess).toEqual({
      title: 'wall.noAccessTitle',
      body: 'wall.noAccessBody',
    });
  });

  it('keeps the address and query of a denied page, and its own notice', async () => {
    const router = routerAs('planner');
    await router.push('/console?order=12');
    expect(router.currentRoute.value).toMatchObject({ name: 'no-access', fullPath: '/console?order=12' });
    expect(router.resolve('/console').meta.noAccess?.title).toBe('console.noAccessTitle');
  });

  it("takes department staff from the wall's address to their desk, and shows them the console's notice", async () => {
    const router = routerAs('department');
    await router.push('/');
    expect(router.currentRoute.value.fullPath).toBe('/dept');
    await router.push('/console');
    expect(router.currentRoute.value.name).toBe('no-access');
  });

  it('opens an allowed page', async () => {
    const router = routerAs('dispatcher');
    await router.push('/console');
    expect(router.currentRoute.value.name).toBe('console');
  });

  it('sends someone without a session to the login page, remembering where they were going', async () => {
    const router = routerAs(null);
    await router.push('/planner');
    expect(router.currentRoute.value).toMatchObject({ name: 'login', query: { next: '/planner' } });
  });

  it('sends an address no page has to the wall', async () => {
    const router = routerAs('operator');
    await router.push('/no/such/page');
    expect(router.currentRoute.value.name).toBe('wall');
  });
});

function routesMeta(path: string) {
  const r = routes.find((x) => x.path === path);
  if (!r) throw new Error(`no route ${path}`);
  return r.meta ?? {};
}
