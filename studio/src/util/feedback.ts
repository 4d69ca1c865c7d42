/** One way to tell the official that something failed: the server's Chinese detail, as a message. */
import { ElMessage } from 'element-plus';

/** Shows an error (an ApiError carries the server's Chinese detail). */
export function showError(error: unknown): void {
  ElMessage.error(error instanceof Error ? error.message : String(error));
}
