/**
 * Narration of what the load balancer decided and did: SNI reading and routing, forwarding headers, PROXY
 * protocol, backend verification, the WAF, rate rules, caching, compression and redirects. Each names the
 * capability and why this mode has it or lacks it.
 */
import type { EventOf } from '../core/events';
import { MODE_FACTS } from '../scenarios/modes';
import type { Mode } from '../scenarios/types';
import { backendFailureText, routeBasisText, routeReason, serverFlightText, wafBlindText } from './eventText';
import type { GlossaryId } from './glossary';
import type { Narration } from './narration';
import { address, fitted, list, nodeName, nodeShort, plain, said, sentences, shown } from './text';
import { plainToBackends, reencrypts, relaysTls } from './modeTraits';

type LbEvent =
  | EventOf<'lb.sniRead'> | EventOf<'lb.routed'> | EventOf<'lb.headerAdded'> | EventOf<'lb.proxyHeaderSent'>
  | EventOf<'lb.backendRejected'> | EventOf<'lb.cacheHit'> | EventOf<'lb.cacheStored'> | EventOf<'lb.compressed'>
  | EventOf<'lb.redirected'> | EventOf<'waf.inspected'> | EventOf<'waf.blocked'> | EventOf<'waf.notInspected'>
  | EventOf<'waf.rateLimited'> | EventOf<'lb.serverHandshakeSeen'>;

const TERMINATES = 'only a load balancer that terminates TLS can do this';

export function narrateLbEvent(event: LbEvent, mode: Mode): Narration {
  switch (event.type) {
    case 'lb.sniRead': return sniRead(event, mode);
    case 'lb.serverHandshakeSeen': return serverHandshakeSeen(event, mode);
    case 'lb.routed': return routed(event, mode);
    case 'lb.headerAdded': return headerAdded(event, mode);
    case 'lb.proxyHeaderSent': return {
      headline: `LB sends a PROXY v${event.detail.version} header: client ${address(event.detail.source)}`,
      detail: `Before the first byte of the client stream, the load balancer tells the backend who really connected: ${address(event.detail.source)}. The header sits outside TLS, so the LB can write it without any key.`,
      modeNote: 'The layer-4 way to pass on the client address; the backend must be configured to expect exactly this version.',
      glossary: ['proxy-protocol', 'layer-4'],
    };
    case 'lb.backendRejected': return {
      headline: `LB refuses ${nodeShort(event.detail.backend)}: the client gets ${event.detail.status}`,
      detail: `The load balancer could not use ${nodeName(event.detail.backend)}: ${said(backendFailureText(event.detail.failure, event.detail.backend), 140)}. It answers the client with ${event.detail.status} Bad Gateway rather than forward the request.`,
      modeNote: MODE_FACTS[mode].backendTls && event.detail.failure.code === 'tls-handshake-failed'
        && ['unknown_ca', 'bad_certificate', 'certificate_expired', 'certificate_unknown'].includes(event.detail.failure.alert ?? '')
        ? 'Verification at work: the backend certificate failed the check against the internal CA. With proxy_ssl_verify off, the nginx default, the LB would have sent the request, password and all, to whoever answered.'
        : 'The LB is the client of the backend connection, so it notices the failure first and can answer the visitor with an error page of its own.',
      glossary: ['certificate', 'ca'],
    };
    case 'lb.cacheHit': return {
      headline: fitted('LB answers ', event.detail.key, ' from its cache'),
      detail: 'The load balancer kept an earlier response and replays it: no backend is contacted, and the client cannot tell the difference.',
      modeNote: `Caching needs the plaintext request and response: ${TERMINATES}.`,
      glossary: ['response-cache', 'layer-7'],
    };
    case 'lb.cacheStored': return {
      headline: fitted('LB caches ', event.detail.key, ` for ${event.detail.maxAgeSeconds} s`),
      detail: `The backend marked the response public with a max-age of ${event.detail.maxAgeSeconds} seconds, so the load balancer keeps a copy to answer repeats itself.`,
      modeNote: `Caching needs the plaintext request and response: ${TERMINATES}.`,
      glossary: ['response-cache', 'layer-7'],
    };
    case 'lb.compressed': {
      const { encoding, before, after } = event.detail;
      return {
        headline: `LB compresses the response with ${plain(encoding, 12)}: ${before} to ${after} bytes`,
        detail: `The client accepts ${plain(encoding, 12)}, so the load balancer compressed the text body before encrypting it for the client, saving ${Math.max(0, before - after)} bytes on the internet link.`,
        modeNote: `Rewriting a response body needs the plaintext: ${TERMINATES}.`,
        glossary: ['compression', 'layer-7'],
      };
    }
    case 'lb.redirected': return {
      headline: fitted('LB redirects plain HTTP to ', event.detail.location),
      detail: `The load balancer read the cleartext request on port 80 and answered ${event.detail.status} itself, pointing the browser at the https address; no backend was involved.`,
      modeNote: 'A layer-7 LB can do this on port 80 whatever the mode on 443; a layer-4 one has to pass port 80 to a backend that redirects.',
      glossary: ['https-redirect', 'layer-7'],
    };
    case 'waf.inspected': return wafInspected(event, mode);
    case 'waf.blocked': return wafBlocked(event, mode);
    case 'waf.notInspected': return {
      headline: 'WAF cannot inspect: it sees only TLS records',
      detail: `The WAF at the load balancer was handed the bytes it has and could not read them: ${said(wafBlindText(event.detail), 200)}. Whatever the request carries, SQL injection or a script included, reaches the backend unexamined.`,
      modeNote: 'The security blind spot of passthrough: inspection would need the session keys, which only the backend has. Any WAF must run on the backends themselves.',
      glossary: ['waf', 'layer-4'],
    };
    case 'waf.rateLimited': return rateLimited(event);
  }
}

