/**
 * The event log: everything the UI, the CLI and the tests know about a run is in here. Event types are
 * 'domain.pastTense'. Packet events carry the real bytes; what each observer could make of them is added after
 * the run by the visibility pass, which tries to decode them with that observer's keys.
 */
import type { LinkId, NodeId, ObserverId } from '../net/topology';
import type { PacketLayer } from './layers';
import type { ObserverView } from './views';
import type { ClientIpSource } from '../http/shopIdentity';
import type {
  AppEffect, BackendFailure, BalancerPick, CookieLookup, GaveUpReason, ParseFailure, PoolChoiceFacts, RouteBasis, RouteInput,
  ServerFlightOutcome, TlsAlertReason, WafBlindReason,
} from './reasons';

export type Direction = 'c2s' | 's2c';
export type TcpFlag = 'SYN' | 'ACK' | 'FIN' | 'PSH' | 'RST';

export interface SocketAddress {
  readonly ip: string;
  readonly port: number;
}

export interface SegmentSentEvent {
  readonly type: 'tcp.segmentSent';
  readonly t: number;
  /** Virtual time at which the segment reaches `to`. */
  readonly arrivesAt: number;
  readonly link: LinkId;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly connectionId: string;
  readonly direction: Direction;
  readonly src: SocketAddress;
  readonly dst: SocketAddress;
  readonly seq: number;
  readonly ack: number;
  readonly flags: readonly TcpFlag[];
  readonly payload: Uint8Array;
  /** Short name for the ladder diagram: "SYN", "ClientHello", "Application data". */
  readonly label: string;
  readonly layers: readonly PacketLayer[];
  /** Set when an attacker on the link altered the payload in flight (tamper scenarios). */
  readonly tampered?: { readonly offset: number; readonly original: number; readonly altered: number };
  /** Filled by the visibility pass: one entry per observer that can see this link. */
  readonly views: Partial<Record<ObserverId, ObserverView>>;
}

export interface NoteEvent<T extends string, D> {
  readonly type: T;
  readonly t: number;
  readonly node: NodeId;
  /** Facts only: codes and values. The words for them are in src/sim/content (eventText, narrate). */
  readonly detail: D;
}

