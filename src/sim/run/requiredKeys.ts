/**
 * Which keys a run needs, so the worker can generate exactly those before the first run and the rest in the
 * background. Derived from the same placement and fault data the actors are built from.
 */
import { BACKENDS } from '../net/topology';
import { DEFAULT_OPTIONS, type Mode, type RunOptions, type Scenario } from '../scenarios/types';
import type { KeyName } from '../tls/pki';

export function requiredKeys(scenario: Scenario, mode: Mode, overrides: Partial<RunOptions> = {}): KeyName[] {
  const options = { ...DEFAULT_OPTIONS, ...scenario.options, ...scenario.modeOptions?.[mode], ...overrides };
  const faults = scenario.faults ?? {};
  const keys = new Set<KeyName>(['publicRootCa', 'site']);
  if (faults.serverCertificate === 'siteUntrusted') keys.add('rogueCa');
  if (mode === 'bridge') {
    keys.add('internalCa');
    for (const b of BACKENDS) keys.add(b.id);
    if (faults.impostorBackend) keys.add('rogueCa');
  }
  if (options.clientCertificate) {
    keys.add('clientCa');
    keys.add('client');
  }
  return [...keys];
}
