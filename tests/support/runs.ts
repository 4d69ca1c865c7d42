/**
 * How many cases a property test or fuzz loop tries. CI (and `TEST_RUNS=1`) tries the full
 * count each test names; a developer's `npm test` a tenth of it, at least ten, so the loop
 * answers in seconds and still runs every property. `TEST_RUNS` sets the share (0.5, 2 …).
 */
const share = Number(process.env.TEST_RUNS ?? (process.env.CI ? 1 : 0.1)) || 1;

/** The number of runs for a test whose full count is `full`. */
export function runs(full: number): number {
  return Math.max(Math.min(full, 10), Math.round(full * share));
}
