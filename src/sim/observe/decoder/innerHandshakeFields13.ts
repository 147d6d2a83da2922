/**
 * Field-by-field reading of the TLS 1.3 handshake messages an observer finds inside a record it DECRYPTED
 * (RFC 8446 §4.3-4.6): EncryptedExtensions, CertificateRequest, Certificate, CertificateVerify, Finished,
 * NewSessionTicket and KeyUpdate; any other type is shown as type + length + body size. Only an end of the
 * session ever gets here: in TLS 1.3 everything after the ServerHello, the certificate included, is encrypted.
 * The bytes are decrypted, not on the wire, so fields carry no offsets. Malformed input never throws: the message
 * gets the fields read so far, an `error` and an "Error" row saying what was wrong.
 */
import { toHex } from '../../core/bytes';
import { FieldReader, handshakeTypeName, summarizeCertificate, type ByteField } from '../../tls/handshakeFields';
import { emptyExtensions, extensionName, readHelloExtensions, signatureSchemeName } from '../../tls/helloExtensions';

/** One labelled value of a decrypted handshake message. */
export interface InnerHandshakeField { label: string; value: string; explanation?: string }

/** One decrypted handshake message, e.g. { typeName: 'CertificateVerify', fields: [...] }. */
export interface InnerHandshakeMessage13 {
  /** CamelCase message name ("EncryptedExtensions"), "Unknown(N)" style for an unnamed type. */
  typeName: string;
  fields: InnerHandshakeField[];
  /** Set if the message was malformed or cut off; the fields also end with an "Error" row. */
  error?: string;
}

/** Who sent the message: the explanations of CertificateVerify and Finished name the signer. */
export type Sender = 'client' | 'server';

const camel = (name: string): string => name.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
const u16 = (b: Uint8Array): number => ((b[0] ?? 0) << 8) | (b[1] ?? 0);
/** "256 bytes: 0a1b2c…" (the first 32 bytes in hex), or the whole hex when it is that short. */
const sized = (b: Uint8Array): string => `${b.length} bytes: ${toHex(b.subarray(0, 32))}${b.length > 32 ? '…' : ''}`;
const noLocate = (): { offset: number; length: number } => ({ offset: 0, length: 0 });

/** A FieldReader over `bytes` with a place to add rows that are not bytes (a certificate's issuer). */
class Fields {
  readonly list: ByteField[] = [];
  add(label: string, value: string, explanation?: string): void {
    this.list.push({ label, value, ...noLocate(), ...(explanation ? { explanation } : {}) });
  }
  reader(bytes: Uint8Array): FieldReader {
    return new FieldReader(bytes, this.list, noLocate);
  }
}

/** r.vector() with the explanation on its length row (FieldReader would add a second "N bytes" row for it). */
function vec(r: FieldReader, label: string, lenBytes: number, explanation: string): FieldReader | null {
  const before = r.fields.length;
  const v = r.vector(label, lenBytes);
  const row = r.fields[before];
  if (v && row && r.fields.length === before + 1) row.explanation = explanation;
  return v;
}

function signatureExplanation(scheme: number, sender: Sender): string {
  const name = signatureSchemeName(scheme);
  const kind = name.startsWith('rsa_pss') ? 'RSA-PSS' : name.startsWith('rsa_pkcs1') ? 'RSA PKCS#1 v1.5' : name.startsWith('ecdsa') ? 'ECDSA'
    : name === 'ed25519' || name === 'ed448' ? 'EdDSA' : name;
  return `${kind} signature over the transcript hash: proves the ${sender} holds the private key of the certificate it sent`;
}

/**
 * Extensions<lenBytes> read one row per extension (type, then the body as hex), for the places helloExtensions.ts
 * does not cover (CertificateEntry and CertificateRequest); signature_algorithms is listed by scheme name.
 */
function readExtensionList(r: FieldReader, label: string, explanation: string, schemesExplanation?: string): void {
  const exts = vec(r, label, 2, explanation);
  while (exts && exts.left > 0 && !exts.error) {
    const type = exts.uint('Extension type', 2);
    if (type === null) break;
    exts.fields[exts.fields.length - 1]!.value = extensionName(type);
    const data = exts.vector(`Extension ${extensionName(type)}`, 2);
    if (!data) break;
    if ((type === 13 || type === 50) && schemesExplanation) {
      const list = vec(data, 'Signature algorithms', 2, schemesExplanation);
      while (list && list.left >= 2) list.field('Signature algorithm', 2, (b) => signatureSchemeName(u16(b)));
      if (list && list.left === 1) data.error ??= 'malformed: Signature algorithms has an odd length';
      if (list?.error) data.error ??= list.error;
    } else if (data.left > 0) {
      data.field('Extension data', data.left, sized);
    }
    if (data.error) exts.error ??= data.error;
  }
  if (exts?.error) r.error ??= exts.error;
}

