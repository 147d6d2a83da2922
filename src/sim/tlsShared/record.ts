/**
 * The TLS 1.3 record layer (RFC 8446 §5): framing of TLSPlaintext / TLSCiphertext records, TLSInnerPlaintext,
 * and AEAD protection with AES-128-GCM (forge's pure-JS implementation, so it runs in the browser worker).
 */
import forge, { binaryToBytes, bytesToBinary } from '../tls/forge';
import { concatBytes } from '../core/bytes';
import { AlertCode, type Parsed } from './alerts';
import { trafficKeys } from './keySchedule';
import { u16, u8 } from './wire';

/** ContentType (§5.1). */
export const ContentType = { change_cipher_spec: 20, alert: 21, handshake: 22, application_data: 23 } as const;

/** 2^14: the most plaintext one record may carry (§5.1). */
export const MAX_PLAINTEXT = 16384;
/** 2^14 + 256: the most ciphertext one record may carry (§5.2). */
export const MAX_CIPHERTEXT = MAX_PLAINTEXT + 256;
const TAG_LENGTH = 16;
const HEADER_LENGTH = 5;

export interface RawRecord {
  readonly type: number;
  readonly version: number;
  /** The 5-byte header as received: it is the AEAD additional data of a protected record (§5.2). */
  readonly header: Uint8Array;
  readonly fragment: Uint8Array;
}

function header(type: number, length: number, version: number): Uint8Array {
  return concatBytes(u8(type), u16(version), u16(length));
}

/** A TLSPlaintext record (§5.1). The first ClientHello may say legacy_record_version 0x0301; all else says 0x0303. */
export function plaintextRecord(type: number, fragment: Uint8Array, version = 0x0303): Uint8Array {
  return concatBytes(header(type, fragment.length, version), fragment);
}

const KNOWN_TYPES = new Set<number>(Object.values(ContentType));

/**
 * Takes whole records off the front of `buffer`. Returns the records, what is left (a partial record), or an
 * alert when a header announces more than a record may carry (record_overflow, §5.1 / §5.2; TLS 1.2 allows
 * 2^14 + 2048, RFC 5246 §6.2.3) or a content type no TLS version defines (unexpected_message, §5). The type is
 * judged as soon as its byte arrives: plain HTTP sent to a TLS port ("GET / HTTP/1.1") would otherwise read as a
 * header announcing 8 KB and leave this end waiting for bytes that never come.
 */
export function takeRecords(buffer: Uint8Array, maxFragment = MAX_CIPHERTEXT): Parsed<{ records: RawRecord[]; rest: Uint8Array }> {
  const records: RawRecord[] = [];
  let at = 0;
  while (buffer.length - at >= 1) {
    const type = buffer[at]!;
    if (!KNOWN_TYPES.has(type)) {
      const shown = type >= 0x20 && type < 0x7f ? ` ("${String.fromCharCode(type)}": plain text, not TLS)` : '';
      return { ok: false, code: AlertCode.unexpected_message, message: `a record of unknown content type ${type}${shown}` };
    }
    if (buffer.length - at < HEADER_LENGTH) break;
    const version = buffer[at + 1]! * 256 + buffer[at + 2]!;
    const length = buffer[at + 3]! * 256 + buffer[at + 4]!;
    if (length > maxFragment) {
      return { ok: false, code: AlertCode.record_overflow, message: `a record announced ${length} bytes (at most ${maxFragment})` };
    }
    if (buffer.length - at < HEADER_LENGTH + length) break;
    records.push({
      type,
      version,
      header: buffer.slice(at, at + HEADER_LENGTH),
      fragment: buffer.slice(at + HEADER_LENGTH, at + HEADER_LENGTH + length),
    });
    at += HEADER_LENGTH + length;
  }
  return { ok: true, value: { records, rest: buffer.slice(at) } };
}

