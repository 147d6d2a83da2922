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
