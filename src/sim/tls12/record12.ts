/**
 * TLS 1.2 record protection with AES-128-GCM (RFC 5246 §6.2.3.3, RFC 5288 §3): nonce = 4-byte salt from the key
 * block + 8-byte explicit nonce carried in the record (here the sequence number, as OpenSSL does); additional
 * data = seq_num + type + version + plaintext length. forge's AES-GCM, like the TLS 1.3 record layer.
 */
import forge, { binaryToBytes, bytesToBinary } from '../tls/forge';
import { concatBytes } from '../core/bytes';
import { AlertCode, type Parsed } from '../tlsShared/alerts';
import type { RawRecord } from '../tlsShared/record';
import { u16, u8 } from '../tlsShared/wire';

const EXPLICIT_NONCE = 8;
const TAG_LENGTH = 16;
/** TLSCiphertext.length may be at most 2^14 + 2048 (RFC 5246 §6.2.3). */
export const MAX_CIPHERTEXT_12 = 16384 + 2048;

function seqBytes(seq: number): Uint8Array {
  const out = new Uint8Array(8);
  for (let i = 7, s = seq; i >= 0; i--, s = Math.floor(s / 256)) out[i] = s & 0xff;
  return out;
}

export class Protection12 {
  private readonly key: string;
  private seq = 0;

  constructor(key: Uint8Array, private readonly salt: Uint8Array) {
    this.key = bytesToBinary(key);
  }

  /** GenericAEADCipher { nonce_explicit; aead-ciphered content } (§6.2.3.3). */
  seal(type: number, content: Uint8Array): Uint8Array {
    const explicit = seqBytes(this.seq);
    const aad = concatBytes(seqBytes(this.seq), u8(type), u16(0x0303), u16(content.length));
    this.seq++;
    const cipher = forge.cipher.createCipher('AES-GCM', this.key);
    cipher.start({ iv: bytesToBinary(concatBytes(this.salt, explicit)), additionalData: bytesToBinary(aad), tagLength: TAG_LENGTH * 8 });
    cipher.update(forge.util.createBuffer(bytesToBinary(content)));
    cipher.finish();
    const body = concatBytes(explicit, binaryToBytes(cipher.output.getBytes()), binaryToBytes(cipher.mode.tag.getBytes()));
    return concatBytes(u8(type), u16(0x0303), u16(body.length), body);
  }

  /** A failed tag check (or a record too short to hold nonce and tag) is bad_record_mac (§7.2.2). */
  open(record: RawRecord): Parsed<Uint8Array> {
    const seq = seqBytes(this.seq);
    this.seq++;
    const length = record.fragment.length - EXPLICIT_NONCE - TAG_LENGTH;
    if (length < 0) return { ok: false, code: AlertCode.bad_record_mac, message: 'a protected record is too short to hold a nonce and a tag' };
    const explicit = record.fragment.subarray(0, EXPLICIT_NONCE);
    const body = record.fragment.subarray(EXPLICIT_NONCE, EXPLICIT_NONCE + length);
    const tag = record.fragment.subarray(EXPLICIT_NONCE + length);
    const aad = concatBytes(seq, u8(record.type), u16(record.version), u16(length));
    const decipher = forge.cipher.createDecipher('AES-GCM', this.key);
    decipher.start({
      iv: bytesToBinary(concatBytes(this.salt, explicit)),
      additionalData: bytesToBinary(aad),
      tagLength: TAG_LENGTH * 8,
      tag: forge.util.createBuffer(bytesToBinary(tag)),
    });
    decipher.update(forge.util.createBuffer(bytesToBinary(body)));
    if (!decipher.finish()) {
      return { ok: false, code: AlertCode.bad_record_mac, message: 'a record failed its AES-GCM authentication tag check (tampered, or the wrong key)' };
    }
    return { ok: true, value: binaryToBytes(decipher.output.getBytes()) };
  }
}
