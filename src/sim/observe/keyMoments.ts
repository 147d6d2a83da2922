/**
 * The beginner's view of a run: its key moments (name lookup, connection, hello, certificate, keys, each request's
 * way through the load balancer, failures) instead of every SYN, ACK and key derivation. A moment points at the
 * event it is shown at and carries typed facts; the words are made by content/momentText.ts.
 *
 * Repetition is what makes a raw run long, so it is folded: a keep-alive connection is set up once; the first
 * request is shown hop by hop; a later request that goes the same way as the one before it (same firewall verdict,
 * same kind of hop, same class of status) joins one "more requests" moment; anything new (a block, a cache hit, a
 * failure) is shown hop by hop again. A burst of failure events (alert sent, alert received, client gives up) is
 * one moment.
 */
import type { SegmentSentEvent, SimEvent } from '../core/events';
import type { BackendFailure, GaveUpReason, ParseFailure, RouteBasis, RouteInput, TlsAlertReason } from '../core/reasons';
import type { NodeId } from '../net/topology';

export type MomentKind =
  | 'dns' | 'connection' | 'hello' | 'certificate' | 'keys' | 'reencrypt'
  | 'request' | 'waf' | 'route' | 'backend' | 'lbAnswer' | 'response' | 'repeats' | 'failure';

/** One request and how it ended, as the "more requests" moment lists it. */
export interface ExchangeFacts {
  readonly method: string;
  readonly target: string;
  readonly client: string;
  /** null: no response reached the client. */
  readonly status: number | null;
  readonly servedBy: string | null;
}

export type WafVerdict = 'passed' | 'blocked' | 'blind' | 'rate-limited';

/** What went wrong, by the event that said so first. */
export type FailureFacts =
  | { readonly cause: 'tls-alert-sent'; readonly node: NodeId; readonly reason: TlsAlertReason; readonly alert: string }
  | { readonly cause: 'tls-alert-received'; readonly node: NodeId; readonly alert: string }
  | { readonly cause: 'parse-failed'; readonly node: NodeId; readonly what: ParseFailure['what']; readonly code: ParseFailure['code'] }
  | { readonly cause: 'connection-refused'; readonly ip: string; readonly port: number }
  | { readonly cause: 'backend-rejected'; readonly backend: NodeId; readonly failure: BackendFailure['code']; readonly status: number }
  | { readonly cause: 'client-gave-up'; readonly reason: GaveUpReason['code'] };

interface At<K extends MomentKind> {
  readonly kind: K;
  /** The event the moment is shown at; ascending and unique over a run's moments. */
  readonly index: number;
}

export type KeyMoment =
  | At<'dns'> & { readonly name: string; readonly address: string }
  /** The client opens a TCP connection (the three-way handshake, as one moment). */
  | At<'connection'> & { readonly connectionId: string; readonly scheme: 'http' | 'https' }
  /**
   * The client's ClientHello. `routedTo`: the load balancer read the SNI and sent the whole connection to this
   * backend (layer 4, passthrough), null when it routes later, per request.
   */
  | At<'hello'> & { readonly serverName: string | null; readonly echOuterName: string | null; readonly lbReadSni: boolean; readonly routedTo: NodeId | null }
  /**
   * The server's certificate reaches the client. `hidden`: it travels encrypted (TLS 1.3), so the moment is the
   * ServerHello flight that carries it. `presentedBy`: the client's TLS peer (null when the handshake failed).
   */
  | At<'certificate'> & { readonly subject: string | null; readonly hidden: boolean; readonly presentedBy: NodeId | null; readonly lbReadSubject: string | null }
  /** The client's TLS handshake is complete: both ends hold the session keys. */
  | At<'keys'> & { readonly version: string; readonly peer: NodeId }
  /** Bridging: the load balancer's own TLS session to a backend is complete. */
  | At<'reencrypt'> & { readonly backend: NodeId; readonly version: string }
  | At<'request'> & { readonly method: string; readonly target: string; readonly client: string; readonly scheme: 'http' | 'https'; readonly followsRedirect: boolean }
  | At<'waf'> & { readonly verdict: WafVerdict; readonly target: string | null; readonly status: number | null }
  /** A routing decision made after the hello: per request (layer 7) or on port 80. */
  | At<'route'> & { readonly backend: NodeId; readonly input: RouteInput; readonly basis: RouteBasis }
  | At<'backend'> & { readonly backend: NodeId; readonly method: string; readonly target: string; readonly status: number }
  /** The load balancer answered itself: from its cache, or with a redirect. */
  | At<'lbAnswer'> & { readonly how: 'cache' | 'redirect'; readonly target: string | null; readonly location: string | null; readonly status: number | null }
  | At<'response'> & { readonly status: number; readonly statusText: string; readonly servedBy: string | null; readonly method: string; readonly target: string; readonly client: string }
  /** Requests that went the way the one before them did; `newConnections`: how many of them opened a connection of their own. */
  | At<'repeats'> & { readonly requests: readonly ExchangeFacts[]; readonly newConnections: number }
  | At<'failure'> & { readonly failure: FailureFacts };

