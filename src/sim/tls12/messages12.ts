/**
 * TLS 1.2 handshake messages for an ECDHE_RSA full handshake (RFC 5246 §7.4, RFC 8422 §5.4 for the ECDHE key
 * exchange with x25519): ClientHello, ServerHello, Certificate, ServerKeyExchange, CertificateRequest,
 * ServerHelloDone, ClientKeyExchange, Finished. CertificateVerify has the TLS 1.3 wire format (a DigitallySigned
 * struct), so it comes from ../tls13/messages. Parsers never throw (see ../tls13/messages.ts `parseBody`).
 */
import { concatBytes } from '../core/bytes';
import { alertError, type Parsed } from '../tlsShared/alerts';
import {
  alpnExtension, encodeExtensions, Ext, readAlpn, readExtensions, serverNameExtension, signatureAlgorithmsExtension,
  supportedGroupsExtension, TLS12, X25519, type Extension,
} from '../tlsShared/extensions';
import { handshakeMessage, parseBody } from '../tlsShared/messages';
import { Reader, readU16List, u16, u16List, u8, vector } from '../tlsShared/wire';

export const TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 = 0xc02f;
/** TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746 §3.3). */
export const RENEGOTIATION_SCSV = 0x00ff;
export const EXT_EC_POINT_FORMATS = 11;
export const EXT_RENEGOTIATION_INFO = 0xff01;

/** HandshakeType values that TLS 1.2 adds to the TLS 1.3 list (RFC 5246 §7.4). */
export const HandshakeType12 = {
  hello_request: 0, client_hello: 1, server_hello: 2, new_session_ticket: 4, certificate: 11, server_key_exchange: 12,
  certificate_request: 13, server_hello_done: 14, certificate_verify: 15, client_key_exchange: 16, finished: 20,
} as const;

const TYPE_NAMES = new Map<number, string>(Object.entries(HandshakeType12).map(([name, code]) => [code, name]));
export const handshakeTypeName12 = (type: number): string => TYPE_NAMES.get(type) ?? `handshake_${type}`;

/** renegotiation_info with an empty renegotiated_connection (RFC 5746 §3.2): this is an initial handshake. */
const renegotiationInfo = (): Extension => [EXT_RENEGOTIATION_INFO, u8(0)];

export interface ClientHello12Params {
  readonly random: Uint8Array;
  readonly serverName: string | null;
  readonly signatureAlgorithms: readonly number[];
  readonly alpn?: readonly string[];
}

export function encodeClientHello12(p: ClientHello12Params): Uint8Array {
  const ext: Extension[] = [];
  if (p.serverName) ext.push(serverNameExtension(p.serverName));
  ext.push(supportedGroupsExtension([X25519]));
  ext.push([EXT_EC_POINT_FORMATS, vector(1, u8(0))]); // uncompressed (RFC 8422 §5.1.2)
  ext.push(signatureAlgorithmsExtension(p.signatureAlgorithms));
  if (p.alpn && p.alpn.length > 0) ext.push(alpnExtension(p.alpn));
  ext.push(renegotiationInfo());
  const body = concatBytes(u16(TLS12), p.random, vector(1), u16List(2, [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]), vector(1, u8(0)), encodeExtensions(ext));
  return handshakeMessage(HandshakeType12.client_hello, body);
}

export interface ServerHello12 {
  readonly version: number;
  readonly random: Uint8Array;
  readonly sessionId: Uint8Array;
  readonly cipherSuite: number;
  readonly compressionMethod: number;
  readonly extensionTypes: readonly number[];
  readonly alpn: string | null;
}

export function encodeServerHello12(random: Uint8Array, sessionId: Uint8Array, renegotiation: boolean, alpn: string | null): Uint8Array {
  const ext: Extension[] = [];
  if (renegotiation) ext.push(renegotiationInfo());
  if (alpn) ext.push(alpnExtension([alpn]));
  const body = concatBytes(u16(TLS12), random, vector(1, sessionId), u16(TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256), u8(0), ext.length ? encodeExtensions(ext) : new Uint8Array(0));
  return handshakeMessage(HandshakeType12.server_hello, body);
}

export function parseServerHello12(body: Uint8Array): Parsed<ServerHello12> {
  return parseBody('ServerHello', body, (r) => {
    const version = r.u16();
    const random = r.bytes(32);
    const sessionId = r.vector(1);
    const cipherSuite = r.u16();
    const compressionMethod = r.u8();
    const ext = r.atEnd ? new Map<number, Uint8Array>() : readExtensions(r);
    const alpnBody = ext.get(Ext.alpn);
    const alpn = alpnBody ? readAlpn(alpnBody) : null;
    if (alpn && alpn.length !== 1) throw alertError('decode_error', 'the server must select exactly one ALPN protocol');
    return { version, random, sessionId, cipherSuite, compressionMethod, extensionTypes: [...ext.keys()], alpn: alpn ? alpn[0]! : null };
  });
}

