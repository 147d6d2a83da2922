/**
 * Opening the AES-128-GCM records of TLS 1.2 (RFC 5288 §3, RFC 5246 §6.2.3.3) and TLS 1.3 (RFC 8446 §5.2-5.4) as
 * a passive observer: stateless (the caller says which sequence number the sender used), with the key material
 * derived by the engines' own primitives (the TLS 1.2 PRF key block, the TLS 1.3 traffic keys) so the observer
 * and the endpoints cannot silently disagree. A record counts as read only when its GCM tag verifies.
 */
import forge, { binaryToBytes, bytesToBinary } from '../../tls/forge';
import { concatBytes } from '../../core/bytes';
import { keyBlock } from '../../tlsShared/prf';
import { trafficKeys } from '../../tlsShared/keySchedule';
import type { Attempt } from './recordCrypto';
import type { ViewReason } from '../../core/views';

const TAG = 16;

/** Both directions' GCM keys and 4-byte salts of one TLS 1.2 session. */
export interface Keys12 { client: { key: Uint8Array; salt: Uint8Array }; server: { key: Uint8Array; salt: Uint8Array } }

/** key_block = PRF_SHA256(master, "key expansion", server_random + client_random): keys 16+16, salts 4+4 (RFC 5246 §6.3). */
export function keys12(master: Uint8Array, clientRandom: Uint8Array, serverRandom: Uint8Array): Keys12 {
  const kb = keyBlock(master, clientRandom, serverRandom);
  return { client: { key: kb.clientWriteKey, salt: kb.clientWriteIv }, server: { key: kb.serverWriteKey, salt: kb.serverWriteIv } };
}

function seqBytes(seq: number): Uint8Array {
  const out = new Uint8Array(8);
  for (let i = 7, s = seq; i >= 0; i--, s = Math.floor(s / 256)) out[i] = s & 0xff;
  return out;
}

/** AES-GCM decryption with the tag check; the plaintext only if the tag verifies. */
function openGcm(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, body: Uint8Array, tag: Uint8Array): Uint8Array | null {
  if (key.length !== 16) return null; // a malformed key log: forge would throw on a bad AES key size
  const decipher = forge.cipher.createDecipher('AES-GCM', bytesToBinary(key));
  decipher.start({ iv: bytesToBinary(nonce), additionalData: bytesToBinary(aad), tagLength: TAG * 8, tag: forge.util.createBuffer(bytesToBinary(tag)) });
  decipher.update(forge.util.createBuffer(bytesToBinary(body)));
  return decipher.finish() ? binaryToBytes(decipher.output.getBytes()) : null;
}

const TAG_FAILED: ViewReason = { code: 'mac-check-failed', check: 'aead-tag' };

/** One protected record as it came off the wire. */
export interface WireRecord { type: number; versionCode: number; fragment: Uint8Array }

/** GenericAEADCipher: nonce = salt || explicit 8 bytes; AAD = seq || type || version || plaintext length (RFC 5246 §6.2.3.3). */
export function open12(keys: { key: Uint8Array; salt: Uint8Array }, seq: number, rec: WireRecord): Attempt<Uint8Array> {
  const length = rec.fragment.length - 8 - TAG;
  if (length < 0) return { ok: false, reason: { code: 'malformed-record', problem: 'short-gcm', length: rec.fragment.length } };
  const aad = concatBytes(seqBytes(seq), new Uint8Array([rec.type, rec.versionCode >> 8, rec.versionCode & 0xff, length >> 8, length & 0xff]));
  const plain = openGcm(keys.key, concatBytes(keys.salt, rec.fragment.subarray(0, 8)), aad, rec.fragment.subarray(8, 8 + length), rec.fragment.subarray(8 + length));
  return plain ? { ok: true, value: plain } : { ok: false, reason: TAG_FAILED };
}

/** Traffic keys are derived per secret, and each observer reads every record of a connection: keep them. */
const keyCache = new Map<string, { key: Uint8Array; iv: Uint8Array }>();

function cachedTrafficKeys(secret: Uint8Array): { key: Uint8Array; iv: Uint8Array } {
  const id = bytesToBinary(secret);
  let keys = keyCache.get(id);
  if (!keys) {
    keys = trafficKeys(secret);
    if (keyCache.size > 512) keyCache.clear();
    keyCache.set(id, keys);
  }
  return keys;
}

/**
 * TLSCiphertext under `secret`: nonce = iv XOR seq, AAD = the record header; then the real content type is the
 * last non-zero byte of TLSInnerPlaintext, after the zero padding (RFC 8446 §5.2-5.4).
 */
export function open13(secret: Uint8Array, seq: number, rec: WireRecord): Attempt<{ type: number; content: Uint8Array }> {
  if (rec.fragment.length < TAG + 1) return { ok: false, reason: { code: 'malformed-record', problem: 'short-tls13', length: rec.fragment.length } };
  if (secret.length === 0) return { ok: false, reason: { code: 'secret-never-derived' } };
  const { key, iv } = cachedTrafficKeys(secret);
  const nonce = iv.slice();
  for (let i = nonce.length - 1, s = seq; i >= nonce.length - 8; i--, s = Math.floor(s / 256)) nonce[i]! ^= s & 0xff;
  const n = rec.fragment.length;
  const aad = new Uint8Array([rec.type, rec.versionCode >> 8, rec.versionCode & 0xff, n >> 8, n & 0xff]);
  const inner = openGcm(key, nonce, aad, rec.fragment.subarray(0, n - TAG), rec.fragment.subarray(n - TAG));
  if (!inner) return { ok: false, reason: TAG_FAILED };
  let end = inner.length;
  while (end > 0 && inner[end - 1] === 0) end--;
  if (end === 0) return { ok: false, reason: { code: 'malformed-record', problem: 'all-padding', length: rec.fragment.length } };
  return { ok: true, value: { type: inner[end - 1]!, content: inner.slice(0, end - 1) } };
}
