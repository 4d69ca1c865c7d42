import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { defineConfig } from 'vitest/config';

const studio = fileURLToPath(new URL('./studio', import.meta.url));

export default defineConfig({
  root: studio,
  base: '/',
  plugins: [
    vue(),
    // Element Plus on demand: only the components the studio uses, with their CSS
    Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false, dirs: [] }),
  ],
  build: {
    outDir: fileURLToPath(new URL('./dist/studio', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    environment: 'node',
    testTimeout: 30_000,
    // the product seeded once per run; every test server starts from a copy
    globalSetup: ['tests/support/seeded-template.ts'],
    // a worker keeps the modules it imported for its next file: each file no longer pays the imports again
    // (no suite keeps state in a module; each test server has its own store, app and runtime)
    isolate: false,
    // vitest leaves a core to itself by default; its own process mostly waits, so every core runs tests
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      // the pure core: the compiler, logic, verification, the shipped bundles — `npm test -- core`
      { extends: true, test: { name: 'core', include: ['tests/core/**/*.test.ts', 'tests/support/**/*.test.ts'] } },
      // the server over real HTTP on loopback, each test server on its own copy of the seeded store — `npm test -- server`
      { extends: true, test: { name: 'server', include: ['tests/server/**/*.test.ts', 'tests/api-client/**/*.test.ts'] } },
      // the studio's models and stores, without a browser — `npm test -- studio`
      { extends: true, test: { name: 'studio', include: ['tests/studio/**/*.test.ts'] } },
    ],
  },
});
