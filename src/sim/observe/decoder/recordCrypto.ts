/**
 * The cryptography an observer needs to read TLS 1.0/1.1 records it did not send: the TLS 1.x PRF, the master
 * secret and key block derivation, RSA decryption of the pre-master secret, and GenericBlockCipher decryption
 * with the HMAC-SHA1 check. It works on Uint8Array; forge's binary strings never leave this file.
 */
import forge, { binaryToBytes as fromBinary, bytesToBinary as toBinary } from '../../tls/forge';
import type Forge from 'node-forge';
import { privateKeyFromPem } from '../../tls/pkiCache';
import type { ViewReason } from '../../core/views';

/** Lengths that a block cipher suite with HMAC-SHA1 needs (RFC 4346 §6.3, Appendix A.5 and C). */
export interface CipherSuiteParams {
  name: string;
  encKeyLength: number;
  macKeyLength: number;
  macLength: number;
  blockLength: number;
}

/** The suites node-forge implements; any other suite cannot be decrypted by this observer. */
export function cipherSuiteParams(code: number): CipherSuiteParams | null {
  if (code === 0x002f) return { name: 'TLS_RSA_WITH_AES_128_CBC_SHA', encKeyLength: 16, macKeyLength: 20, macLength: 20, blockLength: 16 };
  if (code === 0x0035) return { name: 'TLS_RSA_WITH_AES_256_CBC_SHA', encKeyLength: 32, macKeyLength: 20, macLength: 20, blockLength: 16 };
  return null;
}

/** PRF(secret, label, seed) of TLS 1.0/1.1: P_MD5 XOR P_SHA1 over the split secret (RFC 4346 §5). */
export function prfTls1(secret: Uint8Array, label: string, seed: Uint8Array, length: number): Uint8Array {
  return fromBinary(forge.tls.prf_tls1(toBinary(secret), label, toBinary(seed), length).getBytes());
}

/** master_secret = PRF(pre_master_secret, "master secret", ClientHello.random + ServerHello.random)[0..47] (RFC 4346 §8.1). */
export function deriveMasterSecret(preMaster: Uint8Array, clientRandom: Uint8Array, serverRandom: Uint8Array): Uint8Array {
  const seed = new Uint8Array(64);
  seed.set(clientRandom, 0);
  seed.set(serverRandom, 32);
  return prfTls1(preMaster, 'master secret', seed, 48);
}

/** The keys one sending direction uses. `iv` is only present in TLS 1.0, whose IV comes from the key block. */
export interface DirectionKeys { macKey: Uint8Array; encKey: Uint8Array; iv?: Uint8Array }

/** Both directions' keys of one session. */
export interface SessionKeys { client: DirectionKeys; server: DirectionKeys }

/**
 * key_block = PRF(master_secret, "key expansion", server_random + client_random), cut into client MAC key,
 * server MAC key, client key, server key (RFC 4346 §6.3). TLS 1.0 adds two IVs (RFC 2246 §6.3); TLS 1.1
 * dropped them because every record carries an explicit IV.
 */
export function deriveKeys(master: Uint8Array, clientRandom: Uint8Array, serverRandom: Uint8Array, suite: CipherSuiteParams, tls10: boolean): SessionKeys {
  const seed = new Uint8Array(64);
  seed.set(serverRandom, 0);
  seed.set(clientRandom, 32);
  const ivLen = tls10 ? suite.blockLength : 0;
  const block = prfTls1(master, 'key expansion', seed, 2 * suite.macKeyLength + 2 * suite.encKeyLength + 2 * ivLen);
  let at = 0;
  const take = (n: number): Uint8Array => block.slice(at, (at += n));
  const clientMac = take(suite.macKeyLength);
  const serverMac = take(suite.macKeyLength);
  const clientKey = take(suite.encKeyLength);
  const serverKey = take(suite.encKeyLength);
  const client: DirectionKeys = { macKey: clientMac, encKey: clientKey };
  const server: DirectionKeys = { macKey: serverMac, encKey: serverKey };
  if (tls10) {
    client.iv = take(ivLen);
    server.iv = take(ivLen);
  }
  return { client, server };
}

/** A parsed RSA private key and its modulus (hex), to match it against a certificate like Wireshark does. */
export interface RsaKey { modulusHex: string; key: Forge.pki.rsa.PrivateKey }

/** Parses an RSA private key PEM; null if it is not one (never throws). */
export function parseRsaPrivateKey(pem: string): RsaKey | null {
  let parsed = rsaKeys.get(pem);
  if (parsed === undefined) {
    try {
      const key = privateKeyFromPem(pem);
      parsed = { key, modulusHex: key.n.toString(16) };
    } catch {
      parsed = null;
    }
    rsaKeys.set(pem, parsed);
  }
  return parsed;
}

/** Scenarios reuse a few keys; the modulus hex is worth keeping too. */
const rsaKeys = new Map<string, RsaKey | null>();

