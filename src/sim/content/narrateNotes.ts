/**
 * Narration of the non-packet events of the endpoints: DNS, TLS session results, HTTP as the client and the
 * backends see it, parse failures and refused connections. Values come from each event's `detail`.
 */
import type { EventOf } from '../core/events';
import type { ClientIpSource } from '../http/shopIdentity';
import { LB_INTERNAL_ADDRESS, type NodeId } from '../net/topology';
import { MODE_FACTS } from '../scenarios/modes';
import type { Mode, TlsProtocol } from '../scenarios/types';
import { alertText, gaveUpText, PARSE_WHAT, parseFailureText } from './eventText';
import { alertMeaning } from './alerts';
import type { GlossaryId } from './glossary';
import type { Narration } from './narration';
import { keysDerived } from './narrateKeys';
import { alertModeNote } from './narrateTls';
import { RECORD_FACTS, versionProtocol } from './protocolOf';
import { address, capitalize, fitted, isBackend, nodeName, nodeShort, plain, said, sentences, shown } from './text';
import { plainToBackends, reencrypts, relaysTls } from './modeTraits';

type NoteEvent =
  | EventOf<'dns.resolved'> | EventOf<'tls.keysDerived'> | EventOf<'tls.handshakeCompleted'> | EventOf<'tls.alertSent'> | EventOf<'tls.alertReceived'>
  | EventOf<'http.requestSent'> | EventOf<'http.requestHandled'> | EventOf<'http.responseReceived'>
  | EventOf<'parse.failed'> | EventOf<'tcp.connectionRefused'> | EventOf<'client.gaveUp'>;

export function narrateNote(event: NoteEvent, mode: Mode, protocol?: TlsProtocol): Narration {
  switch (event.type) {
    case 'dns.resolved': return dnsResolved(event);
    case 'tls.keysDerived': return keysDerived(event, mode);
    case 'tls.handshakeCompleted': return handshakeCompleted(event, mode);
    case 'tls.alertSent': return alertSent(event, mode);
    case 'tls.alertReceived': return alertReceived(event, mode, protocol);
    case 'http.requestSent': return requestSent(event, mode);
    case 'http.requestHandled': return requestHandled(event, mode);
    case 'http.responseReceived': return responseReceived(event, mode);
    case 'parse.failed': return parseFailed(event, mode);
    case 'tcp.connectionRefused': return connectionRefused(event);
    case 'client.gaveUp': return clientGaveUp(event, mode);
  }
}

function dnsResolved(e: EventOf<'dns.resolved'>): Narration {
  return {
    headline: `DNS: ${shown(e.detail.name, 32)} resolves to ${address(e.detail.address)}, the LB`,
    detail: 'The site name points at the load balancer virtual IP, never at a backend: every visitor connects to the balancer first, and the backends stay on a private network.',
    glossary: ['dns', 'vip'],
  };
}

