/**
 * Field-by-field reading of the extensions of a ClientHello, ServerHello or TLS 1.3 EncryptedExtensions (RFC 6066,
 * RFC 7301, RFC 8422, RFC 8446 §4.2), for the inspector and for the decoder, which needs the offered and the
 * negotiated version. The same extension type has a different body in each message (key_share is a list in a
 * ClientHello and one entry in a ServerHello), so the reader is told where it is.
 */
import { toHex } from '../core/bytes';
import type { FieldReader } from './handshakeFields';

export type ExtensionContext = 'client_hello' | 'server_hello' | 'encrypted_extensions';

/** What the extensions revealed; every list is empty (and every flag false) when its extension was absent. */
export interface HelloExtensions {
  serverName: string | null;
  alpn: string[];
  /** supported_versions: the offered list (ClientHello) or the one selected version (ServerHello). */
  supportedVersionCodes: number[];
  /** Names of the key_share groups (x25519...). */
  keyShareGroups: string[];
  encryptedClientHello: boolean;
}

export const emptyExtensions = (): HelloExtensions => ({ serverName: null, alpn: [], supportedVersionCodes: [], keyShareGroups: [], encryptedClientHello: false });

const EXTENSIONS: Record<number, string> = {
  0: 'server_name', 5: 'status_request', 10: 'supported_groups', 11: 'ec_point_formats', 13: 'signature_algorithms',
  16: 'application_layer_protocol_negotiation', 18: 'signed_certificate_timestamp', 21: 'padding', 23: 'extended_master_secret',
  27: 'compress_certificate', 35: 'session_ticket', 41: 'pre_shared_key', 42: 'early_data', 43: 'supported_versions', 44: 'cookie',
  45: 'psk_key_exchange_modes', 47: 'certificate_authorities', 50: 'signature_algorithms_cert', 51: 'key_share',
  0xfe0d: 'encrypted_client_hello', 0xff01: 'renegotiation_info',
};

/** IANA name of an extension type, or "0x002a" style hex. */
export function extensionName(type: number): string {
  return EXTENSIONS[type] ?? `0x${type.toString(16).padStart(4, '0')}`;
}

const GROUPS: Record<number, string> = {
  0x0017: 'secp256r1', 0x0018: 'secp384r1', 0x0019: 'secp521r1', 0x001d: 'x25519', 0x001e: 'x448',
  0x0100: 'ffdhe2048', 0x0101: 'ffdhe3072', 0x11ec: 'X25519MLKEM768',
};

/** NamedGroup name (RFC 8446 §4.2.7). */
export function groupName(code: number): string {
  return GROUPS[code] ?? `0x${code.toString(16).padStart(4, '0')}`;
}

const SCHEMES: Record<number, string> = {
  0x0201: 'rsa_pkcs1_sha1', 0x0203: 'ecdsa_sha1', 0x0401: 'rsa_pkcs1_sha256', 0x0501: 'rsa_pkcs1_sha384', 0x0601: 'rsa_pkcs1_sha512',
  0x0403: 'ecdsa_secp256r1_sha256', 0x0503: 'ecdsa_secp384r1_sha384', 0x0603: 'ecdsa_secp521r1_sha512',
  0x0804: 'rsa_pss_rsae_sha256', 0x0805: 'rsa_pss_rsae_sha384', 0x0806: 'rsa_pss_rsae_sha512', 0x0807: 'ed25519', 0x0808: 'ed448',
  0x0809: 'rsa_pss_pss_sha256', 0x080a: 'rsa_pss_pss_sha384', 0x080b: 'rsa_pss_pss_sha512',
};

/** SignatureScheme name (RFC 8446 §4.2.3). */
export function signatureSchemeName(code: number): string {
  return SCHEMES[code] ?? `0x${code.toString(16).padStart(4, '0')}`;
}

const text = (b: Uint8Array): string => String.fromCharCode(...b);
const u16 = (b: Uint8Array): number => ((b[0] ?? 0) << 8) | (b[1] ?? 0);
const versionLabel = (code: number): string => {
  const names: Record<number, string> = { 0x0300: 'SSL 3.0', 0x0301: 'TLS 1.0', 0x0302: 'TLS 1.1', 0x0303: 'TLS 1.2', 0x0304: 'TLS 1.3' };
  return `${names[code] ?? ((code & 0x0f0f) === 0x0a0a ? 'GREASE' : 'unknown')} (0x${code.toString(16).padStart(4, '0')})`;
};

/** Reads a vector of 16-bit codes, one field each, named by `name`. */
function codeList(r: FieldReader, label: string, lenBytes: number, name: (code: number) => string, explanation: string): number[] {
  const list = r.vector(label, lenBytes, explanation);
  const out: number[] = [];
  while (list && list.left >= 2) {
    const b = list.field(label.replace(/s$/, ''), 2, (x) => name(u16(x)));
    if (b) out.push(u16(b));
  }
  if (list && list.left === 1) r.error ??= `malformed: ${label} has an odd length`;
  return out;
}

/** KeyShareEntry { NamedGroup group; opaque key_exchange<1..2^16-1> } (RFC 8446 §4.2.8). */
function keyShareEntry(r: FieldReader, out: HelloExtensions, side: 'client' | 'server'): void {
  const group = r.field('Key share group', 2, (b) => groupName(u16(b)), 'The key-exchange group this public key belongs to');
  if (!group) return;
  const key = r.vector('Key exchange', 2);
  const who = side === 'client' ? "the client's" : "the server's";
  const bytes = key?.field('Public key', key.left, (b) => `${b.length} bytes: ${toHex(b.subarray(0, 8))}...`,
    `${who} ephemeral ${groupName(u16(group))} public key, new for this connection; the shared secret computed from it never crosses the wire`);
  if (bytes) out.keyShareGroups.push(groupName(u16(group)));
}

