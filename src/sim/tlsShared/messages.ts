/**
 * Handshake message framing (RFC 8446 §4) and the messages after the hellos: EncryptedExtensions (§4.3.1),
 * CertificateRequest (§4.3.2), Certificate (§4.4.2), CertificateVerify (§4.4.3), Finished (§4.4.4) and
 * KeyUpdate (§4.6.3). Parsers never throw: they return a `Parsed` result (decode_error / illegal_parameter).
 */
import { concatBytes } from '../core/bytes';
import { alertError, guard, type Parsed } from './alerts';
import { encodeExtensions, Ext, readAlpn, readExtensions, readU16ListExtension, type Extension } from './extensions';
import { HASH_LENGTH } from './keySchedule';
import { Reader, u16, u24, u8, vector } from './wire';

/** HandshakeType (§4). */
export const HandshakeType = {
  client_hello: 1,
  server_hello: 2,
  new_session_ticket: 4,
  end_of_early_data: 5,
  encrypted_extensions: 8,
  certificate: 11,
  certificate_request: 13,
  certificate_verify: 15,
  finished: 20,
  key_update: 24,
  message_hash: 254,
} as const;

const TYPE_NAMES = new Map<number, string>(Object.entries(HandshakeType).map(([name, code]) => [code, name]));
export const handshakeTypeName = (type: number): string => TYPE_NAMES.get(type) ?? `handshake_${type}`;

/** Handshake { HandshakeType msg_type; uint24 length; body } (§4). */
export function handshakeMessage(type: number, body: Uint8Array): Uint8Array {
  return concatBytes(u8(type), u24(body.length), body);
}

/** Runs a body parser over `body` and requires it to consume every byte, else decode_error (§6.2). */
export function parseBody<T>(name: string, body: Uint8Array, read: (r: Reader) => T): Parsed<T> {
  return guard(name, () => {
    const r = new Reader(body);
    const value = read(r);
    if (r.short || !r.atEnd) throw alertError('decode_error', `malformed ${name} message`);
    return value;
  });
}

// --- EncryptedExtensions { Extension extensions<0..2^16-1> } (§4.3.1)

export interface EncryptedExtensions {
  readonly extensionTypes: readonly number[];
  readonly alpn: string | null;
}

export function encodeEncryptedExtensions(list: readonly Extension[]): Uint8Array {
  return handshakeMessage(HandshakeType.encrypted_extensions, encodeExtensions(list));
}

export function parseEncryptedExtensions(body: Uint8Array): Parsed<EncryptedExtensions> {
  return parseBody('EncryptedExtensions', body, (r) => {
    const ext = readExtensions(r);
    const alpnBody = ext.get(Ext.alpn);
    let alpn: string | null = null;
    if (alpnBody) {
      const names = readAlpn(alpnBody);
      if (names.length !== 1) throw alertError('decode_error', 'the server must select exactly one ALPN protocol');
      alpn = names[0]!;
    }
    return { extensionTypes: [...ext.keys()], alpn };
  });
}

// --- CertificateRequest { opaque certificate_request_context<0..2^8-1>; Extension extensions<2..2^16-1> } (§4.3.2)

export interface CertificateRequest {
  readonly context: Uint8Array;
  readonly signatureAlgorithms: readonly number[];
}

export function encodeCertificateRequest(context: Uint8Array, list: readonly Extension[]): Uint8Array {
  return handshakeMessage(HandshakeType.certificate_request, concatBytes(vector(1, context), encodeExtensions(list)));
}

export function parseCertificateRequest(body: Uint8Array): Parsed<CertificateRequest> {
  return parseBody('CertificateRequest', body, (r) => {
    const context = r.vector(1);
    const ext = readExtensions(r);
    const schemes = ext.get(Ext.signature_algorithms);
    // "The "signature_algorithms" extension MUST be specified" (§4.3.2).
    if (!schemes) throw alertError('missing_extension', 'CertificateRequest without signature_algorithms');
    return { context, signatureAlgorithms: readU16ListExtension(schemes, 'signature_algorithms') };
  });
}

// --- Certificate { opaque certificate_request_context<0..2^8-1>; CertificateEntry certificate_list<0..2^24-1> } (§4.4.2)
//     CertificateEntry { opaque cert_data<1..2^24-1>; Extension extensions<0..2^16-1> }

export interface CertificateMessage {
  readonly context: Uint8Array;
  /** DER of each certificate, the sender's own first (§4.4.2). */
  readonly certificates: readonly Uint8Array[];
}

export function encodeCertificate(context: Uint8Array, certificatesDer: readonly Uint8Array[]): Uint8Array {
  const entries = certificatesDer.map((der) => concatBytes(vector(3, der), encodeExtensions([])));
  return handshakeMessage(HandshakeType.certificate, concatBytes(vector(1, context), vector(3, ...entries)));
}

export function parseCertificate(body: Uint8Array): Parsed<CertificateMessage> {
  return parseBody('Certificate', body, (r) => {
    const context = r.vector(1);
    const list = new Reader(r.vector(3));
    const certificates: Uint8Array[] = [];
    while (!list.atEnd && !list.short) {
      const der = list.vector(3, 1);
      readExtensions(list); // status_request / SCT entries are allowed and ignored here
      if (!list.short) certificates.push(der);
    }
    if (list.short) r.short = true;
    return { context, certificates };
  });
}

// --- CertificateVerify { SignatureScheme algorithm; opaque signature<0..2^16-1> } (§4.4.3)

export interface CertificateVerify {
  readonly algorithm: number;
  readonly signature: Uint8Array;
}

export function encodeCertificateVerify(algorithm: number, signature: Uint8Array): Uint8Array {
  return handshakeMessage(HandshakeType.certificate_verify, concatBytes(u16(algorithm), vector(2, signature)));
}

export function parseCertificateVerify(body: Uint8Array): Parsed<CertificateVerify> {
  return parseBody('CertificateVerify', body, (r) => ({ algorithm: r.u16(), signature: r.vector(2) }));
}

// --- Finished { opaque verify_data[Hash.length] } (§4.4.4)

export function encodeFinished(verifyData: Uint8Array): Uint8Array {
  return handshakeMessage(HandshakeType.finished, verifyData);
}

export function parseFinished(body: Uint8Array): Parsed<Uint8Array> {
  return parseBody('Finished', body, (r) => r.bytes(HASH_LENGTH));
}

// --- KeyUpdate { KeyUpdateRequest request_update } with update_not_requested(0), update_requested(1) (§4.6.3)

export function encodeKeyUpdate(requestUpdate: boolean): Uint8Array {
  return handshakeMessage(HandshakeType.key_update, u8(requestUpdate ? 1 : 0));
}

export function parseKeyUpdate(body: Uint8Array): Parsed<boolean> {
  return parseBody('KeyUpdate', body, (r) => {
    const value = r.u8();
    if (!r.short && value > 1) throw alertError('illegal_parameter', `KeyUpdate request_update ${value}`);
    return value === 1;
  });
}
