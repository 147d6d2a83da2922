import { render, type RenderResult } from '@testing-library/react';
import { MODES, type Mode } from '../../../src/sim/index';
import { createSimStore, type ModeRun, type SimStore } from '../../../src/state/store';
import { SimContext } from '../../../src/ui/SimContext';
import { Simulator } from '../../../src/ui/Simulator';

/** Renders one simulator with a store that already holds the given runs (no worker: the runs are real, made in-process). */
export function renderSim(runs: Record<Mode, ModeRun>, scenarioId = 'basic', mode: Mode = 'passthrough'): RenderResult & { store: SimStore } {
  const store = createSimStore({ scenarioId, mode, seed: 1 });
  store.getState().receive({ status: 'running' });
  for (const m of [mode, ...MODES.filter((x) => x !== mode)]) store.getState().storeRun(m, runs[m]);
  const result = render(
    <SimContext.Provider value={store}>
      <Simulator />
    </SimContext.Provider>,
  );
  return { ...result, store };
}

/** Loads the lazily imported parts once, so a test's findBy* waits for React, not for the module transform. */
export async function preloadLazyParts(): Promise<void> {
  await Promise.all([import('../../../src/ui/DetailPanels'), import('../../../src/ui/topology/PacketLayer'), import('../../../src/state/content').then((m) => m.loadContent())]);
}
