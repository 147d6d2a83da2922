/**
 * Which keys a run needs, so the worker can generate exactly those before the first run and the rest in the
 * background. Derived from the same placement and fault data the actors are built from.
 */
import { BACKENDS } from '../net/topology';
import { resolveOptions } from '../scenarios/resolveOptions';
import type { Mode, RunOptions, Scenario } from '../scenarios/types';
import { MODE_FACTS } from '../scenarios/modes';
import type { KeyName } from '../tls/pki';

export function requiredKeys(scenario: Scenario, mode: Mode, overrides: Partial<RunOptions> = {}): KeyName[] {
  const options = resolveOptions(scenario, mode, overrides);
  const faults = scenario.faults ?? {};
  const keys = new Set<KeyName>(['publicRootCa', 'site']);
  if (faults.serverCertificate === 'siteUntrusted') keys.add('rogueCa');
  if (MODE_FACTS[mode].backendOwnCertificates) {
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
