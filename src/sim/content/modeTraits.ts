/**
 * The narration's questions about a mode, answered from MODE_FACTS (scenarios/modes.ts) rather than by naming the
 * mode: a sentence that holds "because the LB only relays TLS" follows the fact, not the mode's name.
 */
import { MODE_FACTS } from '../scenarios/modes';
import type { Mode } from '../scenarios/types';

/** The LB relays the client's TLS to the backend without ending it (passthrough). */
export const relaysTls = (mode: Mode): boolean => MODE_FACTS[mode].clientTlsEndsAt === 'backend';

/** The LB ends the client's TLS and speaks plain HTTP to the backends (offloading). */
export const plainToBackends = (mode: Mode): boolean => MODE_FACTS[mode].clientTlsEndsAt === 'lb' && !MODE_FACTS[mode].backendTls;

/** The LB ends the client's TLS and opens a TLS session of its own to each backend (bridging). */
export const reencrypts = (mode: Mode): boolean => MODE_FACTS[mode].clientTlsEndsAt === 'lb' && MODE_FACTS[mode].backendTls;
