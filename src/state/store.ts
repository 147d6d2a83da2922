/**
 * One vanilla zustand store per simulator instance (two simulators on one page never share state). It holds
 * what the learner chose (scenario, mode, options, edited requests, the step and playhead, what to inspect) and
 * what the engine returned; everything else is derived by the selectors and the pure functions in ./derive.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { MODES, resolveStep, type BeatSetup, type Lesson, type Mode, type ObserverId, type RunOptions, type RunSummary, type Scenario, type ScriptedRequest, type SimEvent, type Timeline, type StepTarget, type TlsProtocol } from '../sim/index';
import type { ProtocolRow } from './derive/protocolCompare';
import { comparableStep } from './derive/comparable';
import { runsMatchBeat } from './derive/beatSetup';
import { scenarioById } from './selectors';
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
  /** "Compare protocols": the same mode run under the other TLS versions (computed by the worker after the runs). */
  readonly protocolRows: Partial<Record<Mode, Partial<Record<TlsProtocol, ProtocolRow>>>>;
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
  /**
   * An option (the TLS version among them) changed the runs: the events and step the learner was at, so the new
   * run opens at the comparable step, as after a mode switch, instead of at the same event number.
   */
  readonly rerunFrom: { readonly events: readonly SimEvent[]; readonly cursor: number } | null;
  /**
   * Bumped whenever the runs are thrown away (new scenario, options, requests, or "Try again"): the engine bridge
   * asks the worker for new runs exactly when this changes, so no change can clear the runs without asking again.
   */
  readonly generation: number;
  /** Bumped by "Try again" after an engine error: the engine bridge also replaces the worker. */
  readonly attempt: number;
  /** Something the engine bridge had to do that the learner should know (the worker was restarted); null = none. */
  readonly engineNotice: string | null;
  /** How much of the run the step list shows: its key moments (the beginner's view) or every packet (the expert's). */
  readonly detail: StepDetail;
  /** The guided lesson open and the beat on screen; null = free exploration. */
  readonly lesson: { readonly id: string; readonly beat: number } | null;
  /** A beat's step, found in the current mode's run once that run arrives. */
  readonly pendingStep: StepTarget | null;
  /** The answers checked in the open lesson, by question id (the embed bridge announces them). */
  readonly answers: Readonly<Record<string, LessonAnswer>>;
  /** The id of the lesson the learner finished last (set by "Finish"). */
  readonly completedLesson: string | null;
  /** The scenarios and lessons a trainer loaded into this simulator (a file, a link, the parent page). */
  readonly library: Library;
  /** What became of the last trainer's file, for the notices area; null = nothing to say. */
  readonly fileNotice: FileNotice | null;
}

export interface Library {
  readonly scenarios: readonly Scenario[];
  readonly lessons: readonly Lesson[];
}

/** Where a trainer's file came from, in the words of a notice ("acme-login.json", "the link"). */
export type FileNotice =
  | { readonly kind: 'loaded'; readonly what: 'scenario' | 'lesson'; readonly title: string; readonly source: string }
  /** The file was refused: one line per problem (the validator's words, shown as text). */
  | { readonly kind: 'rejected'; readonly source: string; readonly problems: readonly string[] };

export const EMPTY_LIBRARY: Library = { scenarios: [], lessons: [] };
/**
 * At most this many of each: a parent page posting scenarios in a loop must not grow the page without bound. The
 * oldest go first (never the one on screen, which is the newest).
 */
export const LIBRARY_LIMIT = 40;

export interface LessonAnswer {
  readonly correct: boolean;
  readonly choice: readonly string[];
  /** Bumped on every check, so checking the same answer twice is announced twice. */
  readonly attempt: number;
}

export type StepDetail = 'moments' | 'packets';

export interface SimActions {
  setMode(mode: Mode): void;
  setScenario(id: string): void;
  /** Adds a trainer's scenario to the library (replacing one with its id) and puts it on screen, as setScenario. */
  loadScenario(scenario: Scenario): void;
  /** Adds a trainer's lesson and the scenarios it brings, and opens it at its first beat, as openLesson. */
  loadLesson(lesson: Lesson, scenarios: readonly Scenario[]): void;
  showFileNotice(notice: FileNotice | null): void;
  setOption<K extends keyof RunOptions>(key: K, value: RunOptions[K]): void;
  /** The TLS version of every session: an option of the run, so every mode runs again under it. */
  setProtocol(protocol: TlsProtocol): void;
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
  /** Key moments or every packet; the step stays where it is. */
  setDetail(detail: StepDetail): void;
  setViewAs(observer: ObserverId): void;
  /** After an engine error: compute the same runs again. */
  retry(): void;
  dismissEngineNotice(): void;
  /** Called by the engine bridge. */
  notify(text: string): void;
  receive(update: Partial<Pick<SimState, 'status' | 'error' | 'keysMs'>>): void;
  storeRun(mode: Mode, run: ModeRun): void;
  storeProtocolRow(mode: Mode, protocol: TlsProtocol, row: ProtocolRow): void;
  /** Opens a lesson at a beat (answers are kept while the lesson stays the same). */
  openLesson(id: string, beat: number): void;
  closeLesson(): void;
  /** Puts the lab where a beat wants it; only re-runs when the scenario or the options differ. */
  applyBeat(setup: BeatSetup): void;
  recordAnswer(questionId: string, correct: boolean, choice: readonly string[]): void;
  completeLesson(id: string): void;
}