function handshakeCompleted(e: EventOf<'tls.handshakeCompleted'>, mode: Mode): Narration {
  const { peer, peerCertificate, version, cipherSuite } = e.detail;
  const cert = peerCertificate ? shown(peerCertificate, 40) : null;
  const suite = `${plain(version, 12)} with ${plain(cipherSuite, 48)}`;
  const rsaTransport = versionProtocol(version, undefined) === 'tls1.1';
  const glossary: GlossaryId[] = ['master-secret', 'finished', 'cipher-suite'];
  if (e.node === 'client') {
    return {
      headline: `Client completes the TLS handshake${cert ? ` with ${cert}` : ''}`,
      detail: `The client checked the certificate${cert ? ` for ${cert}` : ''} (a chain to a CA it trusts, the dates, the hostname) and the server's Finished, and now shares session keys for ${suite}. Its HTTP travels inside this session from here on.`,
      modeNote: relaysTls(mode)
        ? 'The session ends at a backend, though the client cannot tell which one: it only ever saw the VIP and the site certificate.'
        : plainToBackends(mode)
          ? 'The session ends at the load balancer; behind it, requests continue as plain HTTP.'
          : 'The session ends at the load balancer; a separate TLS session carries each request on to a backend.',
      glossary: [...glossary, 'certificate', 'ca'],
    };
  }
  if (e.node === 'lb' && isBackend(peer)) {
    return {
      headline: `LB completes a second TLS session with ${nodeShort(peer)}`,
      detail: `${capitalize(nodeName(peer))} presented a certificate${cert ? ` for ${cert}` : ''}, and the two share keys for ${suite} that have nothing to do with the client session.`,
      modeNote: 'With backend verification on, the LB checked that certificate against the internal CA; with it off (the nginx default), an impostor would have got this far too.',
      glossary: [...glossary, 'ca'],
    };
  }
  if (e.node === 'lb') {
    return {
      headline: 'LB completes the TLS handshake with the client',
      detail: sentences(
        rsaTransport
          ? `The load balancer opened the pre-master secret with the site private key and now holds this session's keys (${suite}): it can decrypt everything the client sends on it.`
          : `The load balancer signed the handshake with the site private key and completed the x25519 exchange, so it holds this session's keys (${suite}): it can decrypt everything the client sends on it.`,
        cert && `It also verified the client certificate for ${cert} (mutual TLS).`,
      ),
      modeNote: reencrypts(mode) ? 'The first of two sessions: the LB will re-encrypt toward the backend.' : 'TLS ends here: what goes on to the backends is plain HTTP.',
      glossary: cert ? [...glossary, 'mtls'] : glossary,
    };
  }
  const backend = nodeName(e.node);
  if (relaysTls(mode)) {
    return {
      headline: `${nodeShort(e.node)} completes TLS with the client, through the LB`,
      detail: sentences(
        rsaTransport
          ? `${capitalize(backend)} opened the pre-master secret with its copy of the site private key; it and the client now share keys for ${suite} that the load balancer never saw.`
          : `${capitalize(backend)} signed with its copy of the site private key and completed the x25519 exchange with the client; the two now share keys for ${suite} that the load balancer never saw.`,
        cert && `It verified the client certificate for ${cert} itself (mutual TLS).`,
      ),
      modeNote: 'One TLS session from the browser to the backend: the LB was on the path but not in the session.',
      glossary: cert ? [...glossary, 'private-key', 'mtls'] : [...glossary, 'private-key'],
    };
  }
  return {
    headline: `${nodeShort(e.node)} completes TLS with the LB`,
    detail: `${capitalize(backend)} used its own key and certificate; it shares keys for ${suite} with the load balancer, not with the client.`,
    modeNote: 'The re-encrypted leg: the backend TLS peer is the LB, so a client certificate can reach the backend only as a header the LB adds.',
    glossary,
  };
}

function alertSent(e: EventOf<'tls.alertSent'>, mode: Mode): Narration {
  const { alert, code } = e.detail;
  const reason = alertText(e.detail.reason, e.detail.diagnostic);
  return {
    headline: `${nodeShort(e.node)} sends fatal alert ${plain(alert, 30)} (${code})`,
    detail: `${capitalize(nodeName(e.node))} gives up on the TLS session, reporting ${said(reason, 120)}. A ${plain(alert, 30)} alert means ${alertMeaning(alert)}.`,
    modeNote: alertModeNote(alert, { node: e.node }, mode),
    glossary: ['alert', ...(alert.includes('certificate') || alert === 'unknown_ca' ? (['certificate', 'ca'] as const) : []), ...(alert === 'bad_record_mac' ? (['mac'] as const) : [])],
  };
}

function alertReceived(e: EventOf<'tls.alertReceived'>, mode: Mode, protocol: TlsProtocol | undefined): Narration {
  const { alert, code } = e.detail;
  let modeNote: string | undefined;
  if (relaysTls(mode) && isBackend(e.node)) modeNote = 'The alert came from the client through the LB, which relayed it without taking part in the session.';
  else if (!relaysTls(mode) && e.node === 'lb') modeNote = 'The LB is the endpoint that receives it: this session between client and LB is over, and no backend ever hears of it.';
  return {
    headline: `${nodeShort(e.node)} receives fatal ${plain(alert, 30)}: the session is over`,
    detail: `${capitalize(nodeName(e.node))} got a fatal ${plain(alert, 30)} alert (${code}): ${alertMeaning(alert)}. A fatal alert ends the session at once and the connection closes (${RECORD_FACTS[protocol ?? 'tls1.1'].fatalAlertRef}).`,
    modeNote,
    glossary: ['alert'],
  };
}

function requestSent(e: EventOf<'http.requestSent'>, mode: Mode): Narration {
  const request = shown(`${e.detail.method} ${e.detail.target}`, 56);
  const { redirectOf } = e.detail;
  const purpose = redirectOf ? `follow the redirect to ${redirectOf.scheme}://${redirectOf.host}${redirectOf.path}` : e.detail.purpose;
  const plainHttp = e.detail.scheme === 'http';
  let modeNote: string;
  if (plainHttp) modeNote = 'Plain http: this request goes to port 80 without any encryption, in every mode.';
  else if (relaysTls(mode)) modeNote = 'It will leave as TLS records only the backend can decrypt.';
  else if (plainToBackends(mode)) modeNote = 'The LB will decrypt it, and forward it as cleartext HTTP.';
  else modeNote = 'The LB will decrypt it, look at it, and encrypt it again for the backend.';
  return {
    headline: fitted('Client sends ', `${e.detail.method} ${e.detail.target}`),
    detail: sentences(
      `The browser writes the request ${request} into its connection, reusing an open one when it can.`,
      purpose && `Purpose: ${shown(purpose, 100)}.`,
    ),
    modeNote,
    glossary: plainHttp ? ['https-redirect'] : ['keep-alive'],
  };
}

