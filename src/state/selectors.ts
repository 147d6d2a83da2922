/** Module-level selectors: each returns a value already in the state (no allocation on an unchanged state). */
import type { KeyMoment, SimEvent } from '../sim/index';
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
