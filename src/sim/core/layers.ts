/**
 * The protocol layers of a packet as the inspector shows them, each field tied to its bytes in the payload, and
 * what the dissector found in each layer as typed facts. The engine writes no sentence here: the summary line of a
 * layer is phrased by src/sim/content/layerText.ts from these facts.
 */

export interface ByteField {
  readonly label: string;
  readonly value: string;
  /** Offset into the packet payload (TCP data), so the hex dump can highlight it. */
  readonly offset: number;
  readonly length: number;
  readonly explanation?: string;
}

/** ContentType names of RFC 4346 §6.2.1 (heartbeat, 24, is reported as 'unknown'). */
export type ContentTypeName = 'change_cipher_spec' | 'alert' | 'handshake' | 'application_data' | 'unknown';

/** One cleartext handshake message and what it shows anyone on the path. */
export type HandshakeMessageFacts =
  | {
    readonly type: 'client_hello';
    /** The server_name extension; with ECH this is the outer, public name (see `encryptedClientHello`). */
    readonly serverName: string | null;
    /** The encrypted_client_hello extension is present: the real SNI is sealed inside. */
    readonly encryptedClientHello: boolean;
    readonly alpn: readonly string[];
  }
  | {
    readonly type: 'server_hello';
    /** "TLS 1.2 (0x0303)": supported_versions when present, else the legacy field. */
    readonly negotiatedVersion: string;
    readonly cipherSuite: string;
    readonly alpn: readonly string[];
  }
  /** A ServerHello carrying the HelloRetryRequest random (RFC 8446 §4.1.3): it asks for another key share. */
  | { readonly type: 'hello_retry_request'; readonly keyShareGroup: string | null }
  /** Leaf certificate subject; null for an empty Certificate message. */
  | { readonly type: 'certificate'; readonly subject: string | null }
  | { readonly type: 'client_key_exchange'; readonly exchange: 'rsa' | 'ecdhe' }
  | { readonly type: 'server_key_exchange'; readonly namedCurve: string; readonly signatureAlgorithm: string }
  /** Any other message, by its RFC name ("server_hello_done", "finished"). */
  | { readonly type: 'other'; readonly typeName: string };

export interface AlertFacts {
  readonly level: string;
  readonly description: string;
  readonly code: number;
}

/** What the dissector found in one TLS record, with no key. */
export interface TlsRecordFacts {
  /** The record header's content type (in TLS 1.3, application_data for every protected record). */
  readonly contentType: ContentTypeName;
  /** The content type byte (20-24). */
  readonly contentTypeCode: number;
  /** Bytes after the 5-byte header. */
  readonly fragmentLength: number;
  /** Sent after this side switched to encryption: only the header (and an explicit IV) is readable. */
  readonly encrypted: boolean;
  /** TLS 1.3 protection: the real content type is inside the ciphertext (RFC 8446 §5.2). */
  readonly innerTypeHidden: boolean;
  /** The first encrypted handshake record of this side in TLS <= 1.2: its Finished. */
  readonly firstEncryptedHandshake: boolean;
  /** A TLS 1.3 middlebox-compatibility ChangeCipherSpec (RFC 8446 Appendix D.4). */
  readonly compatChangeCipherSpec: boolean;
  /** Cleartext handshake messages completed in this record, in order. */
  readonly messages: readonly HandshakeMessageFacts[];
  /** A handshake message starts in this record and continues in the next one. */
  readonly messageContinues: boolean;
  /** A cleartext alert; null otherwise (or when it is too short to read: `malformedAlert`). */
  readonly alert: AlertFacts | null;
  readonly malformedAlert: boolean;
  /** SNI of a cleartext ClientHello without ECH; null if none. */
  readonly sni: string | null;
  /** The outer (public) server name of an ECH ClientHello; null if none. */
  readonly echOuterName: string | null;
  /** ALPN protocols offered or selected in the hellos of this record. */
  readonly alpn: readonly string[];
  /** Leaf certificate subject readable in the clear (TLS <= 1.2); null if none. */
  readonly certificateSubject: string | null;
  /** The version a ServerHello in this record negotiated ("TLS 1.3 (0x0304)"); null if none. */
  readonly negotiatedVersion: string | null;
}

/** A PROXY protocol header (HAProxy's spec): who the real client is. */
export interface ProxyFacts {
  readonly version: 1 | 2;
  readonly sourceAddress: string;
  readonly sourcePort: number;
}

/** The head of a cleartext HTTP/1.x message. */
export interface HttpFacts {
  /** "GET /cart HTTP/1.1" or "HTTP/1.1 200 OK". */
  readonly startLine: string;
  /** Request method and target; null for a response. */
  readonly method: string | null;
  readonly target: string | null;
  /** Response status code; null for a request. */
  readonly status: number | null;
}

/** Bytes that are neither a complete TLS record nor an HTTP message head. */
export interface DataFacts {
  /** A TCP segment carrying part of a TLS record that continues in the next segment. */
  readonly partialTlsRecord: boolean;
  /** The stream does not parse as TLS: the record parser's problem; null otherwise. */
  readonly unparseable: string | null;
  /** Cleartext that goes on an HTTP message begun in an earlier segment of this direction (a body's next part). */
  readonly httpContinued?: boolean;
  readonly length: number;
}

export type PacketLayer =
  | { readonly kind: 'proxy'; readonly fields: readonly ByteField[]; readonly facts: ProxyFacts }
  | { readonly kind: 'tls'; readonly fields: readonly ByteField[]; readonly encrypted: boolean; readonly facts: TlsRecordFacts }
  | { readonly kind: 'http'; readonly fields: readonly ByteField[]; readonly facts: HttpFacts }
  | { readonly kind: 'data'; readonly fields: readonly ByteField[]; readonly facts: DataFacts };
