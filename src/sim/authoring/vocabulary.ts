/**
 * The engine's closed vocabularies a lesson file may name (event types, nodes, question kinds, requirements), as
 * runtime lists. Each is written as a Record over its type, so the compiler proves the list complete: a new event
 * type or question kind does not compile until it is listed here, and the file format learns it with the engine.
 */
import type { SimEventType } from '../core/events';
import type { QuestionKind, QuestionSpec, Requirement } from '../lessons/types';
import type { NodeId } from '../net/topology';

const keysOf = <T extends string>(record: Record<T, true>): T[] => Object.keys(record) as T[];

export const EVENT_TYPES: readonly SimEventType[] = keysOf<SimEventType>({
  'tcp.segmentSent': true,
  'dns.resolved': true,
  'tls.handshakeCompleted': true,
  'tls.keysDerived': true,
  'tls.alertSent': true,
  'tls.alertReceived': true,
  'lb.sniRead': true,
  'lb.serverHandshakeSeen': true,
  'lb.routed': true,
  'lb.headerAdded': true,
  'lb.proxyHeaderSent': true,
  'lb.backendRejected': true,
  'http.requestSent': true,
  'http.requestHandled': true,
  'http.responseReceived': true,
  'waf.inspected': true,
  'waf.blocked': true,
  'waf.notInspected': true,
  'waf.rateLimited': true,
  'lb.cacheHit': true,
  'lb.cacheStored': true,
  'lb.compressed': true,
  'lb.redirected': true,
  'parse.failed': true,
  'client.gaveUp': true,
  'tcp.connectionRefused': true,
});

export const NODE_IDS: readonly NodeId[] = keysOf<NodeId>({ client: true, lb: true, 'backend-1': true, 'backend-2': true, 'backend-3': true });

export const QUESTION_KINDS: readonly QuestionKind[] = keysOf<QuestionKind>({
  'who-reads': true,
  'key-holders': true,
  'served-by': true,
  'client-ip': true,
  'waf-verdict': true,
  'handled-count': true,
  cart: true,
  'lb-sees-certificate': true,
  'sni-seen': true,
  'client-cert-checked-by': true,
  'request-succeeds': true,
  'choose-mode': true,
});

export const REQUIREMENTS: readonly Requirement[] = keysOf<Requirement>({
  'waf-inspects': true,
  'lb-holds-no-key': true,
  'internal-encrypted': true,
  'backends-skip-tls': true,
  'backend-sees-client-ip': true,
  'cart-kept': true,
});

/** The field each question kind needs besides the common ones (id, kind, prompt, predict, explain). */
export type QuestionField = 'secret' | 'request' | 'requirements';
export const QUESTION_FIELDS: Readonly<Record<QuestionKind, QuestionField | null>> = {
  'who-reads': 'secret',
  'key-holders': null,
  'served-by': 'request',
  'client-ip': 'request',
  'waf-verdict': 'request',
  'handled-count': 'request',
  cart: null,
  'lb-sees-certificate': null,
  'sni-seen': null,
  'client-cert-checked-by': null,
  'request-succeeds': 'request',
  'choose-mode': 'requirements',
};

/** `who-reads`: what the learner looks for in plaintext. */
export const SECRETS = keysOf<Extract<QuestionSpec, { kind: 'who-reads' }>['secret']>({ password: true, cookie: true, request: true });