export type SimStore = StoreApi<SimState & SimActions>;
type State = SimState & SimActions;

export interface InitialSimState {
  readonly scenarioId: string;
  readonly mode: Mode;
  readonly seed: number;
  readonly options?: Partial<RunOptions>;
  readonly speed?: number;
  /** Trainer's scenarios known from the start (a #scenario= link). */
  readonly library?: Library;
}

/** Cursor and playhead for `step` of the current mode's run. */
function placeAt(state: SimState, step: number): Pick<SimState, 'cursor' | 'playhead'> {
  const run = state.runs[state.mode];
  if (!run) return { cursor: Math.max(0, step), playhead: 0 };
  const plan = playbackPlan(run.timeline.events);
  const cursor = clampStep(plan, step);
  return { cursor, playhead: anchorOf(plan, cursor) };
}

/**
 * The learner's TLS version survives a scenario change or an options reset (it is chosen beside the mode, not in
 * the options), unless the new scenario names a version of its own (a lesson about one version).
 */
function keptProtocol(options: Partial<RunOptions>, scenario: Scenario | undefined): Partial<RunOptions> {
  const ownVersion = scenario?.options?.protocol !== undefined || MODES.some((m) => scenario?.modeOptions?.[m]?.protocol !== undefined);
  return options.protocol !== undefined && !ownVersion ? { protocol: options.protocol } : {};
}

/** Where the learner was before a re-run (kept from an earlier change while the re-run is still on its way). */
function rerunPoint(s: SimState): SimState['rerunFrom'] {
  const run = s.runs[s.mode];
  return run ? { events: run.timeline.events, cursor: s.cursor } : s.rerunFrom;
}

/** Puts `added` into `list` in place of any with their ids, newest last, keeping at most LIBRARY_LIMIT. */
function withAdded<T extends { readonly id: string }>(list: readonly T[], added: readonly T[]): readonly T[] {
  const ids = new Set(added.map((a) => a.id));
  return [...list.filter((x) => !ids.has(x.id)), ...added].slice(-LIBRARY_LIMIT);
}

/** Everything the engine computed is stale: forget it and ask for new runs (a new generation). */
const invalidated = (s: SimState) =>
  ({ runs: {}, protocolRows: {}, status: 'running', playing: false, inspected: null, pendingSwitch: null, generation: s.generation + 1 }) as const;

