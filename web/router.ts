// Routes: /login, the wall at /, the dispatcher console at /console and the grid worker's phone page at /m. The guard restores the session once and sends
// anyone without one to /login (with the page they wanted, so they come back to it).
import { createRouter, createWebHistory } from 'vue-router';
import { useAuthStore } from './stores/auth';

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', name: 'login', component: () => import('./login/LoginPage.vue'), meta: { public: true } },
    { path: '/', name: 'wall', component: () => import('./wall/WallPage.vue') },
    { path: '/wall/remote', name: 'wall-remote', component: () => import('./wall/remote/RemotePage.vue') },
    { path: '/wall/layouts', name: 'wall-layouts', component: () => import('./wall/remote/LayoutEditorPage.vue') },
    { path: '/console', name: 'console', component: () => import('./console/ConsolePage.vue') },
    { path: '/m', name: 'mobile', component: () => import('./mobile/MobilePage.vue') },
    { path: '/planner', name: 'planner', component: () => import('./planner/PlannerPage.vue') },
    { path: '/supervisor', name: 'supervisor', component: () => import('./supervisor/SupervisorPage.vue') },
    { path: '/evaluation', name: 'evaluation', component: () => import('./evaluation/EvaluationPage.vue') },
    { path: '/admin/import', name: 'admin-import', component: () => import('./admin/ImportPage.vue') },
    { path: '/admin/accounts', name: 'admin-accounts', component: () => import('./admin/AccountsPage.vue') },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
});

router.beforeEach(async (to) => {
  const auth = useAuthStore();
  // Public pages do not probe the session: a 401 there would only be noise in the console.
  if (to.meta.public) return true;
  await auth.restore();
  if (!auth.user) return { name: 'login', query: to.fullPath === '/' ? {} : { next: to.fullPath } };
  return true;
});
