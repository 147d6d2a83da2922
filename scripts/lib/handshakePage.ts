/**
 * The bench's browser page (handshakePage.html, built by scripts/bench.ts): the same back-to-back handshake as the
 * node figure (handshake.ts), timed in Chromium's JavaScript engine, with the two keys it needs generated the way
 * the app's worker does it (WebCrypto, src/sim/tls/pki.ts). The main thread of a blank page runs the same V8 as
 * the app's engine worker, without the app competing for it.
 */
import { createPkiGenerator } from '../../src/sim/tls/pki';
import type { TlsProtocol } from '../../src/sim/engine';
import { HANDSHAKE_PAGE_GLOBAL, timeHandshakes, type HandshakeTiming } from './handshake';

declare global {
  interface Window {
    [HANDSHAKE_PAGE_GLOBAL]: (protocols: readonly TlsProtocol[], runs: number) => Promise<HandshakeTiming[]>;
  }
}

window[HANDSHAKE_PAGE_GLOBAL] = async (protocols, runs) => {
  const pki = await createPkiGenerator().ensure(['publicRootCa', 'site']);
  return protocols.map((protocol) => timeHandshakes(protocol, pki, runs, () => performance.now()));
};