export type MomentOf<K extends MomentKind> = Extract<KeyMoment, { kind: K }>;

/** The key moments of a run, in event order. */
export function keyMoments(events: readonly SimEvent[]): readonly KeyMoment[] {
  return foldRepeats(candidates(events));
}

const isClientSyn = (e: SegmentSentEvent): boolean => e.from === 'client' && e.flags.includes('SYN') && !e.flags.includes('ACK');

function tlsMessages(e: SegmentSentEvent): { type: string; subject?: string | null }[] {
  return e.layers.flatMap((l) => (l.kind === 'tls' ? l.facts.messages : []));
}

function helloFacts(e: SegmentSentEvent): { serverName: string | null; echOuterName: string | null } | null {
  for (const l of e.layers) {
    if (l.kind !== 'tls') continue;
    const hello = l.facts.messages.find((m) => m.type === 'client_hello');
    if (hello && hello.type === 'client_hello') return { serverName: l.facts.sni ?? hello.serverName, echOuterName: l.facts.echOuterName };
  }
  return null;
}

/** The client's TLS peer and its certificate, from the client's next completed handshake (absent when it failed). */
function clientHandshakeAfter(events: readonly SimEvent[], from: number): { peer: NodeId; subject: string | null } | null {
  for (let k = from; k < events.length; k++) {
    const e = events[k]!;
    if (e.type === 'tls.handshakeCompleted' && e.node === 'client') return { peer: e.detail.peer, subject: e.detail.peerCertificate };
    if (e.type === 'tcp.segmentSent' && isClientSyn(e)) return null;
  }
  return null;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Every moment, one per notable event, before repeats are folded. */
function candidates(events: readonly SimEvent[]): KeyMoment[] {
  const out: KeyMoment[] = [];
  const names = new Set<string>();
  const push = (m: KeyMoment): void => { out.push(m); };
  const last = (): KeyMoment | undefined => out[out.length - 1];
  let hello: Mutable<MomentOf<'hello'>> | null = null;
  let certificateShown = true;
  let serverHelloAt: number | null = null;
  let lbReadSubject: string | null = null;
  /** A request is on its way: a firewall verdict belongs to it (not to an alert record after a failed handshake). */
  let requestOpen = false;

  const showCertificate = (index: number, subject: string | null, hidden: boolean): void => {
    const peer = clientHandshakeAfter(events, index);
    push({ kind: 'certificate', index, subject: subject ?? peer?.subject ?? null, hidden, presentedBy: peer?.peer ?? null, lbReadSubject });
    certificateShown = true;
  };
  /** TLS 1.3: no cleartext Certificate message came, so the certificate moment is the server's hello flight. */
  const flushHiddenCertificate = (): void => {
    if (!certificateShown && serverHelloAt !== null) {
      const at = serverHelloAt;
      const tail = out.findIndex((m) => m.index > at);
      const peer = clientHandshakeAfter(events, at);
      const m: KeyMoment = { kind: 'certificate', index: at, subject: peer?.subject ?? null, hidden: true, presentedBy: peer?.peer ?? null, lbReadSubject };
      if (tail < 0) out.push(m); else out.splice(tail, 0, m);
      certificateShown = true;
    }
  };

  events.forEach((e, index) => {
    switch (e.type) {
      case 'tcp.segmentSent': {
        if (isClientSyn(e)) {
          flushHiddenCertificate();
          push({ kind: 'connection', index, connectionId: e.connectionId, scheme: e.dst.port === 80 ? 'http' : 'https' });
          hello = null;
          certificateShown = true;
          serverHelloAt = null;
          lbReadSubject = null;
          return;
        }
        if (e.from === 'client' && !hello) {
          const facts = helloFacts(e);
          if (facts) {
            hello = { kind: 'hello', index, ...facts, lbReadSni: false, routedTo: null };
            push(hello);
            certificateShown = false;
          }
          return;
        }
        if (e.to === 'client' && !certificateShown) {
          const messages = tlsMessages(e);
          const certificate = messages.find((m) => m.type === 'certificate');
          if (certificate) showCertificate(index, certificate.subject ?? null, false);
          else if (serverHelloAt === null && messages.some((m) => m.type === 'server_hello')) serverHelloAt = index;
        }
        return;
      }
      case 'dns.resolved': {
        const key = `${e.detail.name} ${e.detail.address}`;
        if (!names.has(key)) push({ kind: 'dns', index, name: e.detail.name, address: e.detail.address });
        names.add(key);
        return;
      }
      case 'lb.sniRead':
        if (hello) hello.lbReadSni = true;
        return;
      case 'lb.serverHandshakeSeen':
        lbReadSubject = e.detail.certificateSubject;
        return;
      case 'lb.routed':
        if (e.detail.input === 'sni' && hello) hello.routedTo = e.detail.backend;
        else push({ kind: 'route', index, backend: e.detail.backend, input: e.detail.input, basis: e.detail.basis });
        return;
      case 'tls.handshakeCompleted':
        if (e.node === 'client') {
          flushHiddenCertificate();
          push({ kind: 'keys', index, version: e.detail.version, peer: e.detail.peer });
        } else if (e.node === 'lb' && e.detail.peer !== 'client') {
          push({ kind: 'reencrypt', index, backend: e.detail.peer, version: e.detail.version });
        }
        return;
      case 'http.requestSent':
        flushHiddenCertificate();
        requestOpen = true;
        push({ kind: 'request', index, method: e.detail.method, target: e.detail.target, client: e.detail.client, scheme: e.detail.scheme, followsRedirect: !!e.detail.redirectOf });
        return;
      case 'waf.inspected':
      case 'waf.blocked':
      case 'waf.notInspected':
      case 'waf.rateLimited': {
        if (!requestOpen) return;
        const verdict: WafVerdict = e.type === 'waf.inspected' ? 'passed' : e.type === 'waf.blocked' ? 'blocked' : e.type === 'waf.notInspected' ? 'blind' : 'rate-limited';
        const target = 'target' in e.detail ? e.detail.target : null;
        const status = e.type === 'waf.blocked' ? e.detail.status : e.type === 'waf.rateLimited' && e.detail.scope === 'request' ? 429 : null;
        const moment: KeyMoment = { kind: 'waf', index, verdict, target, status };
        // One verdict per request: a later rule (the rate limit after the inspection) decides.
        if (last()?.kind === 'waf') out[out.length - 1] = moment; else push(moment);
        return;
      }
      case 'lb.cacheHit':
        push({ kind: 'lbAnswer', index, how: 'cache', target: e.detail.target, location: null, status: null });
        return;
      case 'lb.redirected':
        push({ kind: 'lbAnswer', index, how: 'redirect', target: null, location: e.detail.location, status: e.detail.status });
        return;
      case 'http.requestHandled':
        if (e.node !== 'lb' && e.node !== 'client') push({ kind: 'backend', index, backend: e.node, method: e.detail.method, target: e.detail.target, status: e.detail.status });
        return;
      case 'http.responseReceived': {
        const d = e.detail;
        requestOpen = false;
        push({ kind: 'response', index, status: d.status, statusText: d.statusText, servedBy: d.servedBy, method: d.method, target: d.target, client: d.client });
        return;
      }
      default: {
        const failure = failureFacts(e);
        if (!failure) return;
        flushHiddenCertificate();
        // One moment for a burst: the alert sent, the alert received and the client giving up tell one story.
        if (last()?.kind !== 'failure') push({ kind: 'failure', index, failure });
      }
    }
  });
  flushHiddenCertificate();
  return out;
}

function failureFacts(e: SimEvent): FailureFacts | null {
  switch (e.type) {
    case 'tls.alertSent': return { cause: 'tls-alert-sent', node: e.node, reason: e.detail.reason, alert: e.detail.alert };
    case 'tls.alertReceived': return { cause: 'tls-alert-received', node: e.node, alert: e.detail.alert };
    case 'parse.failed': return { cause: 'parse-failed', node: e.node, what: e.detail.what, code: e.detail.code };
    case 'tcp.connectionRefused': return { cause: 'connection-refused', ip: e.detail.ip, port: e.detail.port };
    case 'lb.backendRejected': return { cause: 'backend-rejected', backend: e.detail.backend, failure: e.detail.failure.code, status: e.detail.status };
    case 'client.gaveUp': return { cause: 'client-gave-up', reason: e.detail.reason.code };
    default: return null;
  }
}

/** What happened to one request, and the moments it took. */
interface Exchange {
  readonly moments: readonly KeyMoment[];
  readonly request: MomentOf<'request'> | undefined;
  readonly response: MomentOf<'response'> | undefined;
}

/** Cuts the moments into exchanges: each ends with its response (the moments after the last one are the tail). */
function exchanges(moments: readonly KeyMoment[]): { list: Exchange[]; tail: KeyMoment[] } {
  const list: Exchange[] = [];
  let current: KeyMoment[] = [];
  for (const m of moments) {
    current.push(m);
    if (m.kind === 'response') {
      list.push({ moments: current, request: current.find((c): c is MomentOf<'request'> => c.kind === 'request'), response: m });
      current = [];
    }
  }
  return { list, tail: current };
}

/** The way a request went, without the setup it needed (a new connection's handshake) and without its values. */
function shape(x: Exchange): string {
  const setup = new Set<MomentKind>(['dns', 'connection', 'hello', 'certificate', 'keys', 'reencrypt']);
  const hops = x.moments.filter((m) => !setup.has(m.kind)).map((m) => {
    if (m.kind === 'waf') return `waf:${m.verdict}`;
    if (m.kind === 'lbAnswer') return `lb:${m.how}`;
    if (m.kind === 'route') return `route:${m.input}`;
    if (m.kind === 'response') return `response:${Math.floor(m.status / 100)}`;
    if (m.kind === 'failure') return `failure:${m.failure.cause}`;
    if (m.kind === 'request') return `request:${m.scheme}`;
    return m.kind;
  });
  return hops.join(' ');
}

function foldRepeats(moments: readonly KeyMoment[]): KeyMoment[] {
  const { list, tail } = exchanges(moments);
  const out: KeyMoment[] = [];
  let group: Mutable<MomentOf<'repeats'>> | null = null;
  list.forEach((x, k) => {
    const previous = list[k - 1];
    if (!previous || shape(previous) !== shape(x) || !x.request) {
      out.push(...x.moments);
      group = null;
      return;
    }
    const facts: ExchangeFacts = {
      method: x.request.method, target: x.request.target, client: x.request.client,
      status: x.response?.status ?? null, servedBy: x.response?.servedBy ?? null,
    };
    const opened = x.moments.filter((m) => m.kind === 'connection').length;
    if (group) {
      group.requests = [...group.requests, facts];
      group.newConnections += opened;
    } else {
      group = { kind: 'repeats', index: x.moments[0]!.index, requests: [facts], newConnections: opened };
      out.push(group);
    }
  });
  out.push(...tail);
  return out;
}
