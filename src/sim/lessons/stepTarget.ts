/** Finding a beat's step in a run: by event pattern, so a beat survives changes to the number of packets. */
import type { SimEvent } from '../core/events';
import type { ObserverId } from '../net/topology';
import { readsHttp } from '../run/summary';
import { pathOf } from './runFacts';
import type { EventPattern, StepTarget } from './types';

/** The request target an event names, if any. */
export function targetOf(event: SimEvent): string | undefined {
  switch (event.type) {
    case 'http.requestSent':
    case 'http.requestHandled':
    case 'http.responseReceived':
    case 'lb.cacheHit':
      return event.detail.target;
    // The WAF's notes name the request line's method and target; a pattern names the target.
    case 'waf.inspected':
    case 'waf.blocked':
      return pathOf(event.detail.target);
    case 'lb.routed':
      return event.detail.request?.target;
    default:
      return undefined;
  }
}

export function matches(event: SimEvent, pattern: EventPattern): boolean {
  if (event.type !== pattern.type) return false;
  if (event.type === 'tcp.segmentSent') {
    if (pattern.from !== undefined && event.from !== pattern.from) return false;
    if (pattern.to !== undefined && event.to !== pattern.to) return false;
    if (pattern.carriesHttp && !(Object.keys(event.views) as ObserverId[]).some((observer) => readsHttp(event, observer))) return false;
  } else if (pattern.from !== undefined && event.node !== pattern.from) {
    return false;
  }
  if (pattern.target !== undefined && !(targetOf(event) ?? '').startsWith(pattern.target)) return false;
  return true;
}

/** The event index a step target names in these events (0 when the pattern never occurs). */
export function resolveStep(events: readonly SimEvent[], target: StepTarget | undefined): number {
  if (events.length === 0 || !target || target.at === 'start') return 0;
  if (target.at === 'end') return events.length - 1;
  let seen = 0;
  for (let i = 0; i < events.length; i++) {
    if (matches(events[i]!, target.match) && seen++ === (target.nth ?? 0)) return i;
  }
  return 0;
}
