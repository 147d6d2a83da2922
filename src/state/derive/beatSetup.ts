import type { BeatSetup, RunOptions, ScriptedRequest } from '../../sim/index';

interface RunInputs {
  readonly scenarioId: string;
  readonly options: Partial<RunOptions>;
  readonly requests: readonly ScriptedRequest[] | null;
}

/**
 * Are the runs of these inputs the runs a beat asks for (its scenario and options, the scenario's own requests)?
 * The mode does not matter: every mode is computed for the same inputs. The store uses it to apply a beat without
 * computing again, the lesson panel to tell whether the question's runs are on screen.
 */
export function runsMatchBeat(inputs: RunInputs, setup: BeatSetup): boolean {
  const wanted = setup.options ?? {};
  const keys = new Set([...Object.keys(inputs.options), ...Object.keys(wanted)]) as Set<keyof RunOptions>;
  return inputs.scenarioId === setup.scenarioId && inputs.requests === null && [...keys].every((k) => inputs.options[k] === wanted[k]);
}
