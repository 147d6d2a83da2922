/**
 * The engine's one entry point. Everything above src/sim (state, UI, embed, CLI) imports from here.
 *
 * Typical use: `const pki = await generateLabPki(); const timeline = runScenario(findScenario('basic')!, { mode: 'offload', seed: 1 }, pki);`
 */
export { runScenario, PROTOCOL } from './run/runScenario';
export type { RunConfig, RunEnvironment, Timeline } from './run/runScenario';
export { summarize } from './run/summary';
export type { RunSummary } from './run/summary';
export { generateLabPki, SIM_DATE } from './tls/pki';
export type { LabPki, CertName, KeyName } from './tls/pki';
export { SCENARIOS, findScenario } from './scenarios/catalog';
export { DEFAULT_OPTIONS, MODES, MODE_LABELS } from './scenarios/types';
export type { Mode, RunOptions, Scenario, ScriptedRequest, Faults, Algorithm, ProxyProtocolVersion } from './scenarios/types';
export type { SimEvent, SegmentSentEvent, SimEventType, Direction, TcpFlag } from './core/events';
export type { PacketLayer, ByteField } from './core/layers';
export type { ObserverView, Readability } from './core/views';
export type { KeyPlacement, HeldKey } from './run/keyPlacement';
export { BACKENDS, OBSERVER_LABELS, CLIENT_ADDRESS, LB_VIP, LB_INTERNAL_ADDRESS, SITE_HOSTNAME } from './net/topology';
export type { NodeId, ObserverId, LinkId, BackendId } from './net/topology';
export { toHex } from './core/bytes';