/**
 * One direction of AEAD record protection under one traffic secret: key, IV, and the 64-bit sequence number
 * that starts at 0 for each new key (§5.3).
 */
export class RecordProtection {
  private readonly key: string;
  private readonly iv: Uint8Array;
  private seq = 0;

  constructor(trafficSecret: Uint8Array) {
    const keys = trafficKeys(trafficSecret);
    this.key = bytesToBinary(keys.key);
    this.iv = keys.iv;
  }

  /** Per-record nonce: the sequence number, left-padded to iv_length, XORed with the static IV (§5.3). */
  private nonce(): string {
    const nonce = this.iv.slice();
    for (let i = nonce.length - 1, s = this.seq; i >= nonce.length - 8; i--, s = Math.floor(s / 256)) nonce[i]! ^= s & 0xff;
    this.seq++;
    return bytesToBinary(nonce);
  }

  /**
   * Seals TLSInnerPlaintext { content, type, zeros[0] } into a TLSCiphertext whose outer type is
   * application_data and whose additional data is its own header (§5.2).
   */
  seal(type: number, content: Uint8Array): Uint8Array {
    const inner = concatBytes(content, u8(type));
    const head = header(ContentType.application_data, inner.length + TAG_LENGTH, 0x0303);
    const cipher = forge.cipher.createCipher('AES-GCM', this.key);
    cipher.start({ iv: this.nonce(), additionalData: bytesToBinary(head), tagLength: TAG_LENGTH * 8 });
    cipher.update(forge.util.createBuffer(bytesToBinary(inner)));
    cipher.finish();
    return concatBytes(head, binaryToBytes(cipher.output.getBytes()), binaryToBytes(cipher.mode.tag.getBytes()));
  }

  /**
   * Opens a TLSCiphertext. A failed tag check is bad_record_mac (§5.2); the real content type is the last
   * non-zero byte of the inner plaintext, and all-zero padding with no type is unexpected_message (§5.4).
   */
  open(record: RawRecord): Parsed<{ type: number; content: Uint8Array }> {
    if (record.fragment.length < TAG_LENGTH + 1) {
      this.seq++;
      return { ok: false, code: AlertCode.bad_record_mac, message: 'a protected record is too short to hold a tag' };
    }
    const body = record.fragment.subarray(0, record.fragment.length - TAG_LENGTH);
    const tag = record.fragment.subarray(record.fragment.length - TAG_LENGTH);
    const decipher = forge.cipher.createDecipher('AES-GCM', this.key);
    decipher.start({
      iv: this.nonce(),
      additionalData: bytesToBinary(record.header),
      tagLength: TAG_LENGTH * 8,
      tag: forge.util.createBuffer(bytesToBinary(tag)),
    });
    decipher.update(forge.util.createBuffer(bytesToBinary(body)));
    if (!decipher.finish()) {
      return { ok: false, code: AlertCode.bad_record_mac, message: 'a record failed its AES-GCM authentication tag check (tampered, or the wrong key)' };
    }
    const inner = binaryToBytes(decipher.output.getBytes());
    let end = inner.length;
    while (end > 0 && inner[end - 1] === 0) end--;
    if (end === 0) return { ok: false, code: AlertCode.unexpected_message, message: 'a protected record holds no content type' };
    if (end - 1 > MAX_PLAINTEXT) return { ok: false, code: AlertCode.record_overflow, message: 'a protected record holds more than 2^14 bytes' };
    return { ok: true, value: { type: inner[end - 1]!, content: inner.subarray(0, end - 1) } };
  }
}

/** Cuts content into pieces of at most 2^14 bytes (§5.1); zero-length content still gives one piece. */
export function fragments(content: Uint8Array): Uint8Array[] {
  if (content.length === 0) return [content];
  const out: Uint8Array[] = [];
  for (let at = 0; at < content.length; at += MAX_PLAINTEXT) out.push(content.subarray(at, at + MAX_PLAINTEXT));
  return out;
}
