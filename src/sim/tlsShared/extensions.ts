/**
 * The extensions a 1-RTT TLS 1.3 handshake needs (RFC 8446 §4.2): encoders for what this endpoint sends, and
 * readers for what it receives. Readers are called inside a parser's `guard`, so they may throw AlertError.
 */
import { asciiBytes, bytesToText, concatBytes } from '../core/bytes';
import { alertError } from './alerts';
import { Reader, readU16List, u16, u16List, u8, vector } from './wire';

/** ExtensionType values (§4.2, RFC 6066 for server_name, RFC 7301 for ALPN). */
export const Ext = {
  server_name: 0,
  supported_groups: 10,
  signature_algorithms: 13,
  alpn: 16,
  pre_shared_key: 41,
  supported_versions: 43,
  cookie: 44,
  psk_key_exchange_modes: 45,
  certificate_authorities: 47,
  signature_algorithms_cert: 50,
  key_share: 51,
  /** draft-ietf-tls-esni §11.1 (Encrypted Client Hello). */
  encrypted_client_hello: 0xfe0d,
} as const;

export const TLS13 = 0x0304;
export const TLS12 = 0x0303;
export const X25519 = 0x001d;
export const TLS_AES_128_GCM_SHA256 = 0x1301;

/** SignatureScheme values (§4.2.3). */
export const SignatureScheme = {
  rsa_pkcs1_sha256: 0x0401,
  rsa_pkcs1_sha384: 0x0501,
  rsa_pkcs1_sha512: 0x0601,
  rsa_pss_rsae_sha256: 0x0804,
  rsa_pss_rsae_sha384: 0x0805,
  rsa_pss_rsae_sha512: 0x0806,
} as const;

export type Extension = readonly [type: number, body: Uint8Array];

/** Extension extensions<..2^16-1> (§4.2). */
export function encodeExtensions(list: readonly Extension[]): Uint8Array {
  return vector(2, ...list.map(([type, body]) => concatBytes(u16(type), vector(2, body))));
}

/**
 * Reads an extensions block into type -> body, in order. "There MUST NOT be more than one extension of the
 * same type in a given extension block" (§4.2): a repeat is illegal_parameter.
 */
export function readExtensions(r: Reader): Map<number, Uint8Array> {
  const block = new Reader(r.vector(2));
  const out = new Map<number, Uint8Array>();
  while (!block.atEnd && !block.short) {
    const type = block.u16();
    const body = block.vector(2);
    if (block.short) break;
    if (out.has(type)) throw alertError('illegal_parameter', `extension ${type} appears twice`);
    out.set(type, body);
  }
  if (block.short) r.short = true;
  return out;
}

/** Runs `read` over an extension body and insists it used all of it. */
function within<T>(body: Uint8Array, name: string, read: (r: Reader) => T): T {
  const r = new Reader(body);
  const value = read(r);
  if (r.short || !r.atEnd) throw alertError('decode_error', `malformed ${name} extension`);
  return value;
}

// --- server_name (RFC 6066 §3): ServerNameList { NameType name_type (0 = host_name); HostName<1..2^16-1> }<1..2^16-1>

export function serverNameExtension(host: string): Extension {
  return [Ext.server_name, vector(2, u8(0), vector(2, asciiBytes(host)))];
}

export function readServerName(body: Uint8Array): string | null {
  if (body.length === 0) return null; // a server's empty acknowledgement
  return within(body, 'server_name', (r) => {
    const list = new Reader(r.vector(2, 1));
    let host: string | null = null;
    while (!list.atEnd && !list.short) {
      const kind = list.u8();
      const name = list.vector(2, 1);
      if (kind === 0 && host === null) host = bytesToText(name);
    }
    if (list.short) r.short = true;
    return host;
  });
}

// --- supported_versions (§4.2.1): ClientHello versions<2..254>; ServerHello selected_version

export const supportedVersionsClient = (): Extension => [Ext.supported_versions, u16List(1, [TLS13])];
export const supportedVersionServer = (): Extension => [Ext.supported_versions, u16(TLS13)];
export const readVersionList = (body: Uint8Array): number[] => within(body, 'supported_versions', (r) => readU16List(r, 1, 2));
export const readSelectedVersion = (body: Uint8Array): number => within(body, 'supported_versions', (r) => r.u16());

