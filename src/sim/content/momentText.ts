/**
 * The beginner's view in words: one plain sentence per key moment (observe/keyMoments.ts), written for someone
 * who knows HTTP but not TLS. Plain words come first and the exact term second; the terms are returned as
 * glossary ids so the page can link them.
 */
import type { ExchangeFacts, FailureFacts, KeyMoment, MomentOf } from '../observe/keyMoments';
import { MODE_FACTS } from '../scenarios/modes';
import type { Mode, TlsProtocol } from '../scenarios/types';
import { TLS_ALERT_TEXT, PARSE_WHAT } from './eventText';
import type { GlossaryId } from './glossary';
import { MOMENT_LABELS } from './labels';
import { capitalize, list, nodeName, plain, shown } from './text';

export interface MomentWords {
  /** The moment's short title ("Certificate"). */
  readonly title: string;
  /** One plain sentence. */
  readonly sentence: string;
  /** The terms the sentence uses, most relevant first. */
  readonly glossary: readonly GlossaryId[];
}

type Words = Omit<MomentWords, 'title'>;

const who = (client: string): string => (client === 'client' ? 'the browser' : `client ${shown(client, 24)}`);
const request = (method: string, target: string): string => `${plain(method, 12)} ${shown(target, 48)}`;
const status = (code: number | null): string => (code === null ? 'no answer' : String(code));
/** The client is "the browser" for a beginner; the other nodes as the narration names them. */
const actor = (node: string): string => (node === 'client' ? 'the browser' : nodeName(node));
/** "the load balancer" or "backend-1", for whoever ends the client's TLS when the run does not say. */
const tlsEnd = (mode: Mode): string => (MODE_FACTS[mode].clientTlsEndsAt === 'lb' ? 'the load balancer' : 'the backend');

/** The words for one key moment. `protocol` is the run's TLS version (`timeline.protocol.id`). */
export function momentText(moment: KeyMoment, mode: Mode, protocol?: TlsProtocol): MomentWords {
  return { title: MOMENT_LABELS[moment.kind], ...words(moment, mode, protocol) };
}

function words(m: KeyMoment, mode: Mode, protocol: TlsProtocol | undefined): Words {
  switch (m.kind) {
    case 'dns':
      return { sentence: `The browser looks up ${shown(m.name, 48)} in DNS, the internet's address book: it gets ${plain(m.address, 40)}, the load balancer's public address, not a backend's.`, glossary: ['dns', 'vip'] };
    case 'connection':
      return { sentence: `The browser opens a connection to the load balancer${m.scheme === 'http' ? ' on port 80, with no encryption' : ''}: three small packets, the TCP handshake, agree to talk.`, glossary: ['tcp-handshake'] };
    case 'hello':
      return hello(m);
    case 'certificate':
      return certificate(m, mode, protocol);
    case 'keys':
      return { sentence: `The browser and ${nodeName(m.peer)} now share secret keys (${plain(m.version, 12)}): from here on, everything between them is encrypted.`, glossary: [m.version === 'TLS 1.3' ? 'key-schedule' : 'master-secret', 'cipher-suite'] };
    case 'reencrypt':
      return { sentence: `The load balancer sets up a second encrypted connection of its own, to ${nodeName(m.backend)}: the request is encrypted again for the internal network.`, glossary: ['ca', 'certificate'] };
    case 'request':
      return {
        sentence: `${capitalize(who(m.client))} sends ${request(m.method, m.target)}${m.followsRedirect ? ', following the redirect,' : ''} ${m.scheme === 'http' ? 'in plain text: anyone on the way can read it' : 'inside the encrypted connection'}.`,
        glossary: m.scheme === 'http' ? ['https-redirect'] : ['record'],
      };
    case 'waf':
      return waf(m);
    case 'route':
      return m.input === 'port-80'
        ? { sentence: `The load balancer passes the plain port 80 connection to ${nodeName(m.backend)} without reading it.`, glossary: ['layer-4'] }
        : { sentence: `The load balancer reads the request itself and picks ${nodeName(m.backend)} to answer it${m.basis === 'cookie' ? ', as the session cookie asks' : ''}.`, glossary: m.basis === 'cookie' ? ['layer-7', 'sticky-session'] : ['layer-7'] };
    case 'backend':
      return backend(m, mode);
    case 'lbAnswer':
      return m.how === 'cache'
        ? { sentence: 'The load balancer answers from its own cache: no backend is asked.', glossary: ['response-cache'] }
        : { sentence: `The load balancer answers itself with a redirect${m.location ? ` to ${shown(m.location, 60)}` : ''}: use the encrypted address instead.`, glossary: ['https-redirect'] };
    case 'response':
      return { sentence: `${capitalize(who(m.client))} gets ${m.status} ${plain(m.statusText, 32)}${m.servedBy ? ` from ${nodeName(m.servedBy)}` : ' from the load balancer'}.`, glossary: [] };
    case 'repeats':
      return repeats(m);
    case 'failure':
      return failure(m.failure, mode);
  }
}

function hello(m: MomentOf<'hello'>): Words {
  const name = m.echOuterName ?? m.serverName;
  const says = name
    ? `The browser says hello and names the site it wants, ${shown(name, 48)}, in the clear: the SNI`
    : 'The browser says hello, without naming the site (no SNI)';
  const ech = m.echOuterName ? ' (only the public name: ECH hides the real one)' : '';
  const lb = m.routedTo
    ? `. The load balancer reads it without decrypting anything and sends the whole connection to ${nodeName(m.routedTo)}.`
    : '.';
  return { sentence: `${says}${ech}${lb}`, glossary: ['sni', ...(m.echOuterName ? (['ech'] as const) : []), ...(m.routedTo ? (['layer-4'] as const) : [])] };
}