const CLIENT_IP_SOURCES: Readonly<Record<ClientIpSource, string>> = {
  'proxy protocol': 'it read the client address from the PROXY header the load balancer wrote in front of the TLS bytes',
  'x-forwarded-for from trusted proxy': 'it took the address from X-Forwarded-For, trusting it because the TCP peer is the load balancer',
  'x-forwarded-for from UNTRUSTED peer (ignored)': 'it ignored an X-Forwarded-For header because the TCP peer is not a trusted proxy, and used the peer address',
  'tcp peer': 'all it has is the TCP peer address',
};

/** Why a backend answered with a redirect to HTTPS and nothing else: who sent it plain HTTP, and what follows. */
function redirectNote(node: NodeId, peerAddress: string, target: string): string {
  const backend = capitalize(nodeName(node));
  if (peerAddress === LB_INTERNAL_ADDRESS) {
    return `${backend} got plain HTTP from the load balancer without a trusted X-Forwarded-Proto: https, so it believes the visitor is not on HTTPS and sends them to https://…${shown(target, 40)}. Behind an offloading load balancer that is a loop: the load balancer must say the visitor used HTTPS.`;
  }
  return `${backend} ends TLS itself, so its port 80 only redirects: a request in cleartext gets this redirect to HTTPS and nothing else (any header it carried, forged or not, never reaches the page). The browser follows it over TLS, through the load balancer.`;
}

function requestHandled(e: EventOf<'http.requestHandled'>, mode: Mode): Narration {
  const { method, target, status, clientIp, clientIpSource, peerAddress, sql, appNote, effect } = e.detail;
  const how = CLIENT_IP_SOURCES[clientIpSource] ?? `it used ${shown(String(clientIpSource), 60)}`;
  const tcpPeer = clientIpSource === 'tcp peer';
  const forwarded = clientIpSource === 'x-forwarded-for from trusted proxy' || clientIpSource === 'x-forwarded-for from UNTRUSTED peer (ignored)';
  const believesLb = clientIp === peerAddress && tcpPeer;
  const injected = effect === 'sql-injection';
  const unsanitized = effect === 'stored-unsanitized';
  const passthrough = MODE_FACTS[mode].clientTlsEndsAt === 'backend';
  let modeNote: string | undefined;
  if ((injected || unsanitized) && passthrough) modeNote = 'The attack arrived encrypted, so the WAF at the LB never saw it: in passthrough only a WAF on the backend itself could have stopped it.';
  else if (injected || unsanitized) modeNote = 'The LB could read this request; a WAF rule there (for SQL injection or cross-site scripting) is what would stop it before the application.';
  else if (passthrough && forwarded && clientIp !== peerAddress) modeNote = 'A passthrough LB cannot write or strip this header: the client wrote it inside the encrypted stream, and the backend trusted it only because the TCP peer is the LB. Behind passthrough, X-Forwarded-For proves nothing.';
  else if (passthrough && believesLb) modeNote = 'Without PROXY protocol every request seems to come from the LB: logs, rate limits and geolocation lose the real client.';
  else if (passthrough && clientIpSource === 'proxy protocol') modeNote = 'PROXY protocol restores the client address that a passthrough LB cannot put in a header.';
  else if (MODE_FACTS[mode].lbReadsHttp && forwarded) modeNote = 'The LB could add this header only because it reads and rewrites the HTTP request.';
  if (effect === 'redirected-to-https') modeNote = redirectNote(e.node, peerAddress, target);
  const glossary: GlossaryId[] = clientIpSource === 'proxy protocol' ? ['proxy-protocol'] : forwarded ? ['x-forwarded-for'] : ['proxy-protocol', 'x-forwarded-for'];
  if (injected || unsanitized) glossary.unshift('waf');
  return {
    headline: fitted(`${nodeShort(e.node)} handles `, `${method} ${target}`, `: ${status}`),
    detail: sentences(
      `${capitalize(nodeName(e.node))} answers ${status} and believes the client is ${address(clientIp)}: ${how}${tcpPeer ? ` (${address(peerAddress)})` : ''}.`,
      sql && `Its database ran ${shown(sql, 120)}.`,
      appNote && `The application notes: ${shown(appNote, 80)}.`,
    ),
    modeNote,
    glossary,
  };
}

