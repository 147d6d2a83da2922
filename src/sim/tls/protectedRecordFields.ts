/**
 * What a keyless inspector can label in a protected record: the header, and the parts of the body whose place
 * the record layer fixes (RFC 4346 §6.2.3.2 CBC, RFC 5288 §3 TLS 1.2 GCM, RFC 8446 §5.2 TLS 1.3). Everything else
 * is ciphertext. Which layout applies depends on the version and suite the hellos negotiated.
 */
import { toHex } from '../core/bytes';
import type { ByteField } from './handshakeFields';

/** How this record's body is protected, as far as the parser can tell from the handshake it saw. */
export type Protection = 'none' | 'cbc' | 'aead12' | 'tls13' | 'unknown';

/** Handshake facts one direction's parser shares with the other (the c2s side learns the suite from the ServerHello). */
export interface SessionHints {
  /** The ClientHello's supported_versions offered TLS 1.3 (0x0304). */
  offered13?: boolean;
  /** The ServerHello's negotiated version (supported_versions if present, else the legacy field). */
  negotiatedVersionCode?: number;
  suiteCode?: number;
}

/** AEAD suites of TLS 1.2 whose records carry an 8-byte explicit nonce (RFC 5288 §3, RFC 5289). */
const GCM_12 = new Set([0x009c, 0x009d, 0xc02b, 0xc02c, 0xc02f, 0xc030]);

/** Chooses the layout of a protected record of header version `versionCode`. */
export function protectionOf(hints: SessionHints, versionCode: number, tls13: boolean): Protection {
  if (tls13) return 'tls13';
  if (hints.suiteCode !== undefined && GCM_12.has(hints.suiteCode)) return 'aead12';
  if (versionCode <= 0x0302) return 'cbc';
  // TLS 1.2 with a suite we did not see or do not know: only the header is certain.
  return hints.suiteCode === undefined || hints.suiteCode === 0x002f || hints.suiteCode === 0x0035 ? 'cbc' : 'unknown';
}

/** Labels the body of a protected record that starts at stream offset `body`. */
export function protectedFields(fragment: Uint8Array, body: number, protection: Protection, versionCode: number): ByteField[] {
  const fields: ByteField[] = [];
  const end = body + fragment.length;
  let at = body;
  const tag = (): void => {
    if (end - at >= 16) fields.push({ label: 'Authentication tag', value: toHex(fragment.subarray(fragment.length - 16)), offset: end - 16, length: 16, explanation: 'AES-GCM tag: any changed bit makes the receiver reject the record (bad_record_mac)' });
  };
  if (protection === 'tls13') {
    const ct = Math.max(0, fragment.length - 16);
    if (ct > 0) fields.push({ label: 'Encrypted record', value: `${ct} bytes`, offset: at, length: ct, explanation: 'AES-GCM of the content + its real content type + padding: TLS 1.3 hides even what kind of record this is (RFC 8446 §5.2)' });
    at += ct;
    tag();
    return fields;
  }
  if (protection === 'aead12') {
    if (fragment.length >= 8) {
      fields.push({ label: 'Explicit nonce', value: toHex(fragment.subarray(0, 8)), offset: body, length: 8, explanation: 'Sent in clear: with the 4-byte salt from the key block it forms the GCM nonce (RFC 5288 §3)' });
      at += 8;
    }
    const ct = Math.max(0, end - at - 16);
    if (ct > 0) fields.push({ label: 'Encrypted data', value: `${ct} bytes`, offset: at, length: ct, explanation: 'AES-128-GCM ciphertext: unreadable without the session keys' });
    at += ct;
    tag();
    return fields;
  }
  if (protection === 'cbc' && versionCode >= 0x0302 && fragment.length >= 16) {
    fields.push({ label: 'Explicit IV', value: toHex(fragment.subarray(0, 16)), offset: body, length: 16, explanation: 'TLS 1.1 sends a fresh CBC IV in clear with each record (RFC 4346 §6.2.3.2)' });
    at += 16;
  }
  const explanation = protection === 'cbc' ? 'AES-CBC of content + HMAC-SHA1 + padding: unreadable without the session keys' : 'Protected with the negotiated cipher suite: unreadable without the session keys';
  if (end > at) fields.push({ label: 'Encrypted data', value: `${end - at} bytes`, offset: at, length: end - at, explanation });
  return fields;
}
