/**
 * Export and import of the document being edited as a JSON file: exports have sorted keys
 * (they diff cleanly); an import is checked against its schema and replaces the document
 * as one undoable edit.
 */
import { ElMessage } from 'element-plus';
import { stableStringify, validateDocument, type Draft } from '../../../schemas/index.ts';
import { useEditorStore } from '../stores/editor.store.ts';

/** Download and upload of the edited document. */
export function useDocumentFile() {
  const editor = useEditorStore();

  function exportJson(): void {
    const d = editor.doc;
    if (!d) return;
    const url = URL.createObjectURL(new Blob([stableStringify(d.body)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${d.body.id}.json`;
    a.click();
    URL.revokeObjectURL(url);
  }

  async function importJson(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file || !editor.doc) return;
    try {
      const body = JSON.parse(await file.text()) as unknown;
      const kind = editor.doc.kind;
      const problems = validateDocument(kind, body, kind);
      if (problems.length) return void ElMessage.error(`导入的文件不符合格式：${problems[0]!.message}`);
      if ((body as { id: string }).id !== editor.doc.body.id) return void ElMessage.error('导入的文件属于另一个一件事');
      editor.replace({ kind, body } as Draft);
      ElMessage.success('已导入，可撤销');
    } catch {
      ElMessage.error('文件不是合法的 JSON');
    } finally {
      input.value = '';
    }
  }

  return { exportJson, importJson };
}
