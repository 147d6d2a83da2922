/**
 * A beat as the page shows it: its scenario run in all three modes (with the beat's options), the step its setup
 * names in its own mode's run, and its question answered from those runs. The runner is the caller's (the CLI's
 * engine call, a test's cache), so this module does not run the engine itself.
 */
import { MODES, type Mode, type RunOptions } from '../scenarios/types';
import type { LessonRun, LessonRuns, QuestionAnswer } from './answers';
import { answerQuestion } from './questions';
import { resolveStep } from './stepTarget';
import type { Beat } from './types';

export type BeatRunner = (scenarioId: string, mode: Mode, options: Partial<RunOptions>) => LessonRun;

export interface BeatResult {
  readonly runs: LessonRuns;
  /** The beat's step resolved in the run of its own mode. */
  readonly step: number;
  /** Null when the beat asks nothing, or its run never reached what the question is about. */
  readonly answer: QuestionAnswer | null;
}

export function runBeat(beat: Beat, run: BeatRunner): BeatResult {
  const runs: Partial<Record<Mode, LessonRun>> = {};
  for (const mode of MODES) runs[mode] = run(beat.setup.scenarioId, mode, beat.setup.options ?? {});
  const own = runs[beat.setup.mode]!;
  return {
    runs,
    step: resolveStep(own.timeline.events, beat.setup.step),
    answer: beat.question ? answerQuestion(beat.question.spec, runs, beat.setup.mode) : null,
  };
}
