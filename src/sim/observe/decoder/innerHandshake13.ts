/**
 * Names the TLS 1.3 handshake messages an observer finds inside a record it decrypted (RFC 8446 §4.3-4.6):
 * EncryptedExtensions, Certificate, CertificateVerify, Finished, NewSessionTicket, KeyUpdate. Only an observer
 * holding the handshake traffic secret ever gets here: in TLS 1.3 the certificate travels encrypted.
 */
import { Reader } from '../../tlsShared/wire';
import { handshakeTypeName, summarizeCertificate } from '../../tls/handshakeFields';
import { extensionName, signatureSchemeName } from '../../tls/helloExtensions';

/** What the decrypted handshake bytes of one record hold. */
export interface InnerHandshake {
  /** One entry per message, e.g. "Certificate (shop.example.com)"; a cut-off message is named with "(continues)". */
  messages: string[];
  /** Handshake types of the complete messages, in order (20 = Finished, 24 = KeyUpdate). */
  types: number[];
  /** The common name of the leaf certificate of a complete Certificate message; null if none. */
  certificateSubject: string | null;
}

const camel = (name: string): string => name.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
const text = (b: Uint8Array): string => String.fromCharCode(...b);

/** The common name of a certificate subject ("CN=shop.example.com, O=Lab" gives shop.example.com). */
function commonNameOf(subject: string): string {
  return /(?:^|, )CN=([^,]+)/.exec(subject)?.[1] ?? subject;
}

/** The leaf certificate's common name of a TLS 1.3 Certificate body, or null if it is empty. */
function leafCommonName(body: Uint8Array): string | null {
  const r = new Reader(body);
  r.vector(1);
  const list = new Reader(r.vector(3));
  const der = list.vector(3);
  return list.short || der.length === 0 ? null : commonNameOf(summarizeCertificate(der).subject);
}

/** A short description of one complete message body. */
function describe(type: number, body: Uint8Array): string {
  const r = new Reader(body);
  if (type === 8) {
    // EncryptedExtensions { Extension extensions<0..2^16-1> }; name the ALPN choice, the rest by type.
    const block = new Reader(r.vector(2));
    const parts: string[] = [];
    while (!block.atEnd && !block.short) {
      const ext = block.u16();
      const data = new Reader(block.vector(2));
      if (ext === 16) {
        const list = new Reader(data.vector(2));
        const name = list.vector(1);
        if (!list.short && name.length > 0) parts.push(`ALPN ${text(name)}`);
      } else if (!block.short) parts.push(extensionName(ext));
    }
    return parts.length ? ` (${parts.join(', ')})` : '';
  }
  if (type === 11) {
    // Certificate { context<0..255>; CertificateEntry { cert_data<1..2^24-1>; extensions<0..2^16-1> } list<0..2^24-1> }
    r.vector(1);
    const list = new Reader(r.vector(3));
    const der = list.vector(3);
    if (list.short || der.length === 0) return ' (empty)';
    return ` (${commonNameOf(summarizeCertificate(der).subject)})`;
  }
  if (type === 15) {
    const alg = r.u16();
    return r.short ? '' : ` (${signatureSchemeName(alg)})`;
  }
  if (type === 24) {
    const request = r.u8();
    return r.short ? '' : request === 1 ? ' (update requested)' : ' (update not requested)';
  }
  return '';
}

/** Splits decrypted handshake content into messages (4-byte headers, §4) and describes each. Never throws. */
export function describeInnerHandshake(content: Uint8Array): InnerHandshake {
  const out: InnerHandshake = { messages: [], types: [], certificateSubject: null };
  let at = 0;
  while (at < content.length) {
    const type = content[at]!;
    const name = camel(handshakeTypeName(type));
    if (content.length - at < 4) {
      out.messages.push(`${name} (continues in the next record)`);
      break;
    }
    const len = (content[at + 1]! << 16) | (content[at + 2]! << 8) | content[at + 3]!;
    if (content.length - at - 4 < len) {
      out.messages.push(`${name} (continues in the next record)`);
      break;
    }
    const body = content.subarray(at + 4, at + 4 + len);
    out.messages.push(`${name}${describe(type, body)}`);
    if (type === 11) out.certificateSubject ??= leafCommonName(body);
    out.types.push(type);
    at += 4 + len;
  }
  return out;
}