// --- supported_groups (§4.2.7) and signature_algorithms (§4.2.3): 16-bit lists with a 2-byte length

export const supportedGroupsExtension = (groups: readonly number[]): Extension => [Ext.supported_groups, u16List(2, groups)];
export const signatureAlgorithmsExtension = (schemes: readonly number[]): Extension => [Ext.signature_algorithms, u16List(2, schemes)];
export const readU16ListExtension = (body: Uint8Array, name: string): number[] => within(body, name, (r) => readU16List(r, 2, 2));

// --- key_share (§4.2.8): KeyShareEntry { NamedGroup group; opaque key_exchange<1..2^16-1> }

export interface KeyShareEntry {
  readonly group: number;
  readonly keyExchange: Uint8Array;
}

const keyShareEntry = (entry: KeyShareEntry): Uint8Array => concatBytes(u16(entry.group), vector(2, entry.keyExchange));

function readKeyShareEntry(r: Reader): KeyShareEntry {
  return { group: r.u16(), keyExchange: r.vector(2, 1) };
}

export const keyShareClient = (shares: readonly KeyShareEntry[]): Extension => [Ext.key_share, vector(2, ...shares.map(keyShareEntry))];
export const keyShareServer = (share: KeyShareEntry): Extension => [Ext.key_share, keyShareEntry(share)];

/** KeyShareClientHello { KeyShareEntry client_shares<0..2^16-1> }; each group at most once (illegal_parameter). */
export function readClientShares(body: Uint8Array): KeyShareEntry[] {
  return within(body, 'key_share', (r) => {
    const list = new Reader(r.vector(2));
    const shares: KeyShareEntry[] = [];
    while (!list.atEnd && !list.short) {
      const entry = readKeyShareEntry(list);
      if (list.short) break;
      if (shares.some((s) => s.group === entry.group)) throw alertError('illegal_parameter', `two key shares for group ${entry.group}`);
      shares.push(entry);
    }
    if (list.short) r.short = true;
    return shares;
  });
}

export const readServerShare = (body: Uint8Array): KeyShareEntry => within(body, 'key_share', readKeyShareEntry);
/** KeyShareHelloRetryRequest { NamedGroup selected_group } */
export const readSelectedGroup = (body: Uint8Array): number => within(body, 'key_share', (r) => r.u16());

// --- application_layer_protocol_negotiation (RFC 7301 §3.1): ProtocolName protocol_name_list<2..2^16-1>, each <1..2^8-1>

export function alpnExtension(protocols: readonly string[]): Extension {
  return [Ext.alpn, vector(2, ...protocols.map((p) => vector(1, asciiBytes(p))))];
}

export function readAlpn(body: Uint8Array): string[] {
  return within(body, 'ALPN', (r) => {
    const list = new Reader(r.vector(2, 2));
    const names: string[] = [];
    while (!list.atEnd && !list.short) names.push(bytesToText(list.vector(1, 1)));
    if (list.short) r.short = true;
    return names;
  });
}

// --- encrypted_client_hello (draft-ietf-tls-esni §5): the outer variant,
// ECHClientHello { ECHClientHelloType type = outer(0); HpkeSymmetricCipherSuite cipher_suite; uint8 config_id;
//                  opaque enc<0..2^16-1>; opaque payload<1..2^16-1> }

/** HPKE suite of the outer extension (RFC 9180 §7.2, §7.3): HKDF-SHA256 and AES-128-GCM. */
export const HPKE_KDF_HKDF_SHA256 = 0x0001;
export const HPKE_AEAD_AES_128_GCM = 0x0001;

export interface EchOuter {
  /** Which of the site's published ECHConfigs the client used. */
  readonly configId: number;
  /** The HPKE encapsulated key (32 bytes for DHKEM(X25519)). */
  readonly enc: Uint8Array;
  /** The sealed ClientHelloInner. */
  readonly payload: Uint8Array;
}

export function echOuterExtension(ech: EchOuter): Extension {
  return [Ext.encrypted_client_hello, concatBytes(
    u8(0), // ECHClientHelloType outer
    u16(HPKE_KDF_HKDF_SHA256), u16(HPKE_AEAD_AES_128_GCM),
    u8(ech.configId),
    vector(2, ech.enc),
    vector(2, ech.payload),
  )];
}
