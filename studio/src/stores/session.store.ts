/** Who is signed in: login, logout, and the session restored on reload. */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api, setCsrfToken } from '../api/client.ts';

/** A studio user as the server describes them. */
export interface SessionUser {
  username: string;
  role: 'admin' | 'city-editor' | 'viewer';
  region: string;
}

export const useSessionStore = defineStore('session', () => {
  const user = ref<SessionUser | null>(null);
  const checked = ref(false);
  const isAdmin = computed(() => user.value?.role === 'admin');
  const isCityEditor = computed(() => user.value?.role === 'city-editor');

  async function restore(): Promise<void> {
    try {
      const { data } = await api<{ user: SessionUser | null; csrfToken?: string }>('GET', '/api/studio/session');
      user.value = data.user;
      setCsrfToken(data.csrfToken ?? '');
    } finally {
      checked.value = true;
    }
  }

  async function login(username: string, password: string): Promise<void> {
    const { data } = await api<{ user: SessionUser; csrfToken: string }>('POST', '/api/studio/login', { username, password });
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