function sniRead(e: EventOf<'lb.sniRead'>, mode: Mode): Narration {
  const { serverName, bytesBuffered, alpn = [], encryptedClientHello = false } = e.detail;
  const offered = alpn.length > 0 ? `It also read the ALPN list, ${list(alpn.slice(0, 4).map((p) => shown(p, 20)))}, the protocols the client offers.` : 'The hello offers no ALPN list, so the protocol inside stays unnamed.';
  if (encryptedClientHello) {
    return {
      headline: serverName ? fitted('LB reads only the outer SNI ', serverName, ' (ECH)') : 'LB finds an ECH hello with no outer SNI',
      detail: sentences(
        `The ClientHello carries encrypted_client_hello, so the name the LB parsed${serverName ? `, ${shown(serverName, 40)},` : ''} is only the public name of the outer hello: the real server name is sealed inside, for whoever holds the ECH key.`,
        offered,
      ),
      modeNote: 'A passthrough LB without the ECH key routes on the public name alone, so name-based pools stop working. Real deployments make the LB the client-facing server that holds the ECH key.',
      glossary: ['ech', 'sni', 'layer-4'],
    };
  }
  return {
    headline: serverName ? fitted('LB reads SNI ', serverName, ' without decrypting') : 'LB finds no SNI in the ClientHello',
    detail: sentences(
      `It buffered ${bytesBuffered} bytes, enough for the whole ClientHello, and ${serverName ? 'parsed the server_name extension' : 'found no server_name extension'}: no key is needed for that.`,
      offered,
      !serverName && 'Without a name, the LB can only send the connection to a default backend.',
    ),
    modeNote: relaysTls(mode)
      ? 'The SNI and ALPN are all a passthrough LB learns from the client: no Host header, no path, no cookie. Its whole routing decision for this connection rests on them.'
      : undefined,
    glossary: ['sni', 'layer-4'],
  };
}

