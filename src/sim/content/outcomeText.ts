/**
 * How a run ended, in words: the banner under the topology once the playhead reaches the step that decides it.
 * From the facts of src/sim/run/outcome.ts; written for someone who knows HTTP but not TLS.
 */
import type { RunOutcome } from '../run/outcome';
import { gaveUpText } from './eventText';

export interface OutcomeWords {
  /** A few words: "The cart is lost". */
  readonly title: string;
  /** What happened and why, in a sentence or three. */
  readonly text: string;
}

const list = (words: readonly string[]): string =>
  words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)!}`;
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
/** The default browser is "client"; the scenarios' other users have names. */
const whose = (client: string): string => (client === 'client' ? "the client's" : `${client}'s`);
const who = (client: string): string => (client === 'client' ? 'The client' : client);
const itemsText = (items: readonly string[]): string => (items.length === 0 ? 'an empty cart' : list(items));

function cartLost(o: Extract<RunOutcome, { code: 'cart-lost' }>): OutcomeWords {
  const refused = o.adds.filter((a) => a.status >= 400);
  const elsewhere = o.adds.filter((a) => a.status < 400 && a.servedBy !== o.cartServedBy);
  const refusedBy = [...new Set(refused.map((a) => a.servedBy ?? 'the load balancer'))];
  const acceptedBy = [...new Set(elsewhere.map((a) => a.servedBy ?? 'the load balancer'))];
  const look = o.cartStatus < 400
    ? `GET /cart, answered by ${o.cartServedBy ?? 'the load balancer'}, shows ${itemsText(o.items)}.`
    : `GET /cart was refused by ${o.cartServedBy ?? 'the load balancer'} (${o.cartStatus}): it never saw the login.`;
  const why = [
    refused.length > 0 ? `${list(refusedBy)} refused ${plural(refused.length, 'add')} (${refused[0]!.status}): ${refusedBy.length === 1 ? 'it' : 'they'} never saw the login.` : '',
    elsewhere.length > 0 ? `${list(acceptedBy)} accepted ${plural(elsewhere.length, 'add')}, but the cart was read from another backend.` : '',
  ].filter(Boolean).join(' ');
  return {
    title: 'The cart is lost',
    text: `${who(o.client)} ${refused.length > 0 ? 'tried to put' : 'put'} ${plural(o.adds.length, 'item')} in the cart (POST /cart/add), yet ${look} ${why} Each backend keeps its own sessions and carts, so every request of a visit has to reach the same one.`,
  };
}

function attackReached(o: Extract<RunOutcome, { code: 'attack-reached-backend' }>): OutcomeWords {
  const what = o.effect === 'sql-injection'
    ? `ran the SQL injection in ${o.target} against its database`
    : `stored the comment with its script unsanitized (${o.target}): every visitor who opens the page runs it`;
  const waf = o.waf === 'blind'
    ? 'The WAF at the load balancer saw only encrypted TLS records, for which it holds no key, so it could not inspect the request.'
    : o.waf === 'passed' ? 'The WAF read the request and let it through.' : 'The WAF is switched off.';
  return { title: 'The attack reached the shop', text: `${o.backend} ${what}. ${waf}` };
}

function clientIpWrong(o: Extract<RunOutcome, { code: 'client-ip-wrong' }>): OutcomeWords {
  const why = o.believedIsLb
    ? 'That is the load balancer\'s own address: the backend only sees the TCP connection from the load balancer, and nothing told it who was behind it.'
    : o.source === 'x-forwarded-for from trusted proxy'
      ? 'The client wrote that address into an X-Forwarded-For header itself; it arrived untouched over a connection from the load balancer, which the backend trusts.'
      : `It took the address from: ${o.source}.`;
  return { title: 'The backend has the wrong client address', text: `${o.backend} believes the client is ${o.believed}, but the client is ${o.actual}. ${why}` };
}

/** The banner's words for one outcome. */
export function outcomeText(o: RunOutcome): OutcomeWords {
  switch (o.code) {
    case 'cart-lost':
      return cartLost(o);
    case 'cart-kept':
      return { title: 'The cart is intact', text: `GET /cart, answered by ${o.cartServedBy ?? 'the load balancer'}, shows ${itemsText(o.items)}: every item reached the backend that holds ${whose(o.client)} session.` };
    case 'attack-blocked':
      return {
        title: 'Attack blocked by the WAF',
        text: `The WAF at the load balancer read ${o.target}, matched rule ${list(o.ruleIds.map(String))} and answered ${o.status} itself: the request never reached a backend.`,
      };
    case 'attack-reached-backend':
      return attackReached(o);
    case 'rate-limited':
      return { title: 'Requests refused by the rate limit', text: `The load balancer counted the requests and refused ${plural(o.refused, 'request')} over the limit of ${o.limit}.` };
    case 'client-ip-wrong':
      return clientIpWrong(o);
    case 'client-gave-up':
      return {
        title: 'The client gave up',
        text: `Request ${o.request + 1} failed: ${gaveUpText(o.reason).replace(/[.\s]+$/, '')}.${o.unsent > 0 ? ` ${o.unsent} more request${o.unsent > 1 ? 's were' : ' was'} never sent.` : ''}`,
      };
  }
}