export function createSimStore(initial: InitialSimState): SimStore {
  return createStore<State>()((set, get) => {
    const seekTo = (step: number, extra: Partial<SimState> = {}): void => set((s) => ({ ...placeAt(s, step), inspected: null, ...extra }));
    /** A new scenario on screen (the library already holds it): its own requests and options, at its first step. */
    const chosen = (s: SimState, scenarioId: string, library: Library) => ({
      ...invalidated(s), scenarioId, options: keptProtocol(s.options, scenarioById({ library }, scenarioId)),
      requests: null, cursor: 0, playhead: 0, previousMode: null, rerunFrom: null, pendingStep: null,
    });
    // Inside a lesson the beginner's view (key moments) is the default; the learner's own switch is kept from
    // beat to beat, and leaving the lesson returns to every packet.
    const opened = (s: SimState, id: string, beat: number) => ({
      lesson: { id, beat },
      ...(s.lesson === null ? { detail: 'moments' as const } : {}),
      ...(s.lesson?.id === id ? {} : { answers: {}, completedLesson: null }),
    });
    return {
      scenarioId: initial.scenarioId,
      mode: initial.mode,
      previousMode: null,
      seed: initial.seed,
      status: 'starting',
      error: null,
      keysMs: null,
      runs: {},
      protocolRows: {},
      options: initial.options ?? {},
      requests: null,
      cursor: 0,
      playhead: 0,
      playing: false,
      speed: initial.speed ?? 1,
      inspected: null,
      viewAs: 'lb',
      pendingSwitch: null,
      rerunFrom: null,
      generation: 0,
      attempt: 0,
      engineNotice: null,
      detail: 'packets',
      lesson: null,
      pendingStep: null,
      answers: {},
      completedLesson: null,
      library: initial.library ?? EMPTY_LIBRARY,
      fileNotice: null,

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
      setScenario: (scenarioId) => set((s) => chosen(s, scenarioId, s.library)),
      loadScenario: (scenario) => set((s) => {
        const library = { ...s.library, scenarios: withAdded(s.library.scenarios, [scenario]) };
        return { library, ...chosen(s, scenario.id, library) };
      }),
      // A lesson loaded again (the trainer fixed a beat) starts afresh: its old answers were to other questions.
      // A scenario replaced while on screen leaves runs of its old self: they are thrown away (the beat asks again).
      loadLesson: (lesson, scenarios) => set((s) => ({
        library: { scenarios: withAdded(s.library.scenarios, scenarios), lessons: withAdded(s.library.lessons, [lesson]) },
        ...(scenarios.some((x) => x.id === s.scenarioId) ? invalidated(s) : {}),
        ...opened({ ...s, lesson: null }, lesson.id, 0),
      })),
      showFileNotice: (fileNotice) => set({ fileNotice }),
      setOption: (key, value) => set((s) => ({ ...invalidated(s), rerunFrom: rerunPoint(s), options: { ...s.options, [key]: value } })),
      setProtocol: (protocol) => get().setOption('protocol', protocol),
      resetOptions: () => set((s) => ({ ...invalidated(s), rerunFrom: rerunPoint(s), options: s.options.protocol === undefined ? {} : { protocol: s.options.protocol } })),
      setRequests: (requests) => set((s) => ({ ...invalidated(s), requests })),

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
      setDetail: (detail) => set({ detail }),

      retry: () => set((s) => ({ ...invalidated(s), rerunFrom: rerunPoint(s), error: null, attempt: s.attempt + 1 })),
      dismissEngineNotice: () => set({ engineNotice: null }),
      notify: (engineNotice) => set({ engineNotice }),
      receive: (update) => set(update),
      storeRun: (mode, run) => set((s) => {
        const runs = { ...s.runs, [mode]: run };
        if (mode !== s.mode) return { runs };
        // The current mode's run arrived: keep the learner's step, mapped from the mode they switched from.
        const from = s.pendingSwitch ? s.runs[s.pendingSwitch.from]?.timeline.events : undefined;
        const step = from && s.pendingSwitch ? comparableStep(from, run.timeline.events, s.pendingSwitch.cursor)
          : s.rerunFrom ? comparableStep(s.rerunFrom.events, run.timeline.events, s.rerunFrom.cursor) : s.cursor;
        const target = s.pendingStep ? resolveStep(run.timeline.events, s.pendingStep) : step;
        return { runs, status: 'ready', error: null, pendingSwitch: null, rerunFrom: null, pendingStep: null, ...placeAt({ ...s, runs }, target) };
      }),
      openLesson: (id, beat) => set((s) => opened(s, id, beat)),
      closeLesson: () => set({ lesson: null, answers: {}, pendingStep: null, detail: 'packets' }),
      applyBeat: (setup) => set((s) => {
        const options = setup.options ?? {};
        const same = runsMatchBeat(s, setup);
        const step = setup.step ?? { at: 'start' };
        if (same) {
          // The runs are the right ones: switch mode (the other modes are computed already) and find the step.
          const run = s.runs[setup.mode];
          if (!run) return { mode: setup.mode, previousMode: s.mode === setup.mode ? s.previousMode : s.mode, pendingStep: step, pendingSwitch: null, playing: false, inspected: null };
          const next = { ...s, mode: setup.mode };
          return { mode: setup.mode, previousMode: s.mode === setup.mode ? s.previousMode : s.mode, pendingStep: null, pendingSwitch: null, playing: false, inspected: null, ...placeAt(next, resolveStep(run.timeline.events, step)) };
        }
        return { ...invalidated(s), scenarioId: setup.scenarioId, mode: setup.mode, options, requests: null, cursor: 0, playhead: 0, previousMode: null, rerunFrom: null, pendingStep: step };
      }),
      recordAnswer: (questionId, correct, choice) => set((s) => ({
        answers: { ...s.answers, [questionId]: { correct, choice, attempt: (s.answers[questionId]?.attempt ?? 0) + 1 } },
      })),
      completeLesson: (id) => set({ completedLesson: id }),
      storeProtocolRow: (mode, protocol, row) => set((s) => ({ protocolRows: { ...s.protocolRows, [mode]: { ...s.protocolRows[mode], [protocol]: row } } })),
    };
  });
}
