/**
 * The data directory, checked before the store opens it: created when missing, and refused
 * with one line naming it and the cause when it cannot be created, is not a directory, or
 * cannot be written.
 */
import { accessSync, constants, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A start-up failure the operator can fix; `main.ts` prints its message alone. */
export class StartupError extends Error {}

/** The cause of a file-system error, as an operator reads it. */
export function causeOf(error: unknown): string {
  const code = (error as { code?: string }).code;
  const causes: Record<string, string> = {
    EACCES: '没有访问权限',
    EPERM: '不允许此操作',
    EROFS: '只读文件系统',
    ENOSPC: '磁盘空间不足',
    ENOTDIR: '路径中有一部分不是目录',
    EEXIST: '已存在同名文件',
    ENOENT: '路径不存在',
  };
  return (code && causes[code]) ?? (error instanceof Error ? error.message : String(error));
}

/** Makes sure `dir` is a writable directory, or throws a StartupError saying why not. */
export function prepareDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new StartupError(`数据目录 ${dir} 不是目录，请把 DATA_DIR 设为一个目录`);
    throw new StartupError(`无法创建数据目录 ${dir}：${causeOf(error)}`);
  }
  if (!statSync(dir).isDirectory()) throw new StartupError(`数据目录 ${dir} 不是目录，请把 DATA_DIR 设为一个目录`);
  const probe = join(dir, `.write-check-${process.pid}`);
  try {
    accessSync(dir, constants.W_OK);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (error) {
    throw new StartupError(`数据目录 ${dir} 不可写：${causeOf(error)}`);
  }
}
