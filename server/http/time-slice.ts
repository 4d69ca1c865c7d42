/**
 * A long loop on the event loop, cut into slices: `await slice()` at each step yields to the
 * requests waiting (setImmediate, after their I/O) once `ms` have passed since the last yield,
 * so an import of two thousand matters never holds the public runtime for more than a slice.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

/** A function to await at each step of a loop: it yields once `ms` have passed since it last did. */
export function timeSlicer(ms = 4): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < ms) return;
    await nextTurn();
    since = performance.now();
  };
}

/** Runs a generator of steps to its end, yielding to waiting requests between slices; resolves with its result. */
export async function runSliced<T>(steps: Generator<void, T>, slice = timeSlicer()): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await slice();
  }
}
