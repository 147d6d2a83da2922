/**
 * ClientHello (RFC 8446 §4.1.2) and ServerHello / HelloRetryRequest (§4.1.3, §4.1.4): encoders for what this
 * endpoint sends and parsers that turn received bytes into typed fields (never throwing: see messages.ts).
 */
import { concatBytes, equalBytes, fromHex } from '../core/bytes';
import { alertError, type Parsed } from './alerts';
import {
  alpnExtension, echOuterExtension, encodeExtensions, Ext, readExtensions as readExtensionsOf, keyShareClient, keyShareServer, readAlpn, readClientShares, readSelectedGroup,
  readSelectedVersion, readServerName, readServerShare, readU16ListExtension, readVersionList, serverNameExtension,
  signatureAlgorithmsExtension, supportedGroupsExtension, supportedVersionServer, supportedVersionsClient, TLS12,
  TLS_AES_128_GCM_SHA256, X25519, type EchOuter, type Extension, type KeyShareEntry,
} from './extensions';
import { handshakeMessage, HandshakeType, parseBody } from './messages';
import { readU16List, u16, u16List, u8, vector } from './wire';

/** The ServerHello.random of a HelloRetryRequest: SHA-256("HelloRetryRequest") (§4.1.3). */
export const HELLO_RETRY_RANDOM = fromHex('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c');

export interface ClientHelloParams {
  readonly random: Uint8Array;
  /** 32 bytes in middlebox compatibility mode (Appendix D.4). */
  readonly sessionId: Uint8Array;
  readonly serverName: string | null;
  readonly x25519PublicKey: Uint8Array;
  readonly signatureAlgorithms: readonly number[];
  readonly alpn?: readonly string[];
  /** With ECH, `serverName` is the outer (public) name and this extension stands for the sealed inner hello. */
  readonly encryptedClientHello?: EchOuter;
}

/** The ClientHello this endpoint sends: TLS_AES_128_GCM_SHA256 only, x25519 only, TLS 1.3 only. */
export function encodeClientHello(p: ClientHelloParams): Uint8Array {
  const ext: Extension[] = [];
  if (p.serverName) ext.push(serverNameExtension(p.serverName));
  ext.push(supportedGroupsExtension([X25519]));
  ext.push(signatureAlgorithmsExtension(p.signatureAlgorithms));
  if (p.alpn && p.alpn.length > 0) ext.push(alpnExtension(p.alpn));
  ext.push(supportedVersionsClient());
  ext.push(keyShareClient([{ group: X25519, keyExchange: p.x25519PublicKey }]));
  if (p.encryptedClientHello) ext.push(echOuterExtension(p.encryptedClientHello));
  const body = concatBytes(
    u16(TLS12), // legacy_version = 0x0303 (§4.1.2)
    p.random,
    vector(1, p.sessionId),
    u16List(2, [TLS_AES_128_GCM_SHA256]),
    vector(1, u8(0)), // legacy_compression_methods = [null]
    encodeExtensions(ext),
  );
  return handshakeMessage(HandshakeType.client_hello, body);
}

export interface ClientHello {
  readonly legacyVersion: number;
  readonly random: Uint8Array;
  readonly sessionId: Uint8Array;
  readonly cipherSuites: readonly number[];
  readonly compressionMethods: Uint8Array;
  readonly extensionTypes: readonly number[];
  readonly serverName: string | null;
  /** null when the extension is absent (then the client speaks TLS 1.2 or older). */
  readonly supportedVersions: readonly number[] | null;
  readonly groups: readonly number[] | null;
  readonly keyShares: readonly KeyShareEntry[] | null;
  readonly signatureAlgorithms: readonly number[] | null;
  readonly alpn: readonly string[] | null;
}

