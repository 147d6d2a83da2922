/**
 * Where a TLS 1.2 ECDHE or TLS 1.3 observer's keys can come from: only an endpoint's key log (the master secret,
 * or the four TLS 1.3 traffic secrets), matched by client random like Wireshark's NSS key log. The site's RSA
 * private key is worth nothing here: it only signed the handshake; the keys came from ephemeral x25519 shares.
 */
import { fromHex, toHex } from '../../core/bytes';
import { keys12 } from './modernRecordCrypto';
import type { Keys12 } from './modernRecordCrypto';
import type { DirectionSecrets13 } from './decode13';
import type { Attempt } from './recordCrypto';
import type { ViewReason } from '../../core/views';
import type { Keyring } from './passiveDecoder';

export type ModernSecrets =
  | { kind: 'gcm12'; keys: Keys12; reason: ViewReason }
  | { kind: 'tls13'; client: DirectionSecrets13; server: DirectionSecrets13 };

/** What the cleartext hellos said, as far as these lookups need it. */
export interface ModernHello {
  clientRandom: Uint8Array; serverRandom: Uint8Array;
  clientSessionId?: string; serverSessionId?: string;
  /** The key-exchange group named by the ServerKeyExchange / key_share, for the reason. */
  group?: string;
}

/**
 * TLS 1.2 ECDHE: the master secret of the session (by client random, or by session ID for an abbreviated
 * handshake), then the key block. `holdsSiteKey`: the observer holds an RSA key matching the certificate.
 */
export function tls12Keys(hello: ModernHello, keyring: Keyring, holdsSiteKey: boolean): Attempt<ModernSecrets> {
  const crHex = toHex(hello.clientRandom);
  const valid = keyring.sessions.filter((s) => fromHex(s.masterSecretHex).length === 48);
  const resumed = !!hello.serverSessionId && hello.serverSessionId === hello.clientSessionId;
  const found = valid.find((s) => s.clientRandomHex.toLowerCase() === crHex)
    ?? (resumed ? valid.find((s) => s.sessionIdHex?.toLowerCase() === hello.serverSessionId) : undefined);
  if (found) return { ok: true, value: { kind: 'gcm12', keys: keys12(fromHex(found.masterSecretHex), hello.clientRandom, hello.serverRandom), reason: { code: 'own-session-keys' } } };
  if (holdsSiteKey) return { ok: false, reason: { code: 'forward-secrecy', protocol: 'tls1.2', group: hello.group ?? 'x25519' } };
  return { ok: false, reason: { code: 'no-key-for-session', tls13: false } };
}

/**
 * TLS 1.3: the four traffic secrets (RFC 8446 §7.1) of the session with this client random. The Certificate is
 * encrypted, so a held RSA key cannot even be matched to it: `holdsRsaKey` is any RSA key at all.
 */
export function tls13Secrets(hello: ModernHello, keyring: Keyring, holdsRsaKey: boolean): Attempt<ModernSecrets> {
  const crHex = toHex(hello.clientRandom);
  const log = keyring.sessions.find((s) => s.tls13Secrets && s.clientRandomHex.toLowerCase() === crHex)?.tls13Secrets;
  if (log) {
    return {
      ok: true,
      value: {
        kind: 'tls13',
        client: { handshake: fromHex(log.clientHandshakeTrafficSecretHex), application: fromHex(log.clientTrafficSecret0Hex) },
        server: { handshake: fromHex(log.serverHandshakeTrafficSecretHex), application: fromHex(log.serverTrafficSecret0Hex) },
      },
    };
  }
  return {
    ok: false,
    reason: holdsRsaKey ? { code: 'forward-secrecy', protocol: 'tls1.3', group: hello.group ?? 'x25519' } : { code: 'no-key-for-session', tls13: true },
  };
}
