export {};
import { generateLabPki } from '../src/sim/tls/pki';
import { runScenario } from '../src/sim/run/runScenario';
import { findScenario } from '../src/sim/scenarios/catalog';
const pki = await generateLabPki();
for (const mode of ['passthrough', 'offload', 'bridge'] as const) {
  const t0 = performance.now();
  const tl = runScenario(findScenario(process.argv[2] ?? 'basic')!, { mode, seed: 1 }, pki, { clock: () => performance.now() });
  console.log('=====', mode, (performance.now() - t0).toFixed(0), 'ms', 'settled', tl.settled, 'events', tl.events.length);
  for (const e of tl.events) {
    if (e.type === 'tcp.segmentSent') {
      const v = Object.values(e.views).map((x) => `${x!.observer}:${x!.readability}`).join(' ');
      console.log(e.t.toFixed(1).padStart(7), e.link.padEnd(8), `${e.from}->${e.to}`.padEnd(20), e.flags.join('+').padEnd(8), String(e.payload.length).padStart(5), e.label.slice(0, 60).padEnd(60), v);
    } else console.log(e.t.toFixed(1).padStart(7), '  *', e.type, '-', e.text.slice(0, 150));
  }
  console.log(JSON.stringify(tl.client));
}
