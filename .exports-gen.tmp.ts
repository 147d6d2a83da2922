import { writeFileSync } from 'node:fs';
import { exportKeyLog, exportPcapng, findScenario, generateLabPki, runScenario, MODES } from '/work/main/src/sim/engine';
const pki = await generateLabPki();
for (const protocol of ['tls1.2', 'tls1.3'] as const) {
  for (const mode of MODES) {
    for (const sc of ['basic', 'tamper']) {
      const t = runScenario(findScenario(sc)!, { mode, seed: 1, options: { protocol } }, pki);
      const k = `/tmp/exports-explore/${sc}-${protocol}-${mode}`;
      writeFileSync(`${k}.pcapng`, exportPcapng(t));
      writeFileSync(`${k}-nokeys.pcapng`, exportPcapng(t, { embedSecrets: false }));
      writeFileSync(`${k}.keys`, exportKeyLog(t));
      if (sc === 'tamper') console.log(protocol, mode, t.events.filter((e) => e.type.startsWith('tls.alert')).map((e) => `${e.node} ${e.type} ${JSON.stringify(e.detail)}`));
    }
  }
}