export function parseClientHello(body: Uint8Array): Parsed<ClientHello> {
  return parseBody('ClientHello', body, (r) => {
    const legacyVersion = r.u16();
    const random = r.bytes(32);
    const sessionId = r.vector(1);
    if (sessionId.length > 32) throw alertError('illegal_parameter', 'legacy_session_id longer than 32 bytes');
    const cipherSuites = readU16List(r, 2, 2);
    const compressionMethods = r.vector(1, 1);
    // A TLS 1.3 ClientHello always has extensions; a pre-1.2 one may have none (then it cannot be TLS 1.3).
    const ext = r.atEnd ? new Map<number, Uint8Array>() : readExtensionsOf(r);
    const get = <T>(type: number, read: (b: Uint8Array) => T): T | null => {
      const b = ext.get(type);
      return b ? read(b) : null;
    };
    return {
      legacyVersion, random, sessionId, cipherSuites, compressionMethods,
      extensionTypes: [...ext.keys()],
      serverName: get(Ext.server_name, readServerName),
      supportedVersions: get(Ext.supported_versions, readVersionList),
      groups: get(Ext.supported_groups, (b) => readU16ListExtension(b, 'supported_groups')),
      keyShares: get(Ext.key_share, readClientShares),
      signatureAlgorithms: get(Ext.signature_algorithms, (b) => readU16ListExtension(b, 'signature_algorithms')),
      alpn: get(Ext.alpn, readAlpn),
    };
  });
}

export interface ServerHelloParams {
  readonly random: Uint8Array;
  readonly sessionIdEcho: Uint8Array;
  readonly x25519PublicKey: Uint8Array;
}

/** ServerHello with supported_versions = 0x0304 and the server's x25519 key share (§4.1.3). */
export function encodeServerHello(p: ServerHelloParams): Uint8Array {
  const body = concatBytes(
    u16(TLS12),
    p.random,
    vector(1, p.sessionIdEcho),
    u16(TLS_AES_128_GCM_SHA256),
    u8(0), // legacy_compression_method
    encodeExtensions([keyShareServer({ group: X25519, keyExchange: p.x25519PublicKey }), supportedVersionServer()]),
  );
  return handshakeMessage(HandshakeType.server_hello, body);
}

/**
 * HelloRetryRequest (§4.1.4): a ServerHello with the special random that asks the client for a key share of
 * `group`. It carries supported_versions and a key_share holding only the selected group.
 */
export function encodeHelloRetryRequest(sessionIdEcho: Uint8Array, group: number): Uint8Array {
  const body = concatBytes(
    u16(TLS12),
    HELLO_RETRY_RANDOM,
    vector(1, sessionIdEcho),
    u16(TLS_AES_128_GCM_SHA256),
    u8(0),
    encodeExtensions([[Ext.key_share, u16(group)], supportedVersionServer()]),
  );
  return handshakeMessage(HandshakeType.server_hello, body);
}

export interface ServerHello {
  readonly legacyVersion: number;
  readonly random: Uint8Array;
  readonly sessionId: Uint8Array;
  readonly cipherSuite: number;
  readonly compressionMethod: number;
  readonly extensionTypes: readonly number[];
  /** A HelloRetryRequest is a ServerHello with the special random (§4.1.4). */
  readonly isHelloRetryRequest: boolean;
  /** null when absent: the server chose TLS 1.2 or older. */
  readonly selectedVersion: number | null;
  readonly keyShare: KeyShareEntry | null;
  /** The group a HelloRetryRequest asks for. */
  readonly selectedGroup: number | null;
}

export function parseServerHello(body: Uint8Array): Parsed<ServerHello> {
  return parseBody('ServerHello', body, (r) => {
    const legacyVersion = r.u16();
    const random = r.bytes(32);
    const sessionId = r.vector(1);
    const cipherSuite = r.u16();
    const compressionMethod = r.u8();
    const ext = r.atEnd ? new Map<number, Uint8Array>() : readExtensionsOf(r);
    const isHelloRetryRequest = equalBytes(random, HELLO_RETRY_RANDOM);
    const shareBody = ext.get(Ext.key_share);
    const versionBody = ext.get(Ext.supported_versions);
    return {
      legacyVersion, random, sessionId, cipherSuite, compressionMethod,
      extensionTypes: [...ext.keys()],
      isHelloRetryRequest,
      selectedVersion: versionBody ? readSelectedVersion(versionBody) : null,
      keyShare: shareBody && !isHelloRetryRequest ? readServerShare(shareBody) : null,
      selectedGroup: shareBody && isHelloRetryRequest ? readSelectedGroup(shareBody) : null,
    };
  });
}
