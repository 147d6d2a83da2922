/**
 * The one place options are layered: the engine's defaults, then the scenario's own options, its per-mode
 * options, and the learner's overrides on top. The runner, the key planner, the state layer and the options
 * panel all call this, so what the panel shows is what the run uses.
 */
import { DEFAULT_OPTIONS, type Mode, type RunOptions, type Scenario } from './types';

export function resolveOptions(scenario: Scenario | undefined, mode: Mode, overrides: Partial<RunOptions> = {}): RunOptions {
  return { ...DEFAULT_OPTIONS, ...scenario?.options, ...scenario?.modeOptions?.[mode], ...overrides };
}
