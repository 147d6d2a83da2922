import { scenarioToFile, type ScenarioFile } from '../../sim/index';
import { selectScenario } from '../../state/selectors';
import type { SimState } from '../../state/store';

/**
 * The scenario on screen as a trainer's file, with the learner's option changes and edited requests in it: what
 * "Save as scenario file", "Copy link to this scenario" and the editor start from. A built-in scenario becomes
 * `my-<id>` (scenarioToFile), since a file may not take the lab's own ids.
 */
export function currentScenarioFile(state: SimState): ScenarioFile | null {
  const scenario = selectScenario(state);
  return scenario ? scenarioToFile(scenario, { options: state.options, requests: state.requests }) : null;
}