/** Certificate { ASN.1Cert certificate_list<0..2^24-1> } (§7.4.2), sender's certificate first. */
export function encodeCertificate12(ders: readonly Uint8Array[]): Uint8Array {
  return handshakeMessage(HandshakeType12.certificate, vector(3, ...ders.map((der) => vector(3, der))));
}

export function parseCertificate12(body: Uint8Array): Parsed<Uint8Array[]> {
  return parseBody('Certificate', body, (r) => {
    const list = new Reader(r.vector(3));
    const out: Uint8Array[] = [];
    while (!list.atEnd && !list.short) {
      const der = list.vector(3, 1);
      if (!list.short) out.push(der);
    }
    if (list.short) r.short = true;
    return out;
  });
}

export interface ServerKeyExchange {
  readonly group: number;
  readonly publicKey: Uint8Array;
  /** The ServerECDHParams bytes as sent: the signature covers client_random + server_random + these (RFC 8422 §5.4). */
  readonly params: Uint8Array;
  readonly algorithm: number;
  readonly signature: Uint8Array;
}

/** ServerECDHParams { ECParameters { curve_type named_curve(3); NamedCurve }; ECPoint public<1..2^8-1> } (RFC 8422 §5.4). */
export function ecdhParams(publicKey: Uint8Array): Uint8Array {
  return concatBytes(u8(3), u16(X25519), vector(1, publicKey));
}

export function encodeServerKeyExchange(params: Uint8Array, algorithm: number, signature: Uint8Array): Uint8Array {
  return handshakeMessage(HandshakeType12.server_key_exchange, concatBytes(params, u16(algorithm), vector(2, signature)));
}

export function parseServerKeyExchange(body: Uint8Array): Parsed<ServerKeyExchange> {
  return parseBody('ServerKeyExchange', body, (r) => {
    const curveType = r.u8();
    if (!r.short && curveType !== 3) throw alertError('illegal_parameter', `ECParameters curve_type ${curveType} (only named_curve is allowed)`);
    const group = r.u16();
    const publicKey = r.vector(1, 1);
    const params = body.subarray(0, 4 + publicKey.length);
    return { group, publicKey, params, algorithm: r.u16(), signature: r.vector(2) };
  });
}

export interface CertificateRequest12 {
  readonly certificateTypes: Uint8Array;
  readonly signatureAlgorithms: readonly number[];
}

/** CertificateRequest { certificate_types<1..2^8-1>; supported_signature_algorithms<2..2^16-2>; certificate_authorities<0..2^16-1> } (§7.4.4). */
export function encodeCertificateRequest12(signatureAlgorithms: readonly number[]): Uint8Array {
  return handshakeMessage(HandshakeType12.certificate_request, concatBytes(vector(1, u8(1)), u16List(2, signatureAlgorithms), vector(2)));
}

export function parseCertificateRequest12(body: Uint8Array): Parsed<CertificateRequest12> {
  return parseBody('CertificateRequest', body, (r) => {
    const certificateTypes = r.vector(1, 1);
    const signatureAlgorithms = readU16List(r, 2, 2);
    r.vector(2); // certificate_authorities: any CA names are accepted here
    return { certificateTypes, signatureAlgorithms };
  });
}

export const encodeServerHelloDone = (): Uint8Array => handshakeMessage(HandshakeType12.server_hello_done, new Uint8Array(0));

/** ClientKeyExchange { ClientECDiffieHellmanPublic { ECPoint ecdh_Yc<1..2^8-1> } } (RFC 8422 §5.7). */
export const encodeClientKeyExchange = (publicKey: Uint8Array): Uint8Array => handshakeMessage(HandshakeType12.client_key_exchange, vector(1, publicKey));
export const parseClientKeyExchange = (body: Uint8Array): Parsed<Uint8Array> => parseBody('ClientKeyExchange', body, (r) => r.vector(1, 1));

/** Finished { opaque verify_data[12] } (§7.4.9). */
export const encodeFinished12 = (verifyData: Uint8Array): Uint8Array => handshakeMessage(HandshakeType12.finished, verifyData);
export const parseFinished12 = (body: Uint8Array): Parsed<Uint8Array> => parseBody('Finished', body, (r) => r.bytes(12));
