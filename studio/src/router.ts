/** Routes of the studio; every page but login needs a session, and the account pages an administrator. */
import { createRouter, createWebHistory } from 'vue-router';
import { useSessionStore } from './stores/session.store.ts';

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', redirect: '/bundles' },
    { path: '/login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
    { path: '/bundles', component: () => import('./views/BundleListView.vue') },
    { path: '/matters', component: () => import('./views/MatterLibraryView.vue') },
    { path: '/catalog', component: () => import('./views/CatalogView.vue') },
    { path: '/variants', component: () => import('./views/VariantStatusView.vue') },
    { path: '/reductions', component: () => import('./views/ReductionsView.vue') },
    { path: '/users', component: () => import('./views/UsersView.vue'), meta: { admin: true } },
    { path: '/audit', component: () => import('./views/AuditView.vue'), meta: { admin: true } },
    { path: '/bundles/:id/edit', component: () => import('./views/EditorView.vue'), props: true },
    { path: '/bundles/:id/simulation', component: () => import('./views/SimulationView.vue'), props: true },
    { path: '/variants/:variantId/edit', component: () => import('./views/EditorView.vue'), props: true },
    { path: '/:rest(.*)*', redirect: '/bundles' },
  ],
});

router.beforeEach(async (to) => {
  const session = useSessionStore();
  if (!session.checked) await session.restore();
  if (!to.meta.public && !session.user) return { path: '/login', query: { next: to.fullPath } };
  if (to.path === '/login' && session.user) return '/bundles';
  if (to.meta.admin && !session.isAdmin) return '/bundles';
  return true;
});