function certificate(m: MomentOf<'certificate'>, mode: Mode, protocol: TlsProtocol | undefined): Words {
  const from = m.presentedBy ? nodeName(m.presentedBy) : tlsEnd(mode);
  const through = m.presentedBy && m.presentedBy !== 'lb' ? ', through the load balancer,' : '';
  const whose = m.subject ? ` for ${shown(m.subject, 48)}` : '';
  const how = m.hidden || protocol === 'tls1.3'
    ? 'it travels encrypted (TLS 1.3), so nobody on the way can read it'
    : m.lbReadSubject
      ? 'it travels unencrypted, so even the load balancer reads whose it is'
      : 'it travels unencrypted, so anyone on the way can read whose it is';
  return { sentence: `${capitalize(from)}${through} shows the site's ID card, its certificate${whose}: ${how}.`, glossary: m.hidden ? ['certificate', 'tls-1-3'] : ['certificate', 'ca'] };
}

function backend(m: MomentOf<'backend'>, mode: Mode): Words {
  const facts = MODE_FACTS[mode];
  const how = facts.clientTlsEndsAt === 'backend'
    ? 'decrypts the request itself, with the site\'s private key,'
    : facts.backendTls ? 'decrypts the load balancer\'s re-encrypted copy,' : 'gets the request unencrypted from the load balancer,';
  return {
    sentence: `${capitalize(nodeName(m.backend))} ${how} handles ${request(m.method, m.target)} and answers ${m.status}.`,
    glossary: facts.clientTlsEndsAt === 'backend' ? ['private-key'] : [],
  };
}

function waf(m: MomentOf<'waf'>): Words {
  switch (m.verdict) {
    case 'passed': return { sentence: 'The load balancer decrypts the request and its firewall, the WAF, checks it: nothing suspicious, so it goes on.', glossary: ['waf', 'layer-7'] };
    case 'blocked': return { sentence: `The firewall, the WAF, finds an attack in the decrypted request and answers ${status(m.status)}: the backend never sees it.`, glossary: ['waf'] };
    case 'blind': return { sentence: 'The firewall, the WAF, cannot check the request: it is still encrypted and the load balancer holds no key.', glossary: ['waf', 'layer-4'] };
    case 'rate-limited': return { sentence: `Too many tries from one address: the rate limit answers ${status(m.status ?? null)} instead of passing the request on.`, glossary: ['rate-limit'] };
  }
}

function repeats(m: MomentOf<'repeats'>): Words {
  const n = m.requests.length;
  const what = list(m.requests.slice(0, 4).map((r: ExchangeFacts) => request(r.method, r.target))) + (n > 4 ? ` and ${n - 4} more` : '');
  const statuses = [...new Set(m.requests.map((r) => status(r.status)))];
  const how = m.newConnections === 0 ? 'on the same connection' : m.newConnections === n ? 'each on a new connection' : 'partly on new connections';
  return {
    sentence: n === 1
      ? `One more request (${what}) goes the same way, ${how === 'each on a new connection' ? 'on a new connection' : how}, and gets ${list(statuses)}.`
      : `${n} more requests (${what}) go the same way, ${how}, and get ${list(statuses)}.`,
    glossary: m.newConnections === 0 ? ['keep-alive'] : ['tcp-handshake'],
  };
}

function failure(f: FailureFacts, mode: Mode): Words {
  switch (f.cause) {
    case 'tls-alert-sent':
      return {
        sentence: `${capitalize(actor(f.node))} stops the connection with an alarm, a TLS alert: ${TLS_ALERT_TEXT[f.reason]}.`,
        glossary: f.reason.startsWith('certificate') ? ['alert', 'certificate'] : f.reason === 'record-authentication-failed' ? ['alert', 'mac'] : ['alert'],
      };
    case 'tls-alert-received':
      return { sentence: `${capitalize(actor(f.node))} receives an alarm, a TLS alert (${plain(f.alert, 32)}), and the connection ends.`, glossary: ['alert'] };
    case 'parse-failed':
      return { sentence: `${capitalize(actor(f.node))} cannot make sense of the ${PARSE_WHAT[f.what]} and drops the connection.`, glossary: f.what === 'client-hello' ? ['sni'] : f.what === 'proxy-header' ? ['proxy-protocol'] : [] };
    case 'connection-refused':
      return { sentence: `Nothing listens on ${plain(f.ip, 40)} port ${f.port}: the connection is refused.`, glossary: ['rst'] };
    case 'backend-rejected':
      return { sentence: `The load balancer cannot use ${nodeName(f.backend)}${MODE_FACTS[mode].backendTls ? ' (its encrypted connection failed)' : ''} and answers ${f.status} Bad Gateway.`, glossary: MODE_FACTS[mode].backendTls ? ['certificate', 'ca'] : [] };
    case 'client-gave-up':
      return { sentence: f.reason === 'too-many-redirects' ? 'The browser gives up: the redirects go round in a loop.' : 'The browser gives up: the connection failed before an answer came.', glossary: f.reason === 'too-many-redirects' ? ['https-redirect'] : ['alert'] };
  }
}
