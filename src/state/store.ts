/**
 * One vanilla zustand store per simulator instance (two simulators on one page never share state). It holds
 * what the user chose and what the engine returned; everything else is derived by selectors.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Mode, RunSummary, Timeline } from '../sim/index';

export type RunStatus = 'starting' | 'running' | 'ready' | 'error';

export interface SimState {
  readonly scenarioId: string;
  readonly mode: Mode;
  readonly seed: number;
  readonly status: RunStatus;
  readonly error: string | null;
  readonly keysMs: number | null;
  readonly runs: Partial<Record<Mode, { timeline: Timeline; summary: RunSummary; ms: number }>>;
  /** Index of the selected event in the current mode's timeline. */
  readonly cursor: number;
}

export interface SimActions {
  setMode(mode: Mode): void;
  setScenario(id: string): void;
  select(index: number): void;
  /** Called by the engine bridge. */
  receive(update: Partial<Pick<SimState, 'status' | 'error' | 'keysMs'>>): void;
  storeRun(mode: Mode, run: { timeline: Timeline; summary: RunSummary; ms: number }): void;
}

export type SimStore = StoreApi<SimState & SimActions>;

export function createSimStore(initial: { scenarioId: string; mode: Mode; seed: number }): SimStore {
  return createStore<SimState & SimActions>()((set, get) => ({
    ...initial,
    status: 'starting',
    error: null,
    keysMs: null,
    runs: {},
    cursor: 0,
    setMode: (mode) => set({ mode, cursor: Math.min(get().cursor, (get().runs[mode]?.timeline.events.length ?? 1) - 1) }),
    setScenario: (scenarioId) => set({ scenarioId, runs: {}, cursor: 0, status: 'running' }),
    select: (index) => set({ cursor: index }),
    receive: (update) => set(update),
    storeRun: (mode, run) => set((s) => ({ runs: { ...s.runs, [mode]: run }, status: mode === s.mode || s.runs[s.mode] ? 'ready' : s.status })),
  }));
}

/** Module-level selectors (they never allocate on an unchanged state). */
export const selectCurrentRun = (s: SimState) => s.runs[s.mode];