/** Passthrough, relaying the server's first flight: the certificate is readable up to TLS 1.2 and encrypted in 1.3. */
function serverHandshakeSeen(e: EventOf<'lb.serverHandshakeSeen'>, mode: Mode): Narration {
  const { version, certificateSubject } = e.detail;
  const reason = serverFlightText(e.detail);
  // reason is quoted only when the LB read nothing: it says why; a subject speaks for itself.
  const modeNote = MODE_FACTS[mode].layer === 4
    ? 'Switch the protocol between TLS 1.2 and TLS 1.3 and compare: in 1.3 a layer-4 device learns the SNI and ALPN, and nothing about the server.'
    : undefined;
  if (certificateSubject) {
    return {
      headline: fitted('LB reads the server certificate ', certificateSubject, ' in clear'),
      detail: sentences(
        `Relaying the server's reply, the load balancer parsed the Certificate message without any key and read the subject ${shown(certificateSubject, 60)}.`,
        `This session is ${plain(version, 12)}: up to TLS 1.2 the server's identity crosses the network in cleartext, for the LB and any tap alike.`,
      ),
      modeNote,
      glossary: ['certificate', 'layer-4', 'tls-1-3'],
    };
  }
  const tls13 = /1\.3/.test(version);
  return {
    headline: tls13 ? 'LB sees a TLS 1.3 ServerHello, then only encrypted records' : 'LB cannot read the server certificate',
    detail: sentences(
      `Relaying the server's reply, the load balancer looked for the certificate and found none it could read: ${said(reason, 200)}.`,
      tls13 && 'All it knows of the server is the name the client asked for in the ClientHello, which nothing on the wire confirms.',
    ),
    modeNote,
    glossary: tls13 ? ['tls-1-3', 'certificate', 'layer-4'] : ['certificate', 'layer-4'],
  };
}

function routed(e: EventOf<'lb.routed'>, mode: Mode): Narration {
  const { backend } = e.detail;
  const basis = routeBasisText(e.detail);
  const to = nodeShort(backend);
  const why = shown(routeReason(e.detail), 120);
  if (e.detail.input === 'sni') {
    const cookieWanted = e.detail.cookieUnreadable === true;
    return {
      headline: `LB pins the whole connection to ${to}`,
      detail: sentences(
        `Chosen by ${plain(basis, 48)}: ${why}. Every byte of this TCP connection, and so every request sent on it, goes to ${nodeName(backend)}.`,
        cookieWanted && 'Cookie persistence is configured but cannot work: the cookie travels inside the encrypted stream.',
      ),
      modeNote: 'One decision per connection, made without seeing a single request. A visitor stays on one backend only while the connection lasts, or through source-IP affinity, which fails when many users share an address behind NAT.',
      glossary: ['layer-4', 'source-ip-affinity', 'sticky-session', 'keep-alive'],
    };
  }
  if (e.detail.input === 'port-80') {
    return {
      headline: `LB relays port 80 to ${to} at layer 4`,
      detail: `A layer-4 balancer cannot read or redirect plain HTTP, so it forwards port 80 to ${nodeName(backend)} (${why}), which must answer with the redirect itself.`,
      modeNote: relaysTls(mode) ? 'The same blindness as on 443, for the opposite reason: the bytes are readable, but a TCP relay does not parse them.' : undefined,
      glossary: ['layer-4', 'https-redirect'],
    };
  }
  if (e.detail.basis === 'cookie') {
    return {
      headline: `LB routes the request to ${to} by its persistence cookie`,
      detail: `It decrypted the request and found its own cookie: ${why}. The visitor stays on the backend that holds the login and the cart.`,
      modeNote: `Cookie persistence needs to read and set cookies: ${TERMINATES}.`,
      glossary: ['sticky-session', 'layer-7'],
    };
  }
  return {
    headline: `LB routes the request to ${to} (${plain(basis, 24)})`,
    detail: `Per request, not per connection: ${why}.`,
    modeNote: relaysTls(mode)
      ? undefined
      : 'Layer 7: each request is routed on its own and could be routed by path, Host header or cookie, because the LB reads it.',
    glossary: ['layer-7'],
  };
}

