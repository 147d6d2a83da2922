/**
 * The TLS 1.3 key schedule told as steps (RFC 8446 §7.1, §7.2, §7.3): which secrets an end derives at each key
 * change and from what, in words a learner can follow. Names are the RFC's; no values ever appear here. The
 * endpoint reports one step when it installs handshake keys, one for application keys, one per KeyUpdate.
 */
import type { KeyDerivationStep, KeyStage } from '../tls/endpoint';

const TRAFFIC_KEYS = '[sender]_write_key, [sender]_write_iv';

/** Where each secret comes from, once; the steps below only name which secrets they derive. */
const FROM: Readonly<Record<string, string>> = {
  early_secret: 'HKDF-Extract(0, 0): with no pre-shared key this is the same constant in every connection',
  handshake_secret: 'HKDF-Extract of the x25519 shared secret into Derive-Secret(early_secret, "derived", ""); both sides computed the shared secret from their own private key and the other\'s key_share, and it never crossed the wire',
  client_handshake_traffic_secret: 'Derive-Secret(handshake_secret, "c hs traffic", ClientHello...ServerHello): the hash of both hellos binds it to this conversation',
  server_handshake_traffic_secret: 'Derive-Secret(handshake_secret, "s hs traffic", ClientHello...ServerHello)',
  master_secret: 'HKDF-Extract(Derive-Secret(handshake_secret, "derived", ""), 0): no new input, the schedule just moves on',
  client_application_traffic_secret_0: 'Derive-Secret(master_secret, "c ap traffic", ClientHello...server Finished): the hash now covers the certificate and both signatures',
  server_application_traffic_secret_0: 'Derive-Secret(master_secret, "s ap traffic", ClientHello...server Finished)',
  [TRAFFIC_KEYS]: 'HKDF-Expand-Label(each traffic secret, "key" / "iv", "", 16 / 12): the AES-128-GCM key and the nonce base that protect one direction',
};

const step = (stage: KeyStage, names: readonly string[]): KeyDerivationStep => ({ stage, secrets: names.map((name) => ({ name, from: FROM[name]! })) });

export const HANDSHAKE_KEY_STEP = step('handshake', [
  'early_secret', 'handshake_secret', 'client_handshake_traffic_secret', 'server_handshake_traffic_secret', TRAFFIC_KEYS,
]);

export const APPLICATION_KEY_STEP = step('application', [
  'master_secret', 'client_application_traffic_secret_0', 'server_application_traffic_secret_0', TRAFFIC_KEYS,
]);

/** A KeyUpdate (§4.6.3): `peer` is the direction the received KeyUpdate changed; `own` when it asked us to follow. */
export function updateKeyStep(role: 'client' | 'server', directions: { peer: boolean; own: boolean }): KeyDerivationStep {
  const other = role === 'client' ? 'server' : 'client';
  const next = (side: string) => ({
    name: `${side}_application_traffic_secret_N+1`,
    from: `HKDF-Expand-Label(${side}_application_traffic_secret_N, "traffic upd", "", 32): the next secret comes from the previous one alone, and the old one is forgotten`,
  });
  return {
    stage: 'update',
    secrets: [...(directions.peer ? [next(other)] : []), ...(directions.own ? [next(role)] : []), { name: TRAFFIC_KEYS, from: FROM[TRAFFIC_KEYS]! }],
  };
}
