/**
 * The cost panel's stable figures: cryptographic operations counted per node from what the run did. They must
 * put the costly private-key work where the site's key lives in each mode, count no work for a node that only
 * relays, and be the same on every run (unlike timings).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cryptoWork, findScenario, generateLabPki, runScenario } from '../../src/sim/engine';
import type { CryptoWork, LabPki, Mode, NodeId, RunOptions } from '../../src/sim/engine';

let pki: LabPki;
beforeAll(async () => {
  pki = await generateLabPki();
});

function work(mode: Mode, options: Partial<RunOptions>, scenario = 'basic', clock?: () => number): ReadonlyMap<NodeId, CryptoWork> {
  const t = runScenario(findScenario(scenario)!, { mode, seed: 1, options }, pki, clock ? { clock } : {});
  return cryptoWork(t.events, t.sessions);
}

describe('cryptoWork', () => {
  it('passthrough: the backend does the private-key work, the load balancer none at all', () => {
    const w = work('passthrough', { protocol: 'tls1.3' });
    expect(w.get('lb')).toBeUndefined();
    expect(w.get('backend-1')).toMatchObject({ handshakes: 1, privateKeyOperations: 1, keyExchanges: 1, signatureChecks: 0 });
    expect(w.get('client')).toMatchObject({ handshakes: 1, privateKeyOperations: 0, keyExchanges: 1, signatureChecks: 1 });
    // The same records, sealed at one end and opened at the other; the relay in between opens none.
    expect(w.get('client')!.recordsEncrypted).toBe(w.get('backend-1')!.recordsDecrypted);
    expect(w.get('backend-1')!.recordsEncrypted).toBe(w.get('client')!.recordsDecrypted);
    expect(w.get('client')!.bytesEncrypted).toBeGreaterThan(0);
  });

  it('offloading with TLS 1.1: the LB decrypts the premaster secret with the site key; no ephemeral exchange', () => {
    const w = work('offload', { protocol: 'tls1.1' });
    expect(w.get('lb')).toMatchObject({ handshakes: 1, privateKeyOperations: 1, keyExchanges: 0 });
    expect(w.get('client')).toMatchObject({ handshakes: 1, privateKeyOperations: 0, keyExchanges: 0 });
    expect(w.get('backend-1')).toBeUndefined();
  });

  it('bridging: the LB ends two sessions, signs for one and checks the backend on the other', () => {
    const w = work('bridge', { protocol: 'tls1.2' });
    expect(w.get('lb')).toMatchObject({ handshakes: 2, privateKeyOperations: 1, keyExchanges: 2, signatureChecks: 1 });
    expect(w.get('backend-1')).toMatchObject({ handshakes: 1, privateKeyOperations: 1 });
    expect(w.get('lb')!.recordsDecrypted).toBeGreaterThan(w.get('client')!.recordsDecrypted);
  });

  it('a client certificate adds a private-key operation at the client and a check where it is verified', () => {
    const w = work('offload', { protocol: 'tls1.3', clientCertificate: true });
    expect(w.get('client')).toMatchObject({ privateKeyOperations: 1, signatureChecks: 1 });
    expect(w.get('lb')).toMatchObject({ privateKeyOperations: 1, signatureChecks: 1 });
  });

  it('is the same whatever the clock says (timings swing; counts do not)', () => {
    let t = 0;
    const slow = work('bridge', { protocol: 'tls1.3' }, 'basic', () => (t += 7));
    const plain = work('bridge', { protocol: 'tls1.3' });
    expect(slow).toEqual(plain);
  });
});

describe('the run\'s handshake timings', () => {
  it('hold one measurement per TLS session end', () => {
    let t = 0;
    const timeline = runScenario(findScenario('basic')!, { mode: 'bridge', seed: 1, options: { protocol: 'tls1.3' } }, pki, { clock: () => (t += 1) });
    const lb = timeline.cost.find((c) => c.node === 'lb')!;
    expect(lb.handshakeMsEach).toHaveLength(timeline.sessions.filter((s) => s.node === 'lb').length);
    expect(lb.handshakeMsEach.every((ms) => ms > 0)).toBe(true);
  });
});
