import { describe, expect, it } from 'vitest';
import { createLogger, MAX_LINE } from '../../../server/http/logger.ts';

/** One JSON line a call, at or above the level; personal data masked wherever it sits; lines capped. */
function logged(level: 'debug' | 'info' | 'warn' | 'error' = 'info') {
  const lines: string[] = [];
  return {
    logger: createLogger(level, (line) => lines.push(line)),
    lines,
    parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('the logger', () => {
  it('writes one JSON object a line: ISO time, the level by name, the message and the fields', () => {
    const { logger, lines, parsed } = logged();
    logger.info('request', { requestId: 'r-1', status: 200 });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith('\n')).toBe(true);
    expect(parsed()[0]).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      level: 'info',
      msg: 'request',
      requestId: 'r-1',
      status: 200,
    });
  });

  it('writes nothing below its level', () => {
    const { logger, parsed } = logged('warn');
    logger.debug('a');
    logger.info('b');
    logger.warn('c');
    logger.error('d');
    expect(parsed().map((l) => [l.level, l.msg])).toEqual([
      ['warn', 'c'],
      ['error', 'd'],
    ]);
  });

  it('masks values under keys that name personal data or secrets, at any depth, and keeps ids', () => {
    const { logger, parsed } = logged();
    logger.info('x', {
      person: { name: '张三丰', idNumber: '320102198506151234' },
      password: 'secret-1',
      csrf: 'abc',
      id: 'keep-me',
      nested: [{ mobile: '13912345678' }],
    });
    const line = parsed()[0]!;
    expect(line.person).toEqual({ name: '张*丰', idNumber: '3****************4' });
    expect(line.password).toBe('s******1');
    expect(line.id).toBe('keep-me');
    expect(line.nested).toEqual([{ mobile: '1*********8' }]);
  });

  it('masks text shaped like an ID number, a mobile number or an e-mail address under any key', () => {
    const { logger, lines } = logged();
    logger.warn('x', { note: '申请人 320102198506151234，电话 13912345678，邮箱 zhang@example.com', count: 3 });
    for (const secret of ['320102198506151234', '13912345678', 'zhang@example.com']) expect(lines[0]).not.toContain(secret);
    expect(lines[0]).toContain('"count":3');
  });

  it('caps a line: a longer one keeps its time, level and message and says how long it was', () => {
    const { logger, parsed, lines } = logged();
    logger.error('huge', { blob: 'x'.repeat(MAX_LINE * 2) });
    expect(lines[0]!.length).toBeLessThan(MAX_LINE);
    expect(parsed()[0]).toMatchObject({ level: 'error', msg: 'huge', truncated: true, length: expect.any(Number) });
  });

  it('bounds depth and list length, so no value can make a line unbounded work', () => {
    const { logger, parsed } = logged();
    let deep: Record<string, unknown> = { v: 1 };
    for (let i = 0; i < 20; i++) deep = { d: deep };
    logger.info('deep', { deep, list: Array.from({ length: 500 }, (_, i) => i) });
    const line = parsed()[0]!;
    expect(JSON.stringify(line.deep)).toContain('…');
    expect((line.list as unknown[]).length).toBe(50);
  });
});