/** Reads the body of one message of type `type` into `f`. */
function readBody(type: number, body: FieldReader, f: Fields, sender: Sender): void {
  if (type === 8) {
    // EncryptedExtensions { Extension extensions<0..2^16-1> } (§4.3.1)
    f.add('What it is', 'Server settings that do not affect the keys',
      'In TLS 1.2 these answers (ALPN, ...) were in the cleartext ServerHello; TLS 1.3 encrypts everything not needed to derive the keys');
    if (body.left < 2) body.error ??= `malformed: Extensions length needs 2 bytes, only ${body.left} left`;
    else readHelloExtensions(body, 'encrypted_extensions', emptyExtensions());
  } else if (type === 13) {
    // CertificateRequest { opaque certificate_request_context<0..2^8-1>; Extension extensions<2..2^16-1> } (§4.3.2)
    const ctx = body.vector('Certificate request context', 1);
    if (ctx && ctx.left > 0) ctx.hex('Certificate request context', ctx.left, 'Echoed in the client\'s Certificate to tie it to this request');
    if (!ctx) return;
    readExtensionList(body, 'Extensions', 'What the server asks of the client certificate (signature_algorithms is mandatory)',
      'The signature schemes the server accepts in the client\'s CertificateVerify');
  } else if (type === 11) {
    // Certificate { opaque certificate_request_context<0..2^8-1>; CertificateEntry certificate_list<0..2^24-1> }
    // CertificateEntry { opaque cert_data<1..2^24-1>; Extension extensions<0..2^16-1> } (§4.4.2)
    const ctx = body.vector('Certificate request context', 1);
    if (!ctx) return;
    if (ctx.left > 0) ctx.hex('Certificate request context', ctx.left, 'The context of the CertificateRequest this certificate answers');
    else Object.assign(f.list[f.list.length - 1]!, { label: 'Certificate request context', value: 'empty',
      explanation: `Empty: this certificate was not requested by a CertificateRequest${sender === 'server' ? ' (a server always sends its own)' : ''}` });
    const list = vec(body, 'Certificate list', 3, `The ${sender}'s certificate chain, its own certificate first; encrypted in TLS 1.3, so only the two ends of the session see it`);
    let n = 0;
    while (list && list.left > 0 && !list.error) {
      n++;
      const label = `Certificate ${n}${n === 1 ? ' (leaf)' : ''}`;
      const one = list.vector(`Certificate ${n}`, 3);
      if (!one) break;
      if (one.left === 0) { list.error ??= `malformed: Certificate ${n} is empty (cert_data<1..2^24-1>)`; break; }
      const der = one.field(label, one.left, () => '', n === 1 ? `X.509 DER; its public key checks the CertificateVerify signature` : 'X.509 DER; an intermediate that signed the certificate before it');
      if (!der) break;
      const s = summarizeCertificate(der);
      f.list[f.list.length - 1]!.value = s.subject;
      if (s.issuer) f.add('Issuer', s.issuer, 'Who signed it: the client checks this chain up to a root it trusts');
      if (s.notBefore) f.add('Valid', `${s.notBefore} to ${s.notAfter}`);
      if (s.altNames.length > 0) f.add('Subject alternative names', s.altNames.join(', '), 'The names it is valid for: the client compares them with the name it asked for (SNI)');
      if (s.publicKeyBits > 0) f.add('Public key', `RSA ${s.publicKeyBits} bits`);
      readExtensionList(list, `Certificate ${n} extensions`, 'Per-certificate extensions, e.g. an OCSP response (status_request) or SCTs');
    }
    if (list?.error) body.error ??= list.error;
    if (list && n === 0) f.add('Certificates', 'none', 'An empty list: the sender has no certificate (allowed only for a client)');
  } else if (type === 15) {
    // CertificateVerify { SignatureScheme algorithm; opaque signature<0..2^16-1> } (§4.4.3)
    const scheme = body.field('Signature scheme', 2, (b) => signatureSchemeName(u16(b)), 'The algorithm of the signature below (RFC 8446 §4.2.3)');
    if (!scheme) return;
    const sig = body.vector('Signature', 2);
    if (sig && sig.left === 0) body.error ??= 'malformed: the signature is empty';
    else sig?.field('Signature', sig.left, sized, signatureExplanation(u16(scheme), sender));
  } else if (type === 20) {
    // Finished { opaque verify_data[Hash.length] } (§4.4.4): 32 bytes with SHA-256 suites, 48 with SHA-384.
    if (body.left === 0) { body.error ??= 'malformed: Finished without verify_data'; return; }
    const n = body.left;
    body.field('Verify data', n, sized, 'HMAC over the transcript with the finished key: proves both sides derived the same keys and saw the same handshake');
    if (n !== 32 && n !== 48) body.error ??= `malformed: verify_data is ${n} bytes; the suite's hash gives 32 (SHA-256) or 48 (SHA-384)`;
  } else if (type === 4) {
    // NewSessionTicket { uint32 ticket_lifetime; uint32 ticket_age_add; opaque ticket_nonce<0..255>;
    //                    opaque ticket<1..2^16-1>; Extension extensions<0..2^16-1> } (§4.6.1)
    if (body.uint('Ticket lifetime', 4, 'Seconds the client may use this ticket to resume') === null) return;
    if (body.uint('Ticket age add', 4, 'Hides the ticket\'s age from observers of a resumption') === null) return;
    const nonce = body.vector('Ticket nonce', 1);
    if (!nonce) return;
    if (nonce.left > 0) nonce.hex('Ticket nonce', nonce.left);
    const ticket = body.vector('Ticket', 2);
    if (!ticket) return;
    if (ticket.left > 0) ticket.field('Ticket', ticket.left, sized, 'Opaque to the client: the server\'s sealed resumption state');
    readExtensionList(body, 'Extensions', 'Ticket extensions, e.g. early_data');
  } else if (type === 24) {
    // KeyUpdate { KeyUpdateRequest request_update } (§4.6.3)
    body.field('Request update', 1, (b) => (b[0] === 1 ? 'update_requested (1)' : b[0] === 0 ? 'update_not_requested (0)' : `invalid (${b[0]})`),
      `From the next record the ${sender} encrypts with its next application traffic secret; update_requested asks the peer to update its keys too`);
  } else if (body.left > 0) {
    body.field('Message body', body.left, (b) => `${b.length} bytes`);
  }
}

