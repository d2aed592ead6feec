// The app's router: the routes and their guard (routes.ts) over the browser's history.
import { createRouter, createWebHistory } from 'vue-router';
import { guard, routes } from './routes';
import { useAuthStore } from './stores/auth';

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach((to) => guard(to, useAuthStore(), (path) => router.resolve(path)));
