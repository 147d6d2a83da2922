/** The reason behind each "What the load balancer can do" verdict, in words, from its evidence in the run. */
import type { CapabilityEvidence } from '../core/capabilities';
import type { SimEvent } from '../core/events';
import type { Mode } from '../scenarios/types';
import { eventText } from './eventText';
import { viewReasonText } from './layerText';

const SETUP_TEXT: Readonly<Record<Extract<CapabilityEvidence, { kind: 'setup' }>['code'], string>> = {
  'no-app-data': 'No application data reached the load balancer in this run.',
  'no-waf-verdict': 'The run produced no WAF verdict (no request reached the load balancer).',
  'waf-not-yet': 'No request has reached the load balancer yet, so the WAF has had nothing to look at.',
  'waf-off': 'The WAF is switched off in the options.',
  'cookie-off': 'Cookie persistence is switched off in the options.',
  'cookie-not-needed': 'No request in this run needed the cookie.',
  'nothing-routed': 'No request was routed.',
  'routes-by-host': 'It terminates TLS itself, so it routes each request by what it decrypted (the Host header is authoritative).',
  'no-request-handled': 'No request reached a backend\'s application.',
  'responses-encrypted': 'Responses pass through as TLS records it cannot decrypt.',
  'no-response-action': 'It could act on the responses it reads; nothing in this run asked it to.',
  'plain-http-only': 'It read the request the browser sent to port 80 without TLS (an http:// address, in cleartext for anyone on the way); every request over HTTPS stayed encrypted to it.',
};

export function capabilityReason(evidence: CapabilityEvidence, events: readonly SimEvent[], mode?: Mode): string {
  switch (evidence.kind) {
    case 'events':
      return evidence.indexes.flatMap((i) => (events[i] ? [eventText(events[i]!, mode)] : [])).join(' ');
    case 'view':
      return viewReasonText(evidence.reason);
    case 'needs-http': {
      const why = capabilityReason(evidence.http, events, mode);
      return evidence.need === 'cookie' ? `It cannot read or set a cookie: ${why}` : `The path is inside the TLS records: ${why}`;
    }
    case 'routes-by':
      return `It reads each path, but this run routes by ${evidence.basis ?? 'its algorithm'}.`;
    case 'setup':
      return SETUP_TEXT[evidence.code];
  }
}
