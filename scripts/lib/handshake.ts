/**
 * One full TLS handshake between the engine's own client and server endpoints, wired back to back through their
 * `send` callbacks with a FIFO queue (never re-entering an endpoint from its own callback, QUALITY.md), with the
 * lab's site certificate and the client verifying it against the demo public root. The same seeded forge random
 * source as a run (withDeterministicForge), so every repetition does the same work on the same bytes.
 */
import { createRng } from '../../src/sim/core/rng';
import type { TlsProtocol } from '../../src/sim/engine';
import { createTlsEndpoint, type TlsEndpoint, type TlsEndpointCallbacks, type TlsSessionInfo } from '../../src/sim/tls/endpoint';
import { withDeterministicForge } from '../../src/sim/tls/forge';
import { SIM_DATE, certificatePem, privateKeyPem, type LabPki } from '../../src/sim/tls/pki';
import { createTls12Endpoint } from '../../src/sim/tls12/endpoint12';
import { createTls13Endpoint, type Tls13ClientConfig, type Tls13ServerConfig } from '../../src/sim/tls13/endpoint13';

type Factory = (config: Tls13ClientConfig | Tls13ServerConfig, callbacks: TlsEndpointCallbacks) => TlsEndpoint;

/** The same choice src/sim/nodes/tlsOverTcp.ts makes for a run's `protocol` option. */
const ENDPOINTS: Record<TlsProtocol, Factory> = {
  'tls1.1': createTlsEndpoint,
  'tls1.2': createTls12Endpoint,
  'tls1.3': createTls13Endpoint,
};

/** What one handshake agreed on, so a bench can say it measured what it claims. */
export interface HandshakeOutcome {
  readonly client: TlsSessionInfo;
  readonly server: TlsSessionInfo;
  /** Chunks the two ends handed each other (flights). */
  readonly flights: number;
}

/** Runs one handshake to completion on both ends; throws when either end fails or stalls. */
export function handshakeOnce(protocol: TlsProtocol, pki: LabPki, seed = 1): HandshakeOutcome {
  const factory = ENDPOINTS[protocol];
  const alpn = protocol === 'tls1.1' ? {} : { alpnProtocols: ['http/1.1'] }; // as tlsOverTcp: forge has no ALPN
  const rng = createRng(seed);
  return withDeterministicForge((n) => rng.bytes(n), () => SIM_DATE.getTime(), () => {
    const queue: { to: 'client' | 'server'; bytes: Uint8Array }[] = [];
    const infos: { client?: TlsSessionInfo; server?: TlsSessionInfo } = {};
    const failures: string[] = [];
    const callbacks = (side: 'client' | 'server', to: 'client' | 'server'): TlsEndpointCallbacks => ({
      send: (bytes) => void queue.push({ to, bytes }),
      connected: (info) => void (infos[side] = info),
      data: () => undefined,
      failed: (f) => void failures.push(`${side}: ${f.alert} (${f.message})`),
      closed: () => undefined,
    });
    const server = factory({
      role: 'server', certificateChainPem: [certificatePem(pki, 'site')], privateKeyPem: privateKeyPem(pki, 'site'), validityDate: SIM_DATE, ...alpn,
    }, callbacks('server', 'client'));
    const client = factory({
      role: 'client', serverName: 'shop.example.com', trustedCaPem: [certificatePem(pki, 'publicRootCa')], verifyPeer: true, validityDate: SIM_DATE, ...alpn,
    }, callbacks('client', 'server'));
    client.start();
    let flights = 0;
    for (; queue.length > 0 && flights < 50 && failures.length === 0; flights++) {
      const next = queue.shift()!;
      (next.to === 'client' ? client : server).receive(next.bytes);
    }
    if (failures.length > 0) throw new Error(`${protocol} handshake failed: ${failures.join('; ')}`);
    if (!infos.client || !infos.server) throw new Error(`${protocol} handshake did not complete after ${flights} flights`);
    return { client: infos.client, server: infos.server, flights };
  });
}

/** What handshakePage.ts puts on `window` for the bench to call (the page is built separately, so only the name is shared). */
export const HANDSHAKE_PAGE_GLOBAL = '__passthroughLabHandshakes';

export interface HandshakeTiming {
  readonly protocol: TlsProtocol;
  readonly meanMs: number;
  readonly times: readonly number[];
  /** e.g. "TLS 1.3 TLS_AES_128_GCM_SHA256, 3 flights" */
  readonly agreed: string;
}

/** Mean of `runs` handshakes after one warm-up (the first also parses the PEMs into forge's caches). */
export function timeHandshakes(protocol: TlsProtocol, pki: LabPki, runs: number, clock: () => number): HandshakeTiming {
  const warm = handshakeOnce(protocol, pki);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = clock();
    handshakeOnce(protocol, pki);
    times.push(clock() - t0);
  }
  return {
    protocol,
    meanMs: times.reduce((a, b) => a + b, 0) / times.length,
    times,
    agreed: `${warm.client.version} ${warm.client.cipherSuite}, ${warm.flights} flights`,
  };
}
