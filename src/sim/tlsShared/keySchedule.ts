/**
 * The TLS 1.3 key schedule for TLS_AES_128_GCM_SHA256 (RFC 8446 §7): HKDF (RFC 5869) with SHA-256 and the
 * TLS-specific HKDF-Expand-Label / Derive-Secret, the secrets of a 1-RTT handshake without PSK, traffic keys and
 * IVs (§7.3), and Finished keys (§4.4.4). SHA-256 and HMAC come from node-forge (pure JS), so this also runs in
 * the browser worker, where Node's crypto does not exist.
 */
import forge, { binaryToBytes, bytesToBinary } from '../tls/forge';
import { asciiBytes, concatBytes } from '../core/bytes';
import { u16, u8, vector } from './wire';

/** Hash.length for SHA-256. */
export const HASH_LENGTH = 32;
/** AES-128-GCM key and nonce lengths (§5.3, RFC 5116). */
export const KEY_LENGTH = 16;
export const IV_LENGTH = 12;

export function sha256(data: Uint8Array): Uint8Array {
  const md = forge.md.sha256.create();
  md.update(bytesToBinary(data));
  return binaryToBytes(md.digest().getBytes());
}

export function hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array {
  const mac = forge.hmac.create();
  mac.start('sha256', bytesToBinary(key));
  mac.update(bytesToBinary(data));
  return binaryToBytes(mac.digest().getBytes());
}

/** HKDF-Extract(salt, IKM) = HMAC-Hash(salt, IKM) (RFC 5869 §2.2). */
export function hkdfExtract(salt: Uint8Array, ikm: Uint8Array): Uint8Array {
  return hmacSha256(salt, ikm);
}

/** HKDF-Expand(PRK, info, L) (RFC 5869 §2.3). */
export function hkdfExpand(prk: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  const blocks: Uint8Array[] = [];
  let previous: Uint8Array = new Uint8Array(0);
  for (let i = 1, total = 0; total < length; i++) {
    previous = hmacSha256(prk, concatBytes(previous, info, u8(i)));
    blocks.push(previous);
    total += previous.length;
  }
  return concatBytes(...blocks).subarray(0, length);
}

/** The HkdfLabel structure of §7.1: uint16 length, opaque label<7..255> = "tls13 " + Label, opaque context<0..255>. */
export function hkdfLabel(label: string, context: Uint8Array, length: number): Uint8Array {
  return concatBytes(u16(length), vector(1, asciiBytes(`tls13 ${label}`)), vector(1, context));
}

/** HKDF-Expand-Label(Secret, Label, Context, Length) (§7.1). */
export function hkdfExpandLabel(secret: Uint8Array, label: string, context: Uint8Array, length: number): Uint8Array {
  return hkdfExpand(secret, hkdfLabel(label, context, length), length);
}

/** Derive-Secret(Secret, Label, Messages) with Transcript-Hash(Messages) already computed (§7.1). */
export function deriveSecret(secret: Uint8Array, label: string, transcriptHash: Uint8Array): Uint8Array {
  return hkdfExpandLabel(secret, label, transcriptHash, HASH_LENGTH);
}

const ZEROS = new Uint8Array(HASH_LENGTH);
const EMPTY_HASH = sha256(new Uint8Array(0));

/** Early Secret = HKDF-Extract(0, PSK = 0) when no PSK is in use (§7.1). */
export function earlySecret(): Uint8Array {
  return hkdfExtract(ZEROS, ZEROS);
}

/** Derive-Secret(., "derived", "") - the salt for the next Extract in the §7.1 diagram. */
export function derivedSalt(secret: Uint8Array): Uint8Array {
  return deriveSecret(secret, 'derived', EMPTY_HASH);
}

export interface HandshakeSecrets {
  readonly handshakeSecret: Uint8Array;
  /** client_handshake_traffic_secret = Derive-Secret(HS, "c hs traffic", ClientHello...ServerHello). */
  readonly clientHandshakeTrafficSecret: Uint8Array;
  readonly serverHandshakeTrafficSecret: Uint8Array;
}

/** Handshake Secret = HKDF-Extract(Derive-Secret(ES, "derived", ""), (EC)DHE), and its two traffic secrets. */
export function handshakeSecrets(sharedSecret: Uint8Array, helloHash: Uint8Array): HandshakeSecrets {
  const handshakeSecret = hkdfExtract(derivedSalt(earlySecret()), sharedSecret);
  return {
    handshakeSecret,
    clientHandshakeTrafficSecret: deriveSecret(handshakeSecret, 'c hs traffic', helloHash),
    serverHandshakeTrafficSecret: deriveSecret(handshakeSecret, 's hs traffic', helloHash),
  };
}

export interface ApplicationSecrets {
  readonly masterSecret: Uint8Array;
  /** client_application_traffic_secret_0 = Derive-Secret(MS, "c ap traffic", ClientHello...server Finished). */
  readonly clientApplicationTrafficSecret: Uint8Array;
  readonly serverApplicationTrafficSecret: Uint8Array;
}

/** Master Secret = HKDF-Extract(Derive-Secret(HS, "derived", ""), 0), and traffic_secret_0 for each side. */
export function applicationSecrets(handshakeSecret: Uint8Array, serverFinishedHash: Uint8Array): ApplicationSecrets {
  const masterSecret = hkdfExtract(derivedSalt(handshakeSecret), ZEROS);
  return {
    masterSecret,
    clientApplicationTrafficSecret: deriveSecret(masterSecret, 'c ap traffic', serverFinishedHash),
    serverApplicationTrafficSecret: deriveSecret(masterSecret, 's ap traffic', serverFinishedHash),
  };
}

/** application_traffic_secret_N+1 = HKDF-Expand-Label(application_traffic_secret_N, "traffic upd", "", Hash.length) (§7.2). */
export function nextTrafficSecret(secret: Uint8Array): Uint8Array {
  return hkdfExpandLabel(secret, 'traffic upd', new Uint8Array(0), HASH_LENGTH);
}

export interface TrafficKeys {
  readonly key: Uint8Array;
  readonly iv: Uint8Array;
}

/** [sender]_write_key = HKDF-Expand-Label(Secret, "key", "", key_length); [sender]_write_iv likewise with "iv" (§7.3). */
export function trafficKeys(secret: Uint8Array): TrafficKeys {
  return {
    key: hkdfExpandLabel(secret, 'key', new Uint8Array(0), KEY_LENGTH),
    iv: hkdfExpandLabel(secret, 'iv', new Uint8Array(0), IV_LENGTH),
  };
}

/** finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length) (§4.4.4). */
export function finishedKey(baseKey: Uint8Array): Uint8Array {
  return hkdfExpandLabel(baseKey, 'finished', new Uint8Array(0), HASH_LENGTH);
}

/** verify_data = HMAC(finished_key, Transcript-Hash(Handshake Context, Certificate*, CertificateVerify*)) (§4.4.4). */
export function finishedVerifyData(baseKey: Uint8Array, transcriptHash: Uint8Array): Uint8Array {
  return hmacSha256(finishedKey(baseKey), transcriptHash);
}

/**
 * The running Transcript-Hash (§4.4.1): the handshake messages, headers included, in the order sent or received.
 * forge's `digest()` pads a copy, so the running state can go on after each look.
 */
export class Transcript {
  private readonly md = forge.md.sha256.create();

  add(message: Uint8Array): void {
    this.md.update(bytesToBinary(message));
  }

  hash(): Uint8Array {
    return binaryToBytes(this.md.digest().getBytes());
  }
}

/** Compares MACs without an early exit. */
export function macEquals(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
