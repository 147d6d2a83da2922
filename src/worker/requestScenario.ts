import { findScenario, parseScenarioFile, problemText, type Scenario } from '../sim/index';
import type { RunRequest } from './protocol';

/**
 * The scenario a run request names: a built-in one by id, or a trainer's file, read by the same validator as any
 * file from outside (the page checked it when it was loaded; the worker trusts nothing it is sent). A refused file
 * is answered with the validator's words, the first few problems (the page showed them all when it refused it).
 */
export function scenarioOf(request: Pick<RunRequest, 'scenarioId' | 'scenarioFile'>): { readonly scenario: Scenario } | { readonly refused: string } {
  if (request.scenarioFile !== undefined) {
    const parsed = parseScenarioFile(request.scenarioFile);
    return parsed.ok ? { scenario: parsed.value } : { refused: `the scenario file was refused: ${parsed.problems.slice(0, 5).map(problemText).join('; ')}` };
  }
  const scenario = typeof request.scenarioId === 'string' ? findScenario(request.scenarioId) : undefined;
  return scenario ? { scenario } : { refused: `unknown scenario "${String(request.scenarioId).slice(0, 40)}"` };
}
