/** Module-level selectors: each returns a value already in the state (no allocation on an unchanged state). */
import { findScenario, type KeyMoment, type Lesson, type Scenario, type SimEvent } from '../sim/index';
import type { LessonContent } from './lessonContent';
import { momentsOf } from './derive/moments';
import type { ModeRun, SimState } from './store';

const NO_EVENTS: readonly SimEvent[] = [];

export const selectCurrentRun = (s: SimState): ModeRun | undefined => s.runs[s.mode];
export const selectEvents = (s: SimState): readonly SimEvent[] => s.runs[s.mode]?.timeline.events ?? NO_EVENTS;
export const selectCursor = (s: SimState): number => s.cursor;
export const selectMode = (s: SimState) => s.mode;
export const selectPlaying = (s: SimState): boolean => s.playing;
export const selectSpeed = (s: SimState): number => s.speed;
export const selectStatus = (s: SimState) => s.status;
export const selectRuns = (s: SimState) => s.runs;
export const selectViewAs = (s: SimState) => s.viewAs;
export const selectScenarioId = (s: SimState): string => s.scenarioId;
export const selectPreviousMode = (s: SimState) => s.previousMode;
/** The TLS engine the current mode's run used (its own record, not the option asked for). */
export const selectRunProtocol = (s: SimState) => s.runs[s.mode]?.timeline.protocol.id;
export const selectCurrentEvent = (s: SimState): SimEvent | undefined => s.runs[s.mode]?.timeline.events[s.cursor];
export const selectStepCount = (s: SimState): number => s.runs[s.mode]?.timeline.events.length ?? 0;
export const selectOptionOverrides = (s: SimState) => s.options;
export const selectRequests = (s: SimState) => s.requests;
export const selectInspected = (s: SimState): number | null => s.inspected;
export const selectDetail = (s: SimState) => s.detail;
/** The current run's key moments (the beginner's view), computed once per run. */
export const selectMoments = (s: SimState): readonly KeyMoment[] => momentsOf(selectEvents(s));

/**
 * The one lookup of a scenario by id: the lab's own (SCENARIOS) or one a trainer loaded into this simulator (its
 * library). Everything on the page that needs the scenario object asks here, so a file scenario is treated like a
 * built-in one. Built-ins first: a file can never shadow one (the file validator refuses a built-in id).
 */
export function scenarioById(state: Pick<SimState, 'library'>, id: string): Scenario | undefined {
  return findScenario(id) ?? state.library.scenarios.find((s) => s.id === id);
}

/** The scenario on screen (the same object while it stays on screen, so a component re-renders only when it changes). */
export const selectScenario = (s: SimState): Scenario | undefined => scenarioById(s, s.scenarioId);

/** A scenario the trainer brought (a file, a link, the parent page), not one of the lab's own. */
export const isLibraryScenario = (state: Pick<SimState, 'library'>, id: string): boolean => findScenario(id) === undefined && state.library.scenarios.some((s) => s.id === id);

export const selectLibrary = (s: SimState) => s.library;

/**
 * The one lookup of a lesson by id: the lab's own (the lessons' content chunk, null while it loads) or one a
 * trainer loaded (its words are the trainer's own, in the Lesson object).
 */
export function lessonById(state: Pick<SimState, 'library'>, content: Pick<LessonContent, 'findLesson'> | null, id: string): Lesson | undefined {
  return content?.findLesson(id) ?? state.library.lessons.find((l) => l.id === id);
}
