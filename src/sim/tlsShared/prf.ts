/**
 * TLS 1.2 key derivation for TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (RFC 5246 §5, §6.3, §8.1, §7.4.9; RFC 5289:
 * the PRF of a GCM_SHA256 suite is P_SHA256). HMAC-SHA256 is forge's, through the TLS 1.3 key schedule module.
 */
import { asciiBytes, concatBytes } from '../core/bytes';
import { hmacSha256 } from './keySchedule';

/** P_SHA256(secret, seed) = HMAC(secret, A(1) + seed) + HMAC(secret, A(2) + seed) + ..., A(i) = HMAC(secret, A(i-1)) (§5). */
export function pSha256(secret: Uint8Array, seed: Uint8Array, length: number): Uint8Array {
  const out: Uint8Array[] = [];
  let a = seed;
  for (let total = 0; total < length; ) {
    a = hmacSha256(secret, a);
    const block = hmacSha256(secret, concatBytes(a, seed));
    out.push(block);
    total += block.length;
  }
  return concatBytes(...out).subarray(0, length);
}

/** PRF(secret, label, seed) = P_SHA256(secret, label + seed) (§5). */
export function prf(secret: Uint8Array, label: string, seed: Uint8Array, length: number): Uint8Array {
  return pSha256(secret, concatBytes(asciiBytes(label), seed), length);
}

/** master_secret = PRF(pre_master_secret, "master secret", ClientHello.random + ServerHello.random)[0..47] (§8.1). */
export function masterSecret12(preMasterSecret: Uint8Array, clientRandom: Uint8Array, serverRandom: Uint8Array): Uint8Array {
  return prf(preMasterSecret, 'master secret', concatBytes(clientRandom, serverRandom), 48);
}

export interface KeyBlock {
  readonly clientWriteKey: Uint8Array;
  readonly serverWriteKey: Uint8Array;
  /** The 4-byte implicit part of the GCM nonce, "salt" (RFC 5288 §3). */
  readonly clientWriteIv: Uint8Array;
  readonly serverWriteIv: Uint8Array;
}

/**
 * key_block = PRF(master_secret, "key expansion", server_random + client_random), cut into client/server write
 * keys (16 bytes each for AES-128) and write IVs (4 bytes each); an AEAD suite has no MAC keys (§6.3, RFC 5288 §3).
 */
export function keyBlock(master: Uint8Array, clientRandom: Uint8Array, serverRandom: Uint8Array): KeyBlock {
  const block = prf(master, 'key expansion', concatBytes(serverRandom, clientRandom), 40);
  return {
    clientWriteKey: block.slice(0, 16),
    serverWriteKey: block.slice(16, 32),
    clientWriteIv: block.slice(32, 36),
    serverWriteIv: block.slice(36, 40),
  };
}

/** verify_data = PRF(master_secret, finished_label, Hash(handshake_messages))[0..11] (§7.4.9). */
export function verifyData12(master: Uint8Array, sender: 'client' | 'server', handshakeHash: Uint8Array): Uint8Array {
  return prf(master, `${sender} finished`, handshakeHash, 12);
}
