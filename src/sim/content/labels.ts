/**
 * The few words first-paint UI needs before the prose (this folder's other modules, loaded lazily) arrives: a
 * short label per event type, and what each key role is for. Kept tiny: `sim/index.ts` exports it as a value.
 */
import type { SimEventType } from '../core/events';
import type { KeyRole } from '../core/reasons';
import type { MomentKind } from '../observe/keyMoments';

export const EVENT_LABELS: Readonly<Record<SimEventType, string>> = {
  'tcp.segmentSent': 'Packet',
  'dns.resolved': 'DNS answer',
  'tls.handshakeCompleted': 'TLS handshake done',
  'tls.keysDerived': 'Keys derived',
  'tls.alertSent': 'TLS alert sent',
  'tls.alertReceived': 'TLS alert received',
  'lb.sniRead': 'LB read the SNI',
  'lb.serverHandshakeSeen': 'LB saw the server hello',
  'lb.routed': 'LB chose a backend',
  'lb.headerAdded': 'LB added a header',
  'lb.proxyHeaderSent': 'PROXY header sent',
  'lb.backendRejected': 'Backend unusable',
  'http.requestSent': 'Request sent',
  'http.requestHandled': 'Request handled',
  'http.responseReceived': 'Response received',
  'waf.inspected': 'WAF inspected',
  'waf.blocked': 'WAF blocked',
  'waf.notInspected': 'WAF could not inspect',
  'waf.rateLimited': 'Rate limited',
  'lb.cacheHit': 'Cache hit',
  'lb.cacheStored': 'Cached',
  'lb.compressed': 'Compressed',
  'lb.redirected': 'Redirected',
  'parse.failed': 'Could not parse',
  'client.gaveUp': 'Client gave up',
  'tcp.connectionRefused': 'Connection refused',
};

/** A short label for any event type, also one this build does not know. */
export function eventLabel(type: string): string {
  return (EVENT_LABELS as Readonly<Record<string, string>>)[type] ?? type;
}

/** What a held key is for, with the site's name (the run's: a trainer's scenario has its own). */
export function keyRoleText(role: KeyRole, siteName: string): string {
  return role === 'site' ? `terminates the client's TLS for ${siteName}` : 'terminates the LB\'s re-encrypted TLS on the internal network';
}

/** A short title per kind of key moment (the beginner's view), shown until the prose has loaded. */
export const MOMENT_LABELS: Readonly<Record<MomentKind, string>> = {
  dns: 'Name lookup',
  connection: 'Connection',
  hello: 'Hello',
  certificate: 'Certificate',
  keys: 'Keys ready',
  reencrypt: 'Encrypted again',
  request: 'Request',
  waf: 'Firewall check',
  route: 'Backend chosen',
  backend: 'Backend answers',
  lbAnswer: 'Load balancer answers',
  response: 'Response',
  repeats: 'More requests',
  failure: 'Failure',
};
