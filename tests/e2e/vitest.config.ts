import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Browser end-to-end tests: the built studio on a real server, driven in Debian's Chromium. */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // the product seeded once per run; every spawned server starts from a copy
    globalSetup: ['tests/support/seeded-template.ts'],
  },
});
