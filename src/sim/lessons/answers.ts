/** What a question looks like once the run has answered it: choices as facts, the correct ones, and the proof. */
import type { Mode } from '../scenarios/types';
import type { ObserverId } from '../net/topology';
import type { RunSummary } from '../run/summary';
import type { Timeline } from '../run/runScenario';
import type { Proof, Requirement } from './types';

/** One mode's run, as the page and the CLI hold it. */
export interface LessonRun {
  readonly timeline: Timeline;
  readonly summary: RunSummary;
}
export type LessonRuns = Partial<Record<Mode, LessonRun>>;

/** What a choice stands for; content words it (src/sim/content/lessons/choiceText.ts). */
export type ChoiceFact =
  | { readonly kind: 'observer'; readonly observer: ObserverId }
  | { readonly kind: 'lb-itself' }
  | { readonly kind: 'address'; readonly address: string; readonly whose: 'client' | 'lb' | 'claimed' }
  | { readonly kind: 'waf'; readonly verdict: WafOutcome }
  | { readonly kind: 'count'; readonly count: number }
  | { readonly kind: 'cart'; readonly state: CartState }
  | { readonly kind: 'yes-no'; readonly yes: boolean }
  | { readonly kind: 'server-name'; readonly name: string | null }
  | { readonly kind: 'mode'; readonly mode: Mode }
  | { readonly kind: 'no-mode' };

export type WafOutcome = 'blocked' | 'passed' | 'not-inspected';
export type CartState = 'kept' | 'partial' | 'empty';

export interface Choice {
  /** Stable within the question (e.g. "lb", "backend-2", "203.0.113.10", "blocked"). */
  readonly id: string;
  readonly fact: ChoiceFact;
}

/** The choose-mode exercise: which requirements each mode's run broke. */
export interface ModeMeasure {
  readonly mode: Mode;
  readonly broken: readonly Requirement[];
}

export interface QuestionAnswer {
  /** Tick every one that applies (checkboxes) or pick one (radio buttons). */
  readonly multiple: boolean;
  readonly choices: readonly Choice[];
  /** The ids of the correct choices (for a single choice: exactly one). */
  readonly correct: readonly string[];
  readonly proof: Proof;
  /** choose-mode only. */
  readonly measures?: readonly ModeMeasure[];
}

/** How a learner's answer compares with the run's. */
export interface Grade {
  readonly correct: boolean;
  /** Picked and right. */
  readonly right: readonly string[];
  /** Picked but wrong. */
  readonly wrong: readonly string[];
  /** Right but not picked. */
  readonly missed: readonly string[];
}

export function grade(answer: QuestionAnswer, picked: readonly string[]): Grade {
  const chosen = new Set(picked);
  const correct = new Set(answer.correct);
  const right = answer.choices.filter((c) => chosen.has(c.id) && correct.has(c.id)).map((c) => c.id);
  const wrong = answer.choices.filter((c) => chosen.has(c.id) && !correct.has(c.id)).map((c) => c.id);
  // One pick: any correct choice is right (two modes may both meet every requirement).
  if (!answer.multiple) return { correct: right.length === 1 && wrong.length === 0, right, wrong, missed: right.length > 0 ? [] : [...correct] };
  const missed = answer.choices.filter((c) => !chosen.has(c.id) && correct.has(c.id)).map((c) => c.id);
  return { correct: wrong.length === 0 && missed.length === 0, right, wrong, missed };
}
