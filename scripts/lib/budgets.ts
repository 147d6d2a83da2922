/**
 * Every performance budget of QUALITY.md ("Performance budgets"), in one place: a name, the limit, its unit and
 * QUALITY.md's own words. The bench reads its budgets only from here; a budget it has no figure for yet is still
 * listed, and printed as "not measured yet", so a missing measurement is visible instead of forgotten.
 * Change a figure here and in QUALITY.md together.
 */

export type BudgetUnit = 'ms' | 'kB' | 'MB' | 'count' | 'ratio';

export interface Budget {
  /** The figure, as the bench's table names it. */
  readonly name: string;
  /** Upper bound: the figure passes when it is <= max. */
  readonly max: number;
  /** kB are gzip kilobytes (1000 bytes); 'ratio' is a multiple of the static anchor page's first-contentful-paint. */
  readonly unit: BudgetUnit;
  /** QUALITY.md's wording of this budget. */
  readonly quality: string;
}

/** A long animation frame, as QUALITY.md counts them (the playback budget is zero of these). */
export const LONG_ANIMATION_FRAME_MS = 50;

export const BUDGETS = {
  jsBeforeFirstPaint: {
    name: 'JS before first paint (gzip)', max: 130, unit: 'kB',
    quality: 'JavaScript needed before the first paint <= 130 KB gzip (node-forge lives in the Web Worker chunk)',
  },
  jsBeforeReady: {
    name: 'JS before ready to play (gzip)', max: 200, unit: 'kB',
    quality: 'JS before ready to play <= 200 KB gzip',
  },
  allJs: {
    name: 'all JS (gzip)', max: 300, unit: 'kB',
    quality: 'all JS <= 300 KB gzip including the lessons\' prose (load prose per lesson)',
  },
  firstViewVsAnchor: {
    name: 'first useful view / anchor page first-contentful-paint', max: 1.0, unit: 'ratio',
    quality: 'First useful view (topology drawn) <= 1.0x that page\'s first-contentful-paint (the "Illustrated TLS 1.3" anchor page, same bench run)',
  },
  readyVsAnchor: {
    name: 'ready to play / anchor page first-contentful-paint', max: 2.0, unit: 'ratio',
    quality: 'ready to play (keys generated, the current scenario computed) <= 2.0x [that page\'s first-contentful-paint]',
  },
  ready: {
    name: 'navigation -> ready to play', max: 700, unit: 'ms',
    quality: 'Absolute figures on this shared machine: ready to play <= 700 ms with the default protocol',
  },
  modeSwitch: {
    name: 'mode switch -> repaint', max: 100, unit: 'ms',
    quality: 'A mode switch repaints in <= 100 ms at any moment after ready (the mode on screen first, the rest after)',
  },
  longAnimationFrames: {
    name: 'playback: long animation frames', max: 0, unit: 'count',
    quality: `Playback of a whole scenario: zero long animation frames (> ${LONG_ANIMATION_FRAME_MS} ms) at every speed, also while the worker computes other modes`,
  },
  p95FrameGap: {
    name: 'playback: p95 frame gap', max: 20, unit: 'ms',
    quality: 'p95 frame gap <= 20 ms',
  },
  heap: {
    name: 'JS heap, page, after every scenario x mode', max: 60, unit: 'MB',
    quality: 'JS heap after running every scenario in every mode <= 60 MB',
  },
} as const satisfies Record<string, Budget>;

export type BudgetId = keyof typeof BUDGETS;

export const BUDGET_IDS = Object.keys(BUDGETS) as BudgetId[];

/** The limit as the bench prints it: "130 kB", "1.0x", "0" (a count). */
export function budgetText(id: BudgetId): string {
  const { max, unit } = BUDGETS[id];
  return unit === 'count' ? String(max) : unit === 'ratio' ? `${max.toFixed(1)}x` : `${max} ${unit}`;
}
