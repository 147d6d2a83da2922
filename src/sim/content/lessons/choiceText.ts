/** The words for a question's choices and for the requirements of the "choose the mode" exercise. */
import type { ChoiceFact } from '../../lessons/answers';
import type { Requirement } from '../../lessons/types';
import { OBSERVER_LABELS } from '../../net/topology';
import { MODE_LABELS } from '../../scenarios/types';

const WAF_WORDS = {
  'blocked': 'It blocks the request (the backend never gets it)',
  'passed': 'It reads the request and lets it through',
  'not-inspected': 'It cannot look inside: the request reaches a backend uninspected',
} as const;

const CART_WORDS = {
  kept: 'Every item added is in the cart',
  partial: 'Some items are missing',
  empty: 'The cart is empty',
} as const;

const ADDRESS_WHOSE = { client: "the client's own address", lb: "the load balancer's address", claimed: 'the address the client claimed in a header' } as const;

export function choiceText(fact: ChoiceFact): string {
  switch (fact.kind) {
    case 'observer': return OBSERVER_LABELS[fact.observer];
    case 'lb-itself': return 'The load balancer itself (no backend)';
    case 'address': return `${fact.address} (${ADDRESS_WHOSE[fact.whose]})`;
    case 'waf': return WAF_WORDS[fact.verdict];
    case 'count': return String(fact.count);
    case 'cart': return CART_WORDS[fact.state];
    case 'yes-no': return fact.yes ? 'Yes' : 'No';
    case 'server-name': return fact.name ?? 'No name at all';
    case 'mode': return MODE_LABELS[fact.mode];
    case 'no-mode': return 'None of the three modes';
  }
}

export const REQUIREMENT_TEXT: Readonly<Record<Requirement, string>> = {
  'waf-inspects': 'The WAF must inspect every request (to stop SQL injection and XSS)',
  'lb-holds-no-key': "The load balancer must never hold the site's private key",
  'internal-encrypted': 'Traffic on the internal network must stay encrypted',
  'backends-skip-tls': 'The backends must not spend CPU on TLS',
  'backend-sees-client-ip': "The backend must log the client's real address",
  'cart-kept': 'A shopper must keep their cart (sticky sessions)',
};

/** What breaking a requirement looked like in the run, for the feedback. */
export const REQUIREMENT_BROKEN_TEXT: Readonly<Record<Requirement, string>> = {
  'waf-inspects': 'the WAF could not read any request',
  'lb-holds-no-key': 'the load balancer holds the site key',
  'internal-encrypted': 'HTTP crossed the internal network in the clear',
  'backends-skip-tls': 'the backends ran TLS handshakes',
  'backend-sees-client-ip': "the backend logged another address than the client's",
  'cart-kept': 'the cart lost items',
};