function responseReceived(e: EventOf<'http.responseReceived'>, mode: Mode): Narration {
  const { status, servedBy, bodyPreview } = e.detail;
  const from = servedBy ? ` from ${plain(servedBy, 24)}` : '';
  const lostSession = status === 401 && /never saw|unknown session/i.test(bodyPreview);
  let detail: string;
  let modeNote: string | undefined;
  const glossary: GlossaryId[] = [];
  if (lostSession) {
    detail = `${servedBy ? plain(servedBy, 24) : 'This backend'} has no record of the login: it lives on another backend. When a visitor lands on a different backend mid-session, the login and the cart are gone.`;
    modeNote = relaysTls(mode)
      ? 'Passthrough cannot use a cookie to keep a visitor on one backend: only a long-lived connection or source-IP affinity can, and the latter fails behind NAT.'
      : 'Turn on cookie persistence: a terminating LB can set and read its own cookie to keep the visitor on one backend.';
    glossary.push('sticky-session', 'source-ip-affinity', 'keep-alive');
  } else if (status >= 200 && status < 300) {
    detail = `The response came back over the same connection and the client decrypted it${servedBy ? `; its X-Served-By header names ${plain(servedBy, 24)}` : ''}.`;
  } else if (status === 301 || status === 302 || status === 307 || status === 308) {
    detail = 'A redirect: the browser will follow the Location header, which usually means a new connection, this time over HTTPS.';
    glossary.push('https-redirect');
  } else if (status === 401) {
    detail = 'Unauthorized: the backend does not recognise a logged-in session for this visitor.';
    glossary.push('sticky-session');
  } else if (status === 403) {
    detail = 'Refused. When it comes from the load balancer WAF, the request never reached a backend.';
    glossary.push('waf');
  } else if (status === 429) {
    detail = 'Too many requests: a rate rule refused this one; the client is told when to retry.';
    glossary.push('rate-limit');
  } else if (status === 502) {
    detail = 'Bad Gateway: the load balancer could not get a usable answer from the backend, so it answered the client itself.';
  } else {
    detail = `The client received status ${status}.`;
  }
  return { headline: `Client gets ${status}${from}`, detail, modeNote, glossary };
}

function parseFailed(e: EventOf<'parse.failed'>, mode: Mode): Narration {
  const what = PARSE_WHAT[e.detail.what];
  const reason = parseFailureText(e.detail);
  const proxy = e.detail.what === 'proxy-header';
  const hello = e.detail.what === 'client-hello';
  let modeNote: string | undefined;
  if (proxy) modeNote = 'PROXY protocol must be switched on at both ends: the backend must not guess whether a header is there, so any mismatch breaks the connection.';
  else if (hello && MODE_FACTS[mode].layer === 4) modeNote = 'Without a readable ClientHello a passthrough LB has nothing to route on, so it resets the connection.';
  return {
    headline: `${nodeShort(e.node)} cannot parse the ${plain(what, 40)}`,
    detail: `${capitalize(nodeName(e.node))} gave up on the ${plain(what, 40)}: ${said(reason, 140)}.`,
    modeNote,
    glossary: proxy ? ['proxy-protocol', 'rst'] : hello ? ['sni', 'rst'] : ['layer-7'],
  };
}

function connectionRefused(e: EventOf<'tcp.connectionRefused'>): Narration {
  return {
    headline: `Connection refused at ${nodeShort(e.node)}`,
    detail: `The TCP connection could not be opened: nothing listens on ${address(`${e.detail.ip}:${e.detail.port}`)}. The caller gets a reset instead of a SYN+ACK.`,
    glossary: ['rst', 'tcp-handshake'],
  };
}

function clientGaveUp(e: EventOf<'client.gaveUp'>, mode: Mode): Narration {
  const { unsent } = e.detail;
  const cause = e.detail.reason;
  const reason = gaveUpText(cause);
  const alert = cause.code === 'tls-alert-sent' ? cause.alert : null;
  const certificateAlert = alert === 'certificate_expired' || alert === 'unknown_ca' || alert === 'bad_certificate' ? alert : null;
  return {
    headline: `Client gives up${unsent > 0 ? `: ${unsent} request${unsent > 1 ? 's' : ''} never sent` : ''}`,
    detail: sentences(
      `Like a browser showing an error page, the client stops here: ${said(reason, 140)}.`,
      unsent > 0 && `The remaining ${unsent === 1 ? 'request is' : `${unsent} requests are`} never sent.`,
    ),
    modeNote: certificateAlert ? alertModeNote(certificateAlert, { node: 'client' }, mode) : undefined,
    glossary: ['alert'],
  };
}
