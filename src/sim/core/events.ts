/**
 * The event log: everything the UI, the CLI and the tests know about a run is in here. Event types are
 * 'domain.pastTense'. Packet events carry the real bytes; what each observer could make of them is added after
 * the run by the visibility pass, which tries to decode them with that observer's keys.
 */
import type { LinkId, NodeId, ObserverId } from '../net/topology';
import type { PacketLayer } from './layers';
import type { ObserverView } from './views';

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
  readonly detail: D;
  /** One plain sentence for the log and the narration. */
  readonly text: string;
}

export type SimEvent =
  | SegmentSentEvent
  | NoteEvent<'dns.resolved', { name: string; address: string }>
  | NoteEvent<'tls.handshakeCompleted', { sessionId: string; /** The other TLS end (in passthrough: client <-> backend, never the LB). */ peer: NodeId; version: string; cipherSuite: string; clientRandomHex: string; peerCertificate: string | null }>
  /** The key schedule as a step of its own: which secrets one end derived at this point, and from what. */
  | NoteEvent<'tls.keysDerived', { sessionId: string; version: string; stage: 'master' | 'handshake' | 'application' | 'update'; secrets: readonly { name: string; from: string }[] }>
  | NoteEvent<'tls.alertSent', { sessionId: string; alert: string; code: number; reason: string }>
  | NoteEvent<'tls.alertReceived', { sessionId: string; alert: string; code: number }>
  | NoteEvent<'lb.sniRead', { serverName: string | null; bytesBuffered: number; /** ALPN names offered in the ClientHello (cleartext in every version). */ alpn?: readonly string[]; /** The ClientHello carried encrypted_client_hello: the SNI read is the outer, public name. */ encryptedClientHello?: boolean }>
  /** Passthrough: what the relaying LB could learn from the server's cleartext handshake (the certificate only before TLS 1.3). */
  | NoteEvent<'lb.serverHandshakeSeen', { version: string; certificateSubject: string | null; reason: string }>
  | NoteEvent<'lb.routed', { backend: NodeId; basis: string; reason: string }>
  | NoteEvent<'lb.headerAdded', { name: string; value: string }>
  | NoteEvent<'lb.proxyHeaderSent', { version: 1 | 2; source: string }>
  | NoteEvent<'lb.backendRejected', { backend: NodeId; reason: string; status: number }>
  | NoteEvent<'http.requestSent', { method: string; target: string; index: number }>
  | NoteEvent<'http.requestHandled', { method: string; target: string; status: number; clientIp: string; clientIpSource: string; peerAddress: string; sql?: string; appNote?: string }>
  | NoteEvent<'http.responseReceived', { status: number; servedBy: string | null; index: number; bodyPreview: string }>
  | NoteEvent<'waf.inspected', { target: string; score: number; threshold: number; matches: readonly WafMatchInfo[] }>
  | NoteEvent<'waf.blocked', { target: string; score: number; threshold: number; matches: readonly WafMatchInfo[]; status: number }>
  | NoteEvent<'waf.notInspected', { reason: string }>
  | NoteEvent<'waf.rateLimited', { key: string; count: number; limit: number; scope: 'request' | 'connection' }>
  | NoteEvent<'lb.cacheHit', { key: string }>
  | NoteEvent<'lb.cacheStored', { key: string; maxAgeSeconds: number }>
  | NoteEvent<'lb.compressed', { encoding: string; before: number; after: number }>
  | NoteEvent<'lb.redirected', { location: string; status: number }>
  | NoteEvent<'parse.failed', { what: string; reason: string }>
  | NoteEvent<'client.gaveUp', { request: number; reason: string; unsent: number }>
  | NoteEvent<'tcp.connectionRefused', { reason: string }>;

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
