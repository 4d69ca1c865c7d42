/** Who is signed in: login, logout, and the session restored on reload. */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { SessionView, User } from '../../../schemas/index.ts';
import { api, setCsrfToken } from '../api/client.ts';

export const useSessionStore = defineStore('session', () => {
  const user = ref<User | null>(null);
  const checked = ref(false);
  const isAdmin = computed(() => user.value?.role === 'admin');
  const isCityEditor = computed(() => user.value?.role === 'city-editor');

  async function restore(): Promise<void> {
    try {
      const { data } = await api<SessionView>('GET', '/api/studio/session');
      user.value = data.user;
      setCsrfToken(data.csrfToken ?? '');
    } finally {
      checked.value = true;
    }
  }

  async function login(username: string, password: string): Promise<void> {
    const { data } = await api<Required<SessionView> & { user: User }>('POST', '/api/studio/login', { username, password });
    user.value = data.user;
    setCsrfToken(data.csrfToken);
  }

  async function logout(): Promise<void> {
    await api('POST', '/api/studio/logout');
    user.value = null;
    setCsrfToken('');
  }

  return { user, checked, isAdmin, isCityEditor, restore, login, logout };
});
