// Entry: wires Pinia, the router and i18n into the root component; a 401 anywhere sends the user to /login.
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { router } from './router';
import { i18n } from './i18n';
import { setMessageLanguage, setUnauthorizedHandler } from './api/client';
import { useAuthStore } from './stores/auth';
import 'maplibre-gl/dist/maplibre-gl.css';
import './styles/theme.css';

setMessageLanguage(() => (i18n.global.locale.value === 'en' ? 'en' : 'zh-CN'));

const app = createApp(App).use(createPinia()).use(router).use(i18n);

setUnauthorizedHandler(() => {
  useAuthStore().expire();
  const here = router.currentRoute.value;
  if (here.name !== 'login')
    void router.replace({ name: 'login', query: here.fullPath === '/' ? {} : { next: here.fullPath } });
});

app.mount('#app');
