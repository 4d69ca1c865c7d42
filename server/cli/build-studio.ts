/**
 * Part of `npm start`: builds the studio with Vite when `dist/studio` is missing or older
 * than any file under studio/ or schemas/, so a fresh clone starts with the real UI and a
 * restart costs nothing.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

const root = join(import.meta.dirname, '..', '..');
const output = join(root, 'dist', 'studio', 'index.html');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const sources = Math.max(newest(join(root, 'studio')), newest(join(root, 'schemas')), statSync(join(root, 'vite.config.ts')).mtimeMs);
if (existsSync(output) && statSync(output).mtimeMs >= sources) {
  console.log('工作台前端已是最新构建。');
} else {
  console.log('正在构建工作台前端……');
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  console.log('工作台前端构建完成。');
}