/**
 * Parses the body of one decrypted TLS 1.3 handshake message. `body` may be shorter than `declaredLength` (a cut-off
 * message): what can be read is returned, with an error. Never throws.
 */
export function parseInnerHandshakeMessage13(type: number, body: Uint8Array, sender: Sender = 'server', declaredLength = body.length): InnerHandshakeMessage13 {
  const f = new Fields();
  f.add('Handshake type', `${handshakeTypeName(type)} (${type})`);
  f.add('Length', `${declaredLength} bytes`);
  const r = f.reader(body);
  let error: string | undefined;
  try {
    readBody(type, r, f, sender);
    error = r.error;
    if (!error && declaredLength > body.length) error = `malformed: the message is cut off after ${body.length} of ${declaredLength} bytes`;
    if (!error && r.left > 0) error = `malformed: ${r.left} bytes left over after the message`;
  } catch (e) {
    error = `malformed: ${e instanceof Error ? e.message : String(e)}`;
  }
  const fields: InnerHandshakeField[] = f.list.map(({ label, value, explanation }) => ({ label, value, ...(explanation ? { explanation } : {}) }));
  if (error) fields.push({ label: 'Error', value: error });
  return { typeName: camel(handshakeTypeName(type)), fields, ...(error ? { error } : {}) };
}

/**
 * Splits the decrypted content of one handshake record into messages (4-byte headers, RFC 8446 §4) and parses each.
 * A message split across records is NOT reassembled: its first part is listed with a note and no fields, and a
 * record that starts in the middle of a message would be misread (the lab's engines put each message in one
 * record, so this does not happen in its runs). Never throws.
 */
export function parseInnerHandshake13(content: Uint8Array, sender: Sender = 'server'): InnerHandshakeMessage13[] {
  const out: InnerHandshakeMessage13[] = [];
  let at = 0;
  while (at < content.length) {
    const type = content[at]!;
    const len = content.length - at >= 4 ? (content[at + 1]! << 16) | (content[at + 2]! << 8) | content[at + 3]! : -1;
    if (len < 0 || content.length - at - 4 < len) {
      const note = 'this message continues in the next record; messages split across records are not reassembled here';
      out.push({ typeName: camel(handshakeTypeName(type)), fields: [{ label: 'Note', value: note }], error: note });
      break;
    }
    out.push(parseInnerHandshakeMessage13(type, content.subarray(at + 4, at + 4 + len), sender));
    at += 4 + len;
  }
  return out;
}
