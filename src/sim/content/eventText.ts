/**
 * One plain sentence per event, from the event's facts: the log line of the CLI, the ladder and the player. The
 * engine writes no sentence; this is where its codes and values become words.
 */
import type { EventOf, SimEvent } from '../core/events';
import type { BackendFailure, BalancerPick, CookieLookup, GaveUpReason, ParseFailure, PoolChoiceFacts, ServerFlightOutcome, TlsAlertReason, WafBlindReason } from '../core/reasons';
import type { ClientIpSource } from '../http/shopIdentity';
import type { Mode, TlsProtocol } from '../scenarios/types';
import { nodeName, capitalize } from './text';

const STAGE_WORDS = {
  master: 'its master secret and session keys',
  handshake: 'its TLS 1.3 handshake keys',
  application: 'its TLS 1.3 application keys',
  update: 'new traffic keys after a KeyUpdate',
} as const;

/** How the balancing algorithm chose, e.g. "round-robin: position 2 of 3 in rotation → backend-2". */
export function pickText(pick: BalancerPick): string {
  switch (pick.algorithm) {
    case 'round-robin':
      return `round-robin: position ${pick.position} of ${pick.of} in rotation → ${pick.backend}`;
    case 'least-connections': {
      const counts = pick.open.map((o) => `${o.backend}: ${o.count}`).join(', ');
      return `least-connections: fewest open connections (${counts})${pick.tied > 1 ? `; ${pick.tied} tied, first in order wins` : ''} → ${pick.backend}`;
    }
    case 'source-ip-hash':
      return `hash(${pick.sourceIp}) mod ${pick.of} = ${pick.index} (FNV-1a 32-bit 0x${pick.hash.toString(16).padStart(8, '0')}) → ${pick.backend}`;
  }
}

/** What the persistence cookie said. */
export function cookieText(cookie: CookieLookup): string {
  switch (cookie.outcome) {
    case 'pinned': return `${cookie.name}=${cookie.backend} → ${cookie.backend} (sticky session)`;
    case 'absent': return `no ${cookie.name} cookie: first visit, the balancing algorithm chooses`;
    case 'unknown-backend': {
      const value = cookie.value.length > 40 ? `${cookie.value.slice(0, 39)}…` : cookie.value;
      return `${cookie.name}=${value} names no known backend (forged or stale): ignored, the balancing algorithm chooses`;
    }
  }
}

/** Which pool, and why; null when there is only one pool. */
export function poolText(pool: PoolChoiceFacts): string | null {
  if (pool.by === 'single') return null;
  const to = pool.pool === 'api' ? 'API pool' : 'web pool';
  if (pool.by === 'path') return `path ${pool.path} → ${to}`;
  if (pool.by === 'host') return `Host ${pool.name} → ${to}`;
  return pool.pool === 'web'
    ? `SNI ${pool.name || '(none)'}; the path is encrypted, so /api/* cannot be told apart → web pool`
    : `SNI ${pool.name} → API pool`;
}

/** The whole routing reason: cookie, pool and algorithm, as the LB decided. */
export function routeReason(d: EventOf<'lb.routed'>['detail']): string {
  const parts = [d.cookie ? cookieText(d.cookie) : null, d.basis === 'cookie' ? null : d.pool ? poolText(d.pool) : null, d.pick ? pickText(d.pick) : null];
  return parts.filter((p): p is string => !!p).join('; ');
}

/** What the routing decision was made on, in a few words ("SNI + round-robin", "cookie"). */
export function routeBasisText(d: EventOf<'lb.routed'>['detail']): string {
  if (d.basis === 'cookie') return 'cookie';
  if (d.input === 'sni') return `SNI + ${d.basis}`;
  if (d.input === 'port-80') return `port 80 + ${d.basis}`;
  return d.pool.by === 'path' ? `path + ${d.basis}` : d.basis;
}

export const WAF_BLIND_TEXT: Readonly<Record<WafBlindReason, string>> = {
  'tls-record': 'the bytes are TLS records it holds no key for',
  http2: 'not HTTP/1.x: HTTP/2 connection preface; binary frames this WAF does not parse',
  'not-http': 'the bytes are neither a TLS record header nor an HTTP/1.x request line',
  'no-bytes': 'not HTTP: no bytes received yet',
  'unexpected-http': 'it unexpectedly found HTTP',
};

