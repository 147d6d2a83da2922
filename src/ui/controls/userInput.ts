import type { Scenario } from '../../sim/index';

/**
 * Scenarios about the requests themselves (no injected fault) let the learner edit them; a scenario that states
 * `editable` explicitly decides for itself.
 */
export function takesUserInput(scenario: Scenario): boolean {
  return 'editable' in scenario ? scenario.editable === true : scenario.faults === undefined;
}
