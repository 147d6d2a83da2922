/** Every scenario the lab offers, in the order the picker shows them. Each is data; the engine does the rest. */
import { CAPABILITY_SCENARIOS } from './capabilityScenarios';
import { FAILURE_SCENARIOS } from './failureScenarios';
import { MODERN_TLS_SCENARIOS } from './modernTlsScenarios';
import { addMug, home, login, viewCart } from './requests';
import type { Scenario } from './types';

const BASIC: Scenario = {
  id: 'basic',
  title: 'A visit to the shop',
  summary: 'Log in, add to the cart and view it over one keep-alive connection: who can read the password?',
  lesson: 'Watch which hops carry the password in clear: none in passthrough and bridging, the internal network in offloading.',
  requests: [home, login, addMug, viewCart],
  // Cookie persistence keeps the layer-7 modes on one backend; passthrough stays on one by its single connection.
  options: { stickyCookie: true },
};

export const SCENARIOS: readonly Scenario[] = [BASIC, ...CAPABILITY_SCENARIOS, ...MODERN_TLS_SCENARIOS, ...FAILURE_SCENARIOS];

export function findScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}