export function wafBlindText(d: EventOf<'waf.notInspected'>['detail']): string {
  if (d.reason === 'tls-record' && d.record) {
    const size = d.record.length >= 0 ? `${d.record.length} bytes` : 'length not yet received';
    return d.record.type === 'application_data'
      ? `${d.record.type} record (${size}): encrypted payload, no HTTP to parse; the WAF holds no key for this session`
      : `TLS ${d.record.type} record (${size}): no HTTP to parse, and the requests that follow travel in records encrypted with keys the WAF never sees`;
  }
  if (d.reason === 'not-http' && d.preview) return `not HTTP: the first bytes (${d.preview}) are neither a TLS record header nor an HTTP/1.x request line`;
  return WAF_BLIND_TEXT[d.reason];
}

export const TLS_ALERT_TEXT: Readonly<Record<TlsAlertReason, string>> = {
  'certificate-expired': 'the certificate has expired or is not yet valid',
  'certificate-untrusted': 'the certificate was issued by a CA this side does not trust',
  'certificate-rejected': 'the certificate was rejected',
  'certificate-required': 'a client certificate is required',
  'record-authentication-failed': 'a record failed its integrity check (tampered, or the wrong key)',
  'no-common-parameters': 'the two ends share no acceptable version or cipher',
  'malformed-message': 'a handshake message or record was malformed',
  'decrypt-error': 'a signature or Finished check failed',
  other: 'the session failed',
};

/** The implementation's own message when there is one (it names the certificate), else the alert's meaning. */
export function alertText(reason: TlsAlertReason, diagnostic: string): string {
  return diagnostic.trim() ? diagnostic.replace(/[.\s]+$/, '') : TLS_ALERT_TEXT[reason];
}

export function backendFailureText(f: BackendFailure, backend: string): string {
  switch (f.code) {
    case 'tls-handshake-failed': return `the TLS handshake with ${backend} failed: ${f.diagnostic}`;
    case 'tls-session-failed': return `the TLS session with ${backend} failed: ${f.diagnostic}`;
    case 'connection-reset': return `${backend} reset the connection`;
    case 'closed-without-answer': return `${backend} closed the connection without answering`;
    case 'malformed-response': return `${backend} sent a malformed response (${f.diagnostic})`;
  }
}

export function gaveUpText(r: GaveUpReason): string {
  switch (r.code) {
    case 'tls-alert-sent': return r.diagnostic || `it aborted the TLS session (${r.alert})`;
    case 'tls-alert-received': return `peer sent ${r.alert}`;
    case 'connection-reset': return 'the connection was reset';
    case 'connection-closed': return 'the server closed the connection';
    case 'too-many-redirects': return `too many redirects: stopped after ${r.limit}, as a browser gives up on a loop`;
  }
}

export function parseFailureText(f: ParseFailure): string {
  switch (f.code) {
    case 'no-backend-for-sni': return `no backend pool for SNI "${f.serverName}"`;
    case 'unreadable-client-hello': return f.diagnostic;
    case 'malformed-http': return f.diagnostic;
    case 'proxy-header-missing':
      return `expected a PROXY protocol ${f.expected} header, but the connection starts with ${f.startsWith === 'tls-handshake' ? 'a TLS handshake record (the ClientHello)' : `"${f.preview}"`}`;
    case 'proxy-header-version': return `expected a PROXY protocol ${f.expected} header but got version ${f.got}`;
    case 'proxy-header-malformed': return `malformed PROXY protocol header: ${f.diagnostic}`;
  }
}

export const PARSE_WHAT: Readonly<Record<ParseFailure['what'], string>> = {
  'client-hello': 'ClientHello (SNI)',
  'http-request': 'HTTP request',
  'http-response': 'HTTP response',
  'proxy-header': 'PROXY protocol header',
};

export const SERVER_FLIGHT_TEXT: Readonly<Record<ServerFlightOutcome, string>> = {
  'certificate-cleartext': 'The Certificate message crossed the load balancer in cleartext, so it read the subject without any key.',
  'alert-first': 'The server answered with an alert before any certificate.',
  'encrypted-tls13': 'After the ServerHello, whose supported_versions says TLS 1.3, every handshake record is encrypted: the certificate travels under handshake keys the load balancer does not have.',
  'encrypted-without-certificate': 'The server went straight to encrypted records without sending a certificate the load balancer could read.',
  'not-tls': 'The server\'s answer is not a TLS stream.',
};

export function serverFlightText(d: EventOf<'lb.serverHandshakeSeen'>['detail']): string {
  switch (d.outcome) {
    case 'certificate-cleartext': return `The Certificate message crossed the load balancer in cleartext (${d.version}), so it read the subject without any key.`;
    case 'alert-first': return `The server answered with a ${d.alert?.level ?? 'fatal'} ${d.alert?.description ?? ''} alert before any certificate.`.replace(/ {2}/g, ' ');
    case 'encrypted-without-certificate': return `The server went straight to encrypted records (${d.version}) without sending a certificate the load balancer could read.`;
    case 'not-tls': return `The server's answer is not a TLS stream${d.diagnostic ? `: ${d.diagnostic.replace(/[.\s]+$/, '')}` : ''}.`;
    default: return SERVER_FLIGHT_TEXT[d.outcome];
  }
}

