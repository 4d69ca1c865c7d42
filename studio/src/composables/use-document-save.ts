/**
 * Saving a catalog document the way every catalog editor does: a new document is created
 * (POST); a changed one is first shown with its impact on every bundle it reaches — when it
 * reaches any — and written with If-Match, so another official's save is never overwritten.
 */
import { ElMessage } from 'element-plus';
import { ref, shallowRef } from 'vue';
import type { DocumentKind, DocumentView, ImpactReport } from '../../../schemas/index.ts';
import { api } from '../api/client.ts';
import { useBusy } from './use-busy.ts';
import { useCatalogStore } from '../stores/catalog.store.ts';

export function useDocumentSave() {
  const catalog = useCatalogStore();
  /** The impact of the save waiting for confirmation. */
  const impact = shallowRef<ImpactReport | null>(null);
  const impactOpen = ref(false);
  const { busy, run } = useBusy();
  let pending: (() => Promise<void>) | null = null;

  /**
   * Saves `body` as document `id` of `kind`; `rev` is the revision edited (null: a new document).
   * Resolves true once written, false when the official is shown the impact first (or it failed).
   */
  async function save<T>(
    kind: DocumentKind,
    id: string,
    body: T,
    rev: number | null,
    saved: (doc: DocumentView<T>) => void,
  ): Promise<boolean> {
    const write = async () => {
      const { data } =
        rev === null
          ? await api<DocumentView<T>>('POST', `/api/studio/documents/${kind}`, body)
          : await api<DocumentView<T>>('PUT', `/api/studio/documents/${kind}/${encodeURIComponent(id)}`, body, { 'If-Match': `"${rev}"` });
      catalog.remember(data as DocumentView);
      saved(data);
      ElMessage.success('已保存');
    };
    const done = await run(async () => {
      if (rev !== null) {
        const { data } = await api<ImpactReport>('POST', '/api/studio/impact', { kind, id, body });
        if (data.bundles.length) {
          impact.value = data;
          impactOpen.value = true;
          pending = write;
          return false;
        }
      }
      await write();
      return true;
    });
    return done ?? false;
  }

  /** The official has read the impact and saves. */
  async function confirm(): Promise<void> {
    if (!pending) return;
    const write = pending;
    await run(async () => {
      await write();
      pending = null;
      impactOpen.value = false;
    });
  }

  return { impact, impactOpen, busy, save, confirm };
}