/** Reads the body of one extension of type `type`; unknown bodies become one hex field. */
function extensionBody(type: number, data: FieldReader, ctx: ExtensionContext, out: HelloExtensions): void {
  if (type === 0 && ctx === 'client_hello') {
    // ServerNameList { NameType name_type; opaque HostName<1..2^16-1> } (RFC 6066 §3)
    const list = data.vector('Server name list', 2);
    while (list && list.left > 0 && !list.error) {
      const nameType = list.uint('Server name type', 1);
      const name = list.vector('Server name', 2);
      const host = name?.field('Server name (SNI)', name.left, text, 'Sent in cleartext: any router on the path can read it');
      if (host && nameType === 0) out.serverName ??= text(host);
    }
    if (list?.error) data.error ??= list.error;
  } else if (type === 16) {
    // ProtocolNameList of opaque ProtocolName<1..2^8-1> (RFC 7301 §3.1); the server's answer holds exactly one.
    const list = data.vector('ALPN list', 2);
    while (list && list.left > 0 && !list.error) {
      const p = list.vector('ALPN protocol', 1);
      const b = p?.field('ALPN protocol name', p.left, text, ctx === 'client_hello' ? 'Application protocols the client speaks (HTTP/2, HTTP/1.1)' : 'The application protocol the server chose');
      if (b) out.alpn.push(text(b));
    }
  } else if (type === 43 && ctx === 'client_hello') {
    out.supportedVersionCodes.push(...codeList(data, 'Supported versions', 1, versionLabel, 'The versions the client speaks; listing 0x0304 is how a client offers TLS 1.3 (the legacy version field stays 0x0303)'));
  } else if (type === 43) {
    const v = data.field('Selected version', 2, (b) => versionLabel(u16(b)), 'The version really negotiated: TLS 1.3 servers write 0x0303 in the legacy field and the truth here (RFC 8446 §4.2.1)');
    if (v) out.supportedVersionCodes.push(u16(v));
  } else if (type === 51 && ctx === 'client_hello') {
    const list = data.vector('Client key shares', 2);
    while (list && list.left > 0 && !list.error) keyShareEntry(list, out, 'client');
    if (list?.error) data.error ??= list.error;
  } else if (type === 51 && data.left === 2) {
    // A HelloRetryRequest names only the group it wants a share for (RFC 8446 §4.2.8).
    const g = data.field('Selected group', 2, (b) => groupName(u16(b)), 'HelloRetryRequest: the server asks the client to send a key share for this group');
    if (g) out.keyShareGroups.push(groupName(u16(g)));
  } else if (type === 51) {
    keyShareEntry(data, out, 'server');
  } else if (type === 10) {
    codeList(data, 'Supported groups', 2, groupName, 'Key-exchange groups the client accepts, preferred first');
  } else if (type === 13 || type === 50) {
    codeList(data, 'Signature algorithms', 2, signatureSchemeName, 'Signature schemes the client can verify (the server signs its key exchange with one)');
  } else if (type === 45) {
    const list = data.vector('PSK key exchange modes', 1);
    while (list && list.left > 0) list.field('PSK mode', 1, (b) => (b[0] === 1 ? 'psk_dhe_ke' : b[0] === 0 ? 'psk_ke' : String(b[0])), 'psk_dhe_ke: a resumed session still runs a fresh (EC)DHE, keeping forward secrecy');
  } else if (type === 11) {
    const list = data.vector('EC point formats', 1);
    while (list && list.left > 0) list.field('EC point format', 1, (b) => (b[0] === 0 ? 'uncompressed' : String(b[0])));
  } else if (type === 0xff01) {
    const v = data.vector('Renegotiated connection', 1, 'Empty on a first handshake: the client supports secure renegotiation (RFC 5746)');
    if (v && v.left > 0) v.hex('Renegotiated connection', v.left);
  } else if (type === 0xfe0d) {
    out.encryptedClientHello = true;
    if (data.left > 0) data.field('Encrypted ClientHello', data.left, (b) => `${b.length} bytes`, "Encrypted Client Hello: the real ClientHello, sealed to the server's ECH key; the server_name beside it is only the outer, public name");
  } else if (data.left > 0) {
    data.field('Extension data', data.left, (b) => toHex(b));
  }
}

/** Reads an extensions block (RFC 8446 §4.2) into `out`; an absent block is fine in TLS 1.0-1.2 hellos. */
export function readHelloExtensions(r: FieldReader, ctx: ExtensionContext, out: HelloExtensions): void {
  if (r.left === 0) return;
  const exts = r.vector('Extensions', 2);
  while (exts && exts.left > 0 && !exts.error) {
    const type = exts.uint('Extension type', 2, type0Explanation);
    if (type === null) break;
    exts.fields[exts.fields.length - 1]!.value = extensionName(type);
    const data = exts.vector(`Extension ${extensionName(type)}`, 2);
    if (!data) break;
    extensionBody(type, data, ctx, out);
    if (data.error) exts.error ??= data.error;
  }
  if (exts?.error) r.error ??= exts.error;
}

const type0Explanation = 'Which extension follows (IANA TLS ExtensionType registry)';
