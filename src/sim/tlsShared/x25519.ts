/**
 * X25519 (RFC 7748) for the key_share (RFC 8446 §4.2.8.2). node-forge has no X25519 (its ed25519 module signs
 * only), and the engine cannot use WebCrypto or Node's crypto here (synchronous, seeded runs in a worker and in
 * Node alike), so this one primitive comes from @noble/curves: audited, pure TypeScript, no dependencies beyond
 * @noble/hashes. The private key is drawn from forge.random, so a run stays a function of its seed.
 *
 * The curve is built from noble's Montgomery ladder alone, not imported as `x25519` from `@noble/curves/ed25519.js`:
 * that entry computes public keys on the Edwards curve, which brings ed25519, its base-point tables and SHA-512
 * into the engine worker (about 7 KB gzip) to save under a millisecond per handshake. The ladder is RFC 7748 §5 itself;
 * the handshakes with OpenSSL in test/sim/tls1{2,3}Interop.test.ts agree on every shared secret.
 */
import { montgomery } from '@noble/curves/abstract/montgomery.js';
import { pow } from '@noble/curves/abstract/modular.js';
import { alertError } from './alerts';
import { randomBytes } from './role';

/** p = 2^255 - 19 (RFC 7748 §4.1). */
const P = (1n << 255n) - 19n;

const x25519 = montgomery({
  P,
  type: 'x25519',
  // The ladder's final division: x^(p-2) is 1/x in GF(p), and 0 for 0 (which the ladder then rejects).
  powPminus2: (x: bigint) => pow(x, P - 2n, P),
  // decodeScalar25519 (RFC 7748 §5): clear the three low bits and the top bit, set bit 254.
  adjustScalarBytes: (bytes: Uint8Array) => {
    bytes[0]! &= 248;
    bytes[31]! &= 127;
    bytes[31]! |= 64;
    return bytes;
  },
});

export interface X25519KeyPair {
  readonly privateKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

export function generateX25519KeyPair(): X25519KeyPair {
  const privateKey = randomBytes(32);
  return { privateKey, publicKey: x25519.getPublicKey(privateKey) };
}

/**
 * The shared secret with the peer's public value. A value of the wrong length, or one of low order (which
 * would give the all-zero secret, RFC 7748 §6.1 / RFC 8446 §7.4.2), is illegal_parameter.
 */
export function x25519SharedSecret(privateKey: Uint8Array, peerPublicKey: Uint8Array): Uint8Array {
  if (peerPublicKey.length !== 32) throw alertError('illegal_parameter', `an x25519 key share must be 32 bytes, not ${peerPublicKey.length}`);
  try {
    return x25519.getSharedSecret(privateKey, peerPublicKey);
  } catch {
    throw alertError('illegal_parameter', 'the x25519 key share is a low-order point (it would give an all-zero secret)');
  }
}