export const CLIENT_IP_SOURCE_TEXT: Readonly<Record<ClientIpSource, string>> = {
  'proxy protocol': 'proxy protocol',
  'tcp peer': 'tcp peer',
  'x-forwarded-for from trusted proxy': 'x-forwarded-for from trusted proxy',
  'x-forwarded-for from UNTRUSTED peer (ignored)': 'x-forwarded-for from UNTRUSTED peer (ignored)',
};

const who = (client: string): string => (client === 'client' ? 'The client' : `Client ${client}`);

/** One plain sentence for an event, from its facts. `mode` and `protocol` are accepted for wording that depends on them. */
export function eventText(event: SimEvent, _mode?: Mode, _protocol?: TlsProtocol): string {
  switch (event.type) {
    case 'tcp.segmentSent':
      return `${capitalize(nodeName(event.from))} → ${nodeName(event.to)}: ${event.label}.`;
    case 'dns.resolved': {
      const d = event.detail;
      const ech = d.ech?.status === 'used'
        ? ` The site also publishes an ECH configuration: the ClientHello will name only ${d.ech.publicName} outside and seal ${d.name} inside.`
        : d.ech?.status === 'needs-tls13'
          ? ` Encrypted Client Hello is switched on, but it needs TLS 1.3: this ${d.ech.version} ClientHello names ${d.name} in clear, as before.`
          : '';
      return `DNS: ${d.name} resolves to ${d.address}, the load balancer's public address, not to any backend.${ech}`;
    }
    case 'tls.handshakeCompleted': {
      const d = event.detail;
      return `${event.node} finished its TLS handshake: ${d.version}, ${d.cipherSuite}${d.peerCertificate ? `; the other end's certificate is for ${d.peerCertificate}` : ''}.`;
    }
    case 'tls.keysDerived':
      return `${event.node} derived ${STAGE_WORDS[event.detail.stage]}: ${event.detail.secrets.map((s) => s.name).join(', ')}.`;
    case 'tls.alertSent': {
      const d = event.detail;
      return `${event.node} aborted the TLS session: ${alertText(d.reason, d.diagnostic)} (fatal alert ${d.alert}, ${d.code}).`;
    }
    case 'tls.alertReceived':
      return `${event.node} received a fatal ${event.detail.alert} alert (${event.detail.code}) and closed the session.`;
    case 'lb.sniRead': {
      const d = event.detail;
      const alpn = d.alpn && d.alpn.length ? ` and the ALPN list ${d.alpn.join(', ')}` : ' (no ALPN offered)';
      const ech = d.encryptedClientHello ? ' The hello carries encrypted_client_hello: that is only the outer, public name; the real one is sealed inside.' : '';
      return `The load balancer read the SNI "${d.serverName ?? '(none)'}"${alpn} from the cleartext ClientHello, without decrypting anything.${ech}`;
    }
    case 'lb.serverHandshakeSeen': {
      const d = event.detail;
      return d.certificateSubject
        ? `Relaying the server's reply, the load balancer read its certificate in cleartext: ${d.certificateSubject} (${d.version}).`
        : `Relaying the server's reply, the load balancer could not read its certificate. ${serverFlightText(d)}`;
    }
    case 'lb.routed': {
      const d = event.detail;
      if (d.input === 'port-80') return `A layer-4 load balancer cannot read or redirect the cleartext request: it forwards port 80 to ${d.backend}, which must redirect itself.`;
      if (d.input === 'sni') {
        const cookie = d.cookieUnreadable ? ' Cookie persistence is configured but cannot work here: the cookie travels inside the encrypted stream.' : '';
        return `Routed the whole TCP connection to ${d.backend} (${routeReason(d)}). Every later byte of this connection goes there too.${cookie}`;
      }
      return `The load balancer read ${d.request ? `${d.request.method} ${d.request.target}` : 'the request'} and sent it to ${d.backend} (${routeReason(d)}).`;
    }
    case 'lb.headerAdded': {
      const d = event.detail;
      const forged = d.clientSent ? ` (the client had sent its own "${d.clientSent.value}": ${d.clientSent.kept ? 'kept, with the real address appended' : 'overwritten'})` : '';
      return `The load balancer set ${d.name}: ${d.value}${forged}${d.forwardedProto ? ' and X-Forwarded-Proto: https' : ''}${d.clientCertSubject ? `, and X-SSL-Client-Cert-Subject: ${d.clientCertSubject}` : ''}.`;
    }
    case 'lb.proxyHeaderSent':
      return `The load balancer sent a PROXY protocol v${event.detail.version} header carrying the client's address ${event.detail.source}:${event.detail.sourcePort}.`;
    case 'lb.backendRejected':
      return `The load balancer could not use ${event.detail.backend}: ${backendFailureText(event.detail.failure, event.detail.backend)}. The client gets ${event.detail.status} Bad Gateway.`;
    case 'http.requestSent': {
      const d = event.detail;
      const purpose = d.redirectOf ? `follow the redirect to ${d.redirectOf.scheme}://${d.redirectOf.host}${d.redirectOf.path}` : d.purpose;
      return `${who(d.client)} sends ${d.method} ${d.scheme === 'http' ? `http://${d.host}` : ''}${d.target}${purpose ? `: ${purpose}` : '.'}`;
    }
    case 'http.requestHandled': {
      const d = event.detail;
      const effect = d.sql ? ` Its database ran: ${d.sql}${d.appNote ? ` (${d.appNote})` : ''}.` : d.appNote ? ` (${d.appNote})` : '';
      return `${event.node} handled ${d.method} ${d.target} → ${d.status}; it believes the client is ${d.clientIp} (${CLIENT_IP_SOURCE_TEXT[d.clientIpSource] ?? d.clientIpSource}).${effect}`;
    }
    case 'http.responseReceived': {
      const d = event.detail;
      return `${who(d.client)} got ${d.status} ${d.statusText}${d.servedBy ? ` from ${d.servedBy}` : ''} for ${d.method} ${d.target}.`;
    }
    case 'waf.inspected':
      return `The WAF inspected ${event.detail.target} in plaintext: anomaly score ${event.detail.score}, below the threshold ${event.detail.threshold}; let through.`;
    case 'waf.blocked': {
      const d = event.detail;
      const rules = d.matches.map((m) => `${m.ruleId} ${m.message} (${m.location}: "${m.matched}")`).join('; ');
      return `The WAF read the decrypted request and blocked it: anomaly score ${d.score} ≥ ${d.threshold}. ${rules}.`;
    }
    case 'waf.notInspected':
      return `The WAF could not inspect this request: ${wafBlindText(event.detail)}. Whatever it carries reaches the backend.`;
    case 'waf.rateLimited': {
      const d = event.detail;
      return d.scope === 'connection'
        ? `Connection ${d.count} from ${d.clientIp} within ${d.windowSeconds} s exceeds ${d.limit}: reset. A layer-4 LB can count connections, not login requests.`
        : `The rate rule counted login attempt ${d.count} from ${d.clientIp} within ${d.windowSeconds} s (limit ${d.limit}) and answered 429.`;
    }
    case 'lb.cacheHit':
      return `The load balancer answered ${event.detail.target} from its cache: no backend was contacted.`;
    case 'lb.cacheStored':
      return `The load balancer stored ${event.detail.target} in its cache for ${event.detail.maxAgeSeconds} s (Cache-Control: ${event.detail.cacheControl}).`;
    case 'lb.compressed':
      return `The load balancer gzipped the ${event.detail.contentType || 'text'} response: ${event.detail.before} → ${event.detail.after} bytes.`;
    case 'lb.redirected':
      return `The load balancer read the cleartext request on port 80 and redirected it to ${event.detail.location}.`;
    case 'parse.failed': {
      const d = event.detail;
      const why = parseFailureText(d).replace(/[.\s]+$/, '');
      if (d.what === 'client-hello') return `The load balancer could not route the connection: ${why}. It resets it.`;
      if (d.what === 'proxy-header') return `${event.node} dropped the connection: ${why}.`;
      if (d.what === 'http-response') return `The client could not parse the response: ${why}.`;
      return event.node === 'lb' ? `The load balancer rejected a malformed request: ${why}.` : `${event.node} could not parse the request: ${why}.`;
    }
    case 'client.gaveUp': {
      const { unsent } = event.detail;
      return `The client gave up: ${gaveUpText(event.detail.reason).replace(/[.\s]+$/, '')}.${unsent > 0 ? ` ${unsent} more request${unsent > 1 ? 's were' : ' was'} never sent.` : ''}`;
    }
    case 'tcp.connectionRefused':
      return `${event.detail.ip}:${event.detail.port} refused the connection: nothing listens on that port.`;
    default:
      return unknownText(event);
  }
}

function unknownText(event: never): string {
  return `An event of type ${String((event as { type?: unknown }).type)} happened.`;
}
