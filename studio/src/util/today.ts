/** Today in China (Asia/Shanghai, no daylight saving), as YYYY-MM-DD: the day applications are received on. */
export function todayInChina(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}