export type SimEvent =
  | SegmentSentEvent
  | NoteEvent<'dns.resolved', { name: string; address: string; /** What the ECH option does for this connection: used, or on but impossible below TLS 1.3. */ ech?: { status: 'used'; publicName: string } | { status: 'needs-tls13'; version: string } }>
  | NoteEvent<'tls.handshakeCompleted', { sessionId: string; /** The other TLS end (in passthrough: client <-> backend, never the LB). */ peer: NodeId; version: string; cipherSuite: string; clientRandomHex: string; peerCertificate: string | null }>
  /** The key schedule as a step of its own: which secrets one end derived at this point, and from what. */
  | NoteEvent<'tls.keysDerived', { sessionId: string; version: string; stage: 'master' | 'handshake' | 'application' | 'update'; secrets: readonly { name: string; /** The inputs, as the key schedule names them (e.g. "HKDF-Expand-Label(handshake secret, ...)"). */ from: string }[] }>
  /** `diagnostic`: the TLS implementation's own message (a value, quoted as is). */
  | NoteEvent<'tls.alertSent', { sessionId: string; alert: string; code: number; reason: TlsAlertReason; diagnostic: string }>
  | NoteEvent<'tls.alertReceived', { sessionId: string; alert: string; code: number }>
  | NoteEvent<'lb.sniRead', { serverName: string | null; bytesBuffered: number; /** ALPN names offered in the ClientHello (cleartext in every version). */ alpn?: readonly string[]; /** The ClientHello carried encrypted_client_hello: the SNI read is the outer, public name. */ encryptedClientHello?: boolean }>
  /** Passthrough: what the relaying LB could learn from the server's cleartext handshake (the certificate only before TLS 1.3). */
  | NoteEvent<'lb.serverHandshakeSeen', { version: string; certificateSubject: string | null; outcome: ServerFlightOutcome; /** alert-first: the alert; not-tls: the parser's error. */ alert?: { level: string; description: string }; diagnostic?: string }>
  | NoteEvent<'lb.routed', RoutedDetail>
  | NoteEvent<'lb.headerAdded', { name: string; value: string; /** The X-Forwarded-For the client had sent itself, and what the LB did with it. */ clientSent?: { value: string; kept: boolean }; forwardedProto: boolean; clientCertSubject: string | null }>
  | NoteEvent<'lb.proxyHeaderSent', { version: 1 | 2; source: string; sourcePort: number }>
  | NoteEvent<'lb.backendRejected', { backend: NodeId; failure: BackendFailure; status: number }>
  | NoteEvent<'http.requestSent', { method: string; target: string; index: number; /** 'client' for the default browser, else the script's client name. */ client: string; scheme: 'http' | 'https'; host: string; /** The scenario's own words for this request (data of the scenario, not of the engine). */ purpose: string; /** Set when this request follows a redirect. */ redirectOf?: { scheme: string; host: string; path: string } }>
  | NoteEvent<'http.requestHandled', { method: string; target: string; status: number; clientIp: string; clientIpSource: ClientIpSource; peerAddress: string; sql?: string; /** The application's own log line. */ appNote?: string; effect?: AppEffect }>
  | NoteEvent<'http.responseReceived', { status: number; statusText: string; servedBy: string | null; index: number; bodyPreview: string; client: string; method: string; target: string }>
  | NoteEvent<'waf.inspected', { target: string; score: number; threshold: number; matches: readonly WafMatchInfo[] }>
  | NoteEvent<'waf.blocked', { target: string; score: number; threshold: number; matches: readonly WafMatchInfo[]; status: number }>
  | NoteEvent<'waf.notInspected', { reason: WafBlindReason; /** tls-record: the first record's content type name and length. */ record?: { type: string; length: number }; /** not-http: the first bytes in hex. */ preview?: string }>
  | NoteEvent<'waf.rateLimited', { key: string; count: number; limit: number; scope: 'request' | 'connection'; clientIp: string; windowSeconds: number }>
  | NoteEvent<'lb.cacheHit', { key: string; target: string }>
  | NoteEvent<'lb.cacheStored', { key: string; target: string; maxAgeSeconds: number; cacheControl: string }>
  | NoteEvent<'lb.compressed', { encoding: string; before: number; after: number; contentType: string }>
  | NoteEvent<'lb.redirected', { location: string; status: number }>
  | NoteEvent<'parse.failed', ParseFailure>
  | NoteEvent<'client.gaveUp', { request: number; reason: GaveUpReason; unsent: number }>
  | NoteEvent<'tcp.connectionRefused', { reason: 'nothing-listening'; ip: string; port: number }>;

/** A routing decision: what the LB read, which pool, and what chose the backend, with the numbers. */
export interface RoutedDetail {
  readonly backend: NodeId;
  readonly basis: RouteBasis;
  readonly input: RouteInput;
  readonly pool: PoolChoiceFacts;
  /** The algorithm's pick (absent when a cookie pinned the backend). */
  readonly pick?: BalancerPick;
  /** What the persistence cookie said, when cookie persistence is on and the LB could read it. */
  readonly cookie?: CookieLookup;
  /** Passthrough with cookie persistence configured: it cannot work, the cookie is encrypted. */
  readonly cookieUnreadable?: boolean;
  /** Layer 7: the request routed. */
  readonly request?: { readonly method: string; readonly target: string };
}

/** One WAF rule that matched, as the log and the UI show it. */
export interface WafMatchInfo {
  readonly ruleId: number;
  readonly category: string;
  readonly message: string;
  readonly location: string;
  /** The bytes as they arrived (before decoding), truncated. */
  readonly matched: string;
}

export type SimEventType = SimEvent['type'];
export type EventOf<T extends SimEventType> = Extract<SimEvent, { type: T }>;
