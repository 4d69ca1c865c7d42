/**
 * A year's holidays or 调休 working days as officials copy them from the State Council's
 * notice: dates and ranges (2027-02-05 至 2027-02-11), one per line or separated by 、，, —
 * and back, ranges folded, so the calendar editor is a text box, not hundreds of clicks.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function valid(date: string): boolean {
  const m = DATE.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === date;
}

const next = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The dates of `text` in `year`, sorted and distinct; or the first entry that is not a date of that year (or a range over 31 days). */
export function parseDates(text: string, year: number): { dates: string[] } | { invalid: string } {
  const out = new Set<string>();
  for (const raw of text.split(/[\n,，、;；]+/)) {
    const entry = raw.trim();
    if (!entry) continue;
    const [from = '', until] = entry.split(/\s*(?:至|~|～|—|到)\s*/);
    const to = until ?? from;
    if (!valid(from) || !valid(to) || !from.startsWith(`${year}-`) || !to.startsWith(`${year}-`) || to < from) return { invalid: entry };
    let day = from;
    for (let n = 0; day <= to; n++, day = next(day)) {
      if (n > 31) return { invalid: entry };
      out.add(day);
    }
  }
  return { dates: [...out].sort() };
}

/** Dates as text, consecutive days folded into ranges: the inverse of `parseDates`. */
export function datesText(dates: readonly string[]): string {
  const sorted = [...new Set(dates)].sort();
  const lines: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && next(sorted[j]!) === sorted[j + 1]) j++;
    lines.push(i === j ? sorted[i]! : `${sorted[i]} 至 ${sorted[j]}`);
    i = j + 1;
  }
  return lines.join('\n');
}