/** Outcome of an attempt that can fail for a reason a learner should read (content words it). */
export type Attempt<T, R = ViewReason> = { ok: true; value: T } | { ok: false; reason: R };

/**
 * RSA-decrypts EncryptedPreMasterSecret with PKCS#1 v1.5 and checks its shape: 48 bytes whose first two are
 * the client_version offered in the ClientHello (RFC 4346 §7.4.7.1).
 */
export function decryptPreMaster(key: RsaKey, encrypted: Uint8Array, clientVersion: readonly [number, number] | null): Attempt<Uint8Array> {
  let pms: Uint8Array;
  try {
    pms = fromBinary(key.key.decrypt(toBinary(encrypted), 'RSAES-PKCS1-V1_5'));
  } catch {
    return { ok: false, reason: { code: 'pre-master-secret-rejected', problem: 'padding' } };
  }
  if (pms.length !== 48) return { ok: false, reason: { code: 'pre-master-secret-rejected', problem: 'length', length: pms.length } };
  if (clientVersion && (pms[0] !== clientVersion[0] || pms[1] !== clientVersion[1])) {
    return { ok: false, reason: { code: 'pre-master-secret-rejected', problem: 'version' } };
  }
  return { ok: true, value: pms };
}

/** HMAC-SHA1(mac_key, seq_num || type || version || length || content) (RFC 4346 §6.2.3.1). */
export function recordMac(macKey: Uint8Array, seq: number, type: number, version: readonly [number, number], content: Uint8Array): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, Math.floor(seq / 0x100000000));
  view.setUint32(4, seq >>> 0);
  header[8] = type;
  header[9] = version[0];
  header[10] = version[1];
  view.setUint16(11, content.length);
  const hmac = forge.hmac.create();
  hmac.start('sha1', toBinary(macKey));
  hmac.update(toBinary(header) + toBinary(content));
  return fromBinary(hmac.digest().getBytes());
}

/** Input for {@link decryptRecord}: one TLSCiphertext fragment and the state of its direction. */
export interface DecryptInput {
  keys: DirectionKeys;
  suite: CipherSuiteParams;
  seq: number;
  type: number;
  version: readonly [number, number];
  fragment: Uint8Array;
  /** TLS 1.0 only: the IV to use (key-block IV, then the last ciphertext block of the previous record). */
  chainedIv?: Uint8Array;
}

/** A decrypted record: its content, and (TLS 1.0) the IV for the next record in this direction. */
export interface DecryptedRecord { content: Uint8Array; nextIv: Uint8Array }

/**
 * Decrypts a GenericBlockCipher (RFC 4346 §6.2.3.2): [explicit IV (TLS 1.1)] + CBC(content || MAC || padding ||
 * padding_length), then checks padding and MAC. Padding and MAC failures give one reason, as in TLS itself,
 * which answers both with bad_record_mac so as not to be a padding oracle.
 */
export function decryptRecord(input: DecryptInput): Attempt<DecryptedRecord> {
  const { suite, fragment } = input;
  const bl = suite.blockLength;
  const explicitIv = input.chainedIv === undefined;
  const ivLen = explicitIv ? bl : 0;
  const body = fragment.subarray(ivLen);
  const minBody = Math.ceil((suite.macLength + 1) / bl) * bl;
  if (fragment.length < ivLen || body.length < minBody || body.length % bl !== 0) {
    return { ok: false, reason: { code: 'malformed-record', problem: 'cbc-length', length: fragment.length, blockSize: bl, explicitIv } };
  }
  const iv = explicitIv ? fragment.subarray(0, bl) : (input.chainedIv as Uint8Array);
  const decipher = forge.cipher.createDecipher('AES-CBC', toBinary(input.keys.encKey));
  decipher.start({ iv: toBinary(iv) });
  decipher.update(forge.util.createBuffer(toBinary(body)));
  // Passing a pad function replaces forge's PKCS#7 unpadding: TLS padding is checked below (RFC 4346 §6.2.3.2).
  (decipher.finish as (pad: () => boolean) => boolean)(() => true);
  const plain = fromBinary(decipher.output.getBytes());
  const nextIv = body.slice(body.length - bl);
  const padLen = plain[plain.length - 1] ?? 0;
  const contentLen = plain.length - 1 - padLen - suite.macLength;
  let padOk = contentLen >= 0;
  for (let i = plain.length - 1 - padLen; padOk && i < plain.length - 1; i++) padOk = plain[i] === padLen;
  if (!padOk) return { ok: false, reason: { code: 'mac-check-failed', check: 'cbc-padding' } };
  const content = plain.slice(0, contentLen);
  const mac = plain.subarray(contentLen, contentLen + suite.macLength);
  const expected = recordMac(input.keys.macKey, input.seq, input.type, input.version, content);
  let same = mac.length === expected.length;
  for (let i = 0; same && i < mac.length; i++) same = mac[i] === expected[i];
  if (!same) return { ok: false, reason: { code: 'mac-check-failed', check: 'hmac' } };
  return { ok: true, value: { content, nextIv } };
}
