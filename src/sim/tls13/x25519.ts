/**
 * X25519 (RFC 7748) for the key_share (RFC 8446 §4.2.8.2). node-forge has no X25519 (its ed25519 module signs
 * only), and the engine cannot use WebCrypto or Node's crypto here (synchronous, seeded runs in a worker and in
 * Node alike), so this one primitive comes from @noble/curves: audited, pure TypeScript, no dependencies beyond
 * @noble/hashes. The private key is drawn from forge.random, so a run stays a function of its seed.
 */
import { x25519 } from '@noble/curves/ed25519.js';
import { alertError } from './alerts';
import { randomBytes } from './role';

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
