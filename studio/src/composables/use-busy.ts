/**
 * An action the official started: a busy flag while it runs (buttons show it and cannot be
 * pressed twice), and its failure said in a message — or handled by the caller's `onError`.
 */
import { ref } from 'vue';
import { showError } from '../util/feedback.ts';

export function useBusy() {
  const busy = ref(false);
  /** Runs `action`; its result, or undefined when it failed (the failure shown or handed to `onError`). */
  async function run<T>(action: () => Promise<T>, onError: (error: unknown) => void = showError): Promise<T | undefined> {
    busy.value = true;
    try {
      return await action();
    } catch (error) {
      onError(error);
      return undefined;
    } finally {
      busy.value = false;
    }
  }
  return { busy, run };
}
