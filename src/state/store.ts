/**
 * One vanilla zustand store per simulator instance (two simulators on one page never share state). It holds
 * what the learner chose (scenario, mode, options, edited requests, the step and playhead, what to inspect) and
 * what the engine returned; everything else is derived by the selectors and the pure functions in ./derive.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Mode, ObserverId, RunOptions, RunSummary, ScriptedRequest, Timeline } from '../sim/index';
import { comparableStep } from './derive/comparable';
import { anchorOf, clampStep, playbackPlan, SPEEDS } from './playback';

export type RunStatus = 'starting' | 'running' | 'ready' | 'error';

export interface ModeRun {
  readonly timeline: Timeline;
  readonly summary: RunSummary;
  readonly ms: number;
}

export interface SimState {
  readonly scenarioId: string;
  readonly mode: Mode;
  /** The mode before the last switch, for "what changed". */
  readonly previousMode: Mode | null;
  readonly seed: number;
  readonly status: RunStatus;
  readonly error: string | null;
  readonly keysMs: number | null;
  readonly runs: Partial<Record<Mode, ModeRun>>;
  /** The learner's option overrides (on top of the scenario's own options). */
  readonly options: Partial<RunOptions>;
  /** Requests from the request editor; null = the scenario's own. */
  readonly requests: readonly ScriptedRequest[] | null;
  /** Index of the current step (event) in the current mode's timeline. */
  readonly cursor: number;
  /** Virtual ms of the timeline: where the packets are. */
  readonly playhead: number;
  readonly playing: boolean;
  readonly speed: number;
  /** Packet event chosen in the inspector; null = follow the current step. */
  readonly inspected: number | null;
  readonly viewAs: ObserverId;
  /** A mode switch made before the new mode's run arrived: the step to map once it does. */
  readonly pendingSwitch: { readonly from: Mode; readonly cursor: number } | null;
}

export interface SimActions {
  setMode(mode: Mode): void;
  setScenario(id: string): void;
  setOption<K extends keyof RunOptions>(key: K, value: RunOptions[K]): void;
  resetOptions(): void;
  setRequests(requests: readonly ScriptedRequest[] | null): void;
  /** Moves to a step (pausing nothing: playback continues from there). */
  seek(step: number): void;
  stepForward(): void;
  stepBackward(): void;
  toStart(): void;
  toEnd(): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  setSpeed(speed: number): void;
  /** The playback clock's output. */
  setPlayback(update: { cursor: number; playhead: number; playing?: boolean }): void;
  inspect(index: number | null): void;
  setViewAs(observer: ObserverId): void;
  /** Called by the engine bridge. */
  receive(update: Partial<Pick<SimState, 'status' | 'error' | 'keysMs'>>): void;
  storeRun(mode: Mode, run: ModeRun): void;
}

export type SimStore = StoreApi<SimState & SimActions>;
type State = SimState & SimActions;

export interface InitialSimState {
  readonly scenarioId: string;
  readonly mode: Mode;
  readonly seed: number;
  readonly options?: Partial<RunOptions>;
  readonly speed?: number;
}

/** Cursor and playhead for `step` of the current mode's run. */
function placeAt(state: SimState, step: number): Pick<SimState, 'cursor' | 'playhead'> {
  const run = state.runs[state.mode];
  if (!run) return { cursor: Math.max(0, step), playhead: 0 };
  const plan = playbackPlan(run.timeline.events);
  const cursor = clampStep(plan, step);
  return { cursor, playhead: anchorOf(plan, cursor) };
}

/** Everything the engine computed is stale: forget it and wait for the new runs. */
const invalidated = { runs: {}, status: 'running', playing: false, inspected: null, pendingSwitch: null } as const;

export function createSimStore(initial: InitialSimState): SimStore {
  return createStore<State>()((set, get) => {
    const seekTo = (step: number, extra: Partial<SimState> = {}): void => set((s) => ({ ...placeAt(s, step), inspected: null, ...extra }));
    return {
      scenarioId: initial.scenarioId,
      mode: initial.mode,
      previousMode: null,
      seed: initial.seed,
      status: 'starting',
      error: null,
      keysMs: null,
      runs: {},
      options: initial.options ?? {},
      requests: null,
      cursor: 0,
      playhead: 0,
      playing: false,
      speed: initial.speed ?? 1,
      inspected: null,
      viewAs: 'lb',
      pendingSwitch: null,

      setMode: (mode) => set((s) => {
        if (mode === s.mode) return {};
        const from = s.runs[s.mode]?.timeline.events;
        const to = s.runs[mode]?.timeline.events;
        const map = (i: number): number => (from && to ? comparableStep(from, to, i) : i);
        const next: SimState = { ...s, mode, previousMode: s.mode };
        return {
          mode, previousMode: s.mode,
          ...placeAt(next, map(s.cursor)),
          inspected: s.inspected === null ? null : map(s.inspected),
          pendingSwitch: from && !to ? { from: s.mode, cursor: s.cursor } : null,
        };
      }),
      setScenario: (scenarioId) => set({ ...invalidated, scenarioId, options: {}, requests: null, cursor: 0, playhead: 0, previousMode: null }),
      setOption: (key, value) => set((s) => ({ ...invalidated, options: { ...s.options, [key]: value } })),
      resetOptions: () => set({ ...invalidated, options: {} }),
      setRequests: (requests) => set({ ...invalidated, requests }),

      seek: (step) => seekTo(step),
      stepForward: () => seekTo(get().cursor + 1, { playing: false }),
      stepBackward: () => seekTo(get().cursor - 1, { playing: false }),
      toStart: () => seekTo(0, { playing: false }),
      toEnd: () => seekTo(Number.MAX_SAFE_INTEGER, { playing: false }),
      play: () => {
        const s = get();
        const run = s.runs[s.mode];
        if (!run) return;
        const atEnd = s.cursor >= run.timeline.events.length - 1;
        if (atEnd) seekTo(0, { playing: true });
        else set({ playing: true, inspected: null });
      },
      pause: () => set({ playing: false }),
      togglePlay: () => (get().playing ? get().pause() : get().play()),
      setSpeed: (speed) => set({ speed: SPEEDS.includes(speed) ? speed : 1 }),
      setPlayback: ({ cursor, playhead, playing }) => set(playing === undefined ? { cursor, playhead } : { cursor, playhead, playing }),
      inspect: (index) => set({ inspected: index }),
      setViewAs: (viewAs) => set({ viewAs }),

      receive: (update) => set(update),
      storeRun: (mode, run) => set((s) => {
        const runs = { ...s.runs, [mode]: run };
        if (mode !== s.mode) return { runs };
        // The current mode's run arrived: keep the learner's step, mapped from the mode they switched from.
        const from = s.pendingSwitch ? s.runs[s.pendingSwitch.from]?.timeline.events : undefined;
        const step = from && s.pendingSwitch ? comparableStep(from, run.timeline.events, s.pendingSwitch.cursor) : s.cursor;
        return { runs, status: 'ready', error: null, pendingSwitch: null, ...placeAt({ ...s, runs }, step) };
      }),
    };
  });
}
