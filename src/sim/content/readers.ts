/**
 * "Who can read this packet", said from the views the visibility pass computed: each observer's verdict is
 * the result of really trying to decode the bytes with the keys it holds, so the prose never guesses.
 */
import type { SegmentSentEvent } from '../core/events';
import type { ObserverView } from '../core/views';
import { byReadability, capitalize, list, observerName } from './text';

type Views = SegmentSentEvent['views'];

const isCleartextReason = (v: ObserverView | undefined): boolean => !!v && v.reason.code.startsWith('cleartext');

/** One sentence naming who can read the packet and who sees only ciphertext, or '' if nobody observed it. */
export function readersSentence(views: Views, except: readonly string[] = []): string {
  const groups = byReadability(views);
  for (const key of Object.keys(groups) as (keyof typeof groups)[]) groups[key] = groups[key].filter((id) => !except.includes(id));
  const parts: string[] = [];
  if (groups.plaintext.length > 0) {
    const cleartext = groups.plaintext.every((id) => isCleartextReason(views[id]));
    parts.push(`${list(groups.plaintext.map(observerName))} can ${cleartext ? 'read it as it is' : 'decrypt it'}`);
  }
  if (groups['handshake-only'].length > 0) {
    parts.push(`${list(groups['handshake-only'].map(observerName))} can read its unencrypted handshake fields`);
  }
  if (groups.encrypted.length > 0) {
    parts.push(`${list(groups.encrypted.map(observerName))} can see only ciphertext`);
  }
  return parts.length === 0 ? '' : `${capitalize(parts.join('; '))}.`;
}

export interface LbVerdict {
  /** For headlines: "the LB sees only ciphertext". */
  readonly short: string;
  /** For sentences. */
  readonly long: string;
  readonly readable: boolean;
}

/** What the load balancer itself could make of this packet, if it is on the packet's link. */
export function lbVerdict(views: Views): LbVerdict | null {
  const view = views.lb;
  if (!view) return null;
  switch (view.readability) {
    case 'plaintext':
      return isCleartextReason(view)
        ? { short: 'the LB reads it as is', long: 'the load balancer reads it without any key, as everyone on the link can', readable: true }
        : { short: 'the LB decrypts and reads it', long: 'the load balancer decrypts it and reads the plaintext, because it is an endpoint of this TLS session', readable: true };
    case 'handshake-only':
      return { short: 'the LB reads only handshake fields', long: 'the load balancer reads only the unencrypted handshake fields', readable: false };
    case 'encrypted':
      return { short: 'the LB sees only ciphertext', long: 'the load balancer sees only ciphertext: it holds no key for this session', readable: false };
    case 'no-payload':
      return null;
  }
}

/** The decrypted or cleartext HTTP of this packet, as the first observer that could read it recovered it. */
export function recoveredText(views: Views): string | null {
  for (const view of Object.values(views)) {
    if (view && view.readability === 'plaintext' && view.plaintext) return view.plaintext;
  }
  return null;
}

/** Facts about an HTTP message a learner should notice: a password, a session cookie, forwarding headers. */
export interface HttpFacts {
  readonly startLine: string | null;
  readonly isResponse: boolean;
  readonly password: boolean;
  readonly cookie: boolean;
  readonly setCookie: boolean;
  readonly forwardedFor: boolean;
}

export function httpFacts(text: string | null): HttpFacts {
  const source = text ?? '';
  const firstLine = source.split('\r\n', 1)[0] ?? '';
  const looksHttp = /^(HTTP\/1\.[01] \d{3}|[A-Z]{3,10} \S+ HTTP\/1\.[01])/.test(firstLine);
  return {
    startLine: looksHttp ? firstLine.replace(/ HTTP\/1\.[01]$/, '') : null,
    isResponse: /^HTTP\//.test(firstLine),
    password: /(^|[?&\r\n])password=/i.test(source),
    cookie: /\r\ncookie:/i.test(source),
    setCookie: /\r\nset-cookie:/i.test(source),
    forwardedFor: /\r\nx-forwarded-for:/i.test(source),
  };
}

/** What a reader of this message gets that matters ("the password and the cookies"), or null when nothing notable. */
export function secretsInside(facts: HttpFacts): { readonly text: string; readonly plural: boolean } | null {
  const items: string[] = [];
  if (facts.password) items.push('the password');
  if (facts.cookie) items.push('the cookies');
  if (facts.setCookie) items.push('a Set-Cookie header');
  if (items.length === 0) return null;
  return { text: list(items), plural: items.length > 1 || facts.cookie };
}
