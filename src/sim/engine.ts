/**
 * The engine entry point for the worker, the CLI and the tests: everything in `./index` plus the parts that
 * run TLS (and so load node-forge).
 *
 * Typical use: `const pki = await generateLabPki(); const timeline = runScenario(findScenario('basic')!, { mode: 'offload', seed: 1 }, pki);`
 */
export * from './index';
export { runScenario } from './run/runScenario';
export { summarize } from './run/summary';
export { generateLabPki, SIM_DATE } from './tls/pki';
export { createPkiGenerator } from './tls/pki';
export type { PkiGenerator } from './tls/pki';
export { requiredKeys } from './run/requiredKeys';
export { KEY_NAMES } from './tls/pkiSpecs';
export { exportPcapng } from './export/pcapng';
export type { PcapngExportOptions, CaptureSource } from './export/pcapng';
export { exportKeyLog } from './export/keylog';
export { realConfigurations } from './export/configs/index';
export type { KeyLogSource } from './export/keylog';
