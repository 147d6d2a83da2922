import { generateLabPki, runScenario, findScenario } from '../src/sim/engine';
export {};
const pki = await generateLabPki();
for (const mode of ['passthrough','offload','bridge'] as const) {
  const ts: number[] = [];
  for (let i = 0; i < 4; i++) { const t = performance.now(); runScenario(findScenario('basic')!, { mode, seed: i }, pki); ts.push(Math.round(performance.now() - t)); }
  console.log(mode, ts);
}