function headerAdded(e: EventOf<'lb.headerAdded'>, mode: Mode): Narration {
  const { name, value } = e.detail;
  const clientSent = e.detail.clientSent !== undefined;
  const overwritten = e.detail.clientSent?.kept === false;
  const proto = e.detail.forwardedProto;
  const clientCert = e.detail.clientCertSubject !== null;
  const glossary: GlossaryId[] = ['x-forwarded-for'];
  if (proto) glossary.push('x-forwarded-proto');
  if (clientCert) glossary.push('mtls');
  return {
    headline: fitted(`LB sets ${plain(name, 24)}: `, value),
    detail: sentences(
      clientSent
        ? overwritten
          ? 'The client had sent its own X-Forwarded-For; the load balancer replaced it with the address it really saw, so a forged value never reaches the backend.'
          : 'The client had sent its own X-Forwarded-For; the load balancer kept it and appended the address it really saw, so the backend must trust only the right-most entry.'
        : 'The backend TCP peer is now the load balancer, so the client address has to travel in a header.',
      proto && 'X-Forwarded-Proto: https tells the application that the visitor used HTTPS.',
      clientCert && 'X-SSL-Client-Cert-Subject carries the client identity the LB verified; any copy the client sent is removed first.',
    ),
    modeNote: reencrypts(mode)
      ? 'Possible because the LB decrypted the request; the headers then travel inside the second TLS session.'
      : plainToBackends(mode)
        ? 'Possible because the LB decrypted the request; in passthrough the same job needs PROXY protocol.'
        : undefined,
    glossary,
  };
}

function matchesSummary(matches: EventOf<'waf.inspected'>['detail']['matches']): string {
  if (matches.length === 0) return 'no rule matched';
  const parts = matches.slice(0, 3).map((m) => `rule ${m.ruleId} (${plain(m.category, 24)}) in ${plain(m.location, 24)} on ${shown(m.matched, 40)}`);
  return `${list(parts)}${matches.length > 3 ? ` and ${matches.length - 3} more` : ''}`;
}

function wafInspected(e: EventOf<'waf.inspected'>, mode: Mode): Narration {
  const { target, score, threshold, matches } = e.detail;
  return {
    headline: fitted('WAF inspects ', target, `: score ${score}, let through`),
    detail: `The WAF read the decrypted request, path, headers and body, and matched its rules: ${matchesSummary(matches)}. Anomaly score ${score} stays below the blocking threshold of ${threshold}.`,
    modeNote: reencrypts(mode)
      ? 'Inspection happens on the plaintext in the LB memory; the request is encrypted again before it goes on.'
      : 'Inspection needs the plaintext: a reason to terminate TLS at the LB.',
    glossary: ['waf', 'layer-7'],
  };
}

function wafBlocked(e: EventOf<'waf.blocked'>, mode: Mode): Narration {
  const { target, score, threshold, matches, status } = e.detail;
  return {
    headline: fitted('WAF blocks ', target, `: ${status}`),
    detail: `The WAF read the decrypted request and matched ${matchesSummary(matches)}. Anomaly score ${score} reaches the threshold of ${threshold}, so the load balancer answers ${status} itself and no backend sees the request.`,
    modeNote: relaysTls(mode)
      ? undefined
      : 'Blocking SQL injection or cross-site scripting at the edge is possible only because the LB holds the plaintext; in passthrough the same request would reach the backend.',
    glossary: ['waf', 'layer-7'],
  };
}

function rateLimited(e: EventOf<'waf.rateLimited'>): Narration {
  const { key, count, limit, scope } = e.detail;
  if (scope === 'connection') {
    return {
      headline: `Rate limit: connection ${count} from ${shown(key, 40)} reset`,
      detail: `The load balancer counts new connections per client address and this one goes over the limit of ${limit}, so it resets it.`,
      modeNote: 'A layer-4 LB can count only connections, not login attempts: with keep-alive, many logins fit in one connection, while users sharing one NAT address share one budget.',
      glossary: ['rate-limit', 'layer-4', 'rst'],
    };
  }
  return {
    headline: `Rate rule: request ${count} for ${shown(key, 40)} gets 429`,
    detail: `The load balancer counts requests per client address and path and this one goes over the limit of ${limit}, so it answers 429 Too Many Requests without involving a backend.`,
    modeNote: 'Counting login attempts per path needs to read the request: only a terminating LB can do it.',
    glossary: ['rate-limit', 'layer-7'],
  };
}
