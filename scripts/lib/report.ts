/**
 * The bench's table: each figure with its budget (./budgets, QUALITY.md) beside it and PASS/OVER, then every
 * budget in QUALITY.md's words; it reports, it never gates.
 */
import { BUDGETS, BUDGET_IDS, budgetText, type BudgetId, type BudgetUnit } from './budgets';

export interface Figure {
  readonly name: string;
  /** null when the measurement failed (then `error` says why) or the bench has no figure yet (`notMeasured`). */
  readonly value: number | null;
  /** 'count': a plain number of occurrences, printed without a unit; 'ratio': a multiple, printed as 1.0x. */
  readonly unit: BudgetUnit;
  /** The budget this figure is held to; undefined for figures without one. */
  readonly budget?: BudgetId;
  readonly note?: string;
  readonly error?: string;
  /** A budget of QUALITY.md the bench does not measure yet. */
  readonly notMeasured?: true;
}

const digits = (unit: Figure['unit'], value: number): string => value.toFixed(unit === 'count' || (unit === 'ms' && value >= 10) ? 0 : 1);
const withUnit = (unit: Figure['unit'], text: string): string => (unit === 'count' ? text : unit === 'ratio' ? `${text}x` : `${text} ${unit}`);

export function verdict(f: Figure): 'PASS' | 'OVER' | 'ERROR' | '' {
  if (f.notMeasured) return '';
  if (f.value === null) return 'ERROR';
  if (f.budget === undefined) return '';
  return f.value <= BUDGETS[f.budget].max ? 'PASS' : 'OVER';
}

/** A measurement failed (a figure the bench does not take yet is not a failure). */
export const failed = (f: Figure): boolean => f.value === null && !f.notMeasured;

/**
 * The figures, plus a row for every budget no figure is held to: "not measured yet" for the budgets the bench has
 * no measurement for (`notMeasured`), an error for the others (their measurement was skipped).
 */
export function withUnmeasuredBudgets(figures: readonly Figure[], notMeasured: readonly BudgetId[]): Figure[] {
  const held = new Set(figures.map((f) => f.budget));
  const missing = BUDGET_IDS.filter((id) => !held.has(id));
  return [...figures, ...missing.map((id): Figure => {
    const row = { name: BUDGETS[id].name, value: null, unit: BUDGETS[id].unit, budget: id };
    return notMeasured.includes(id) ? { ...row, notMeasured: true } : { ...row, error: 'skipped: no figure in this run' };
  })];
}

export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.name,
    f.notMeasured ? 'not measured yet' : f.value === null ? 'n/a' : withUnit(f.unit, digits(f.unit, f.value)),
    f.budget === undefined ? 'budget —' : `budget ${budgetText(f.budget)}`,
    verdict(f),
    f.error ? `(${f.error})` : f.note ? `(${f.note})` : '',
  ]);
  const width = (i: number): number => Math.max(...rows.map((r) => (r[i] ?? '').length));
  const [w0, w1, w2, w3] = [width(0), width(1), width(2), width(3)];
  const lines = rows.map(([name, value, budget, v, note]) =>
    `${(name ?? '').padEnd(w0)}  ${(value ?? '').padStart(w1)}  ${(budget ?? '').padEnd(w2)}  ${(v ?? '').padEnd(w3)}  ${note ?? ''}`.trimEnd());
  const budgeted = figures.filter((f) => f.budget !== undefined && !f.notMeasured);
  const within = budgeted.filter((f) => verdict(f) === 'PASS').length;
  const unmeasured = figures.filter((f) => f.notMeasured).length;
  lines.push('', `${within} of ${budgeted.length} figures within budget${unmeasured > 0 ? `; ${unmeasured} budget(s) not measured yet` : ''}`);
  lines.push('', 'Budgets (QUALITY.md, scripts/lib/budgets.ts):');
  for (const id of BUDGET_IDS) lines.push(`  ${BUDGETS[id].name}: ${BUDGETS[id].quality}`);
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
