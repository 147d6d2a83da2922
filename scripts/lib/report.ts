/** The bench's table: each figure with its budget beside it and PASS/OVER; it reports, it never gates. */

export interface Figure {
  readonly name: string;
  /** null when the measurement failed (then `error` says why). */
  readonly value: number | null;
  /** 'count': a plain number of occurrences, printed without a unit. */
  readonly unit: 'ms' | 'kB' | 'MB' | 'count';
  /** Upper bound; undefined for figures without a budget. */
  readonly budget?: number;
  readonly note?: string;
  readonly error?: string;
}

const digits = (unit: Figure['unit'], value: number): string => value.toFixed(unit === 'count' || (unit === 'ms' && value >= 10) ? 0 : 1);
const withUnit = (unit: Figure['unit'], text: string): string => (unit === 'count' ? text : `${text} ${unit}`);

export function verdict(f: Figure): 'PASS' | 'OVER' | 'ERROR' | '' {
  if (f.value === null) return 'ERROR';
  if (f.budget === undefined) return '';
  return f.value <= f.budget ? 'PASS' : 'OVER';
}

export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.name,
    f.value === null ? 'n/a' : withUnit(f.unit, digits(f.unit, f.value)),
    f.budget === undefined ? 'budget —' : `budget ${withUnit(f.unit, String(f.budget))}`,
    verdict(f),
    f.error ? `(${f.error})` : f.note ? `(${f.note})` : '',
  ]);
  const width = (i: number): number => Math.max(...rows.map((r) => (r[i] ?? '').length));
  const [w0, w1, w2, w3] = [width(0), width(1), width(2), width(3)];
  const lines = rows.map(([name, value, budget, v, note]) =>
    `${(name ?? '').padEnd(w0)}  ${(value ?? '').padStart(w1)}  ${(budget ?? '').padEnd(w2)}  ${(v ?? '').padEnd(w3)}  ${note ?? ''}`.trimEnd());
  const budgeted = figures.filter((f) => f.budget !== undefined);
  const within = budgeted.filter((f) => verdict(f) === 'PASS').length;
  lines.push('', `${within} of ${budgeted.length} figures within budget`);
  return lines.join('\n');
}

export const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[Math.min(rank, s.length) - 1] as number;
}
