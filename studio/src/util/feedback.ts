/** The ways the studio tells the official something: a failure, and a question before an action that cannot be taken back lightly. */
import { ElMessage, ElMessageBox } from 'element-plus';

/** Shows an error (an ApiError carries the server's Chinese detail). */
export function showError(error: unknown): void {
  ElMessage.error(error instanceof Error ? error.message : String(error));
}

/** Asks before an action; true when the official confirms (`action` names the button), false when they cancel or close. */
export async function confirmAction(message: string, title: string, action: string, cancel = '取消'): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, { confirmButtonText: action, cancelButtonText: cancel, type: 'warning' });
    return true;
  } catch {
    return false;
  }
}
