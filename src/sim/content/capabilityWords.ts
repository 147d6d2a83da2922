/**
 * The short words of "What the load balancer can do": each capability's name and each verdict, from the codes
 * src/state/derive/capabilities.ts computes from a run. First-paint UI (the WAF badge on the topology) shows a
 * verdict, so these live in the small labels side of content; the longer reasons are in capabilityText.ts.
 */
import type { CapabilityId, CapabilityVerdict } from '../core/capabilities';

export const CAPABILITY_LABELS: Readonly<Record<CapabilityId, string>> = {
  readHttp: 'Read the HTTP requests',
  waf: 'WAF (inspect requests for attacks)',
  stickiness: 'Cookie stickiness',
  pathRouting: 'Route by URL path',
  sniRouting: 'Read the SNI (route by hostname)',
  clientIp: 'Tell the backend the client\'s IP',
  responseFeatures: 'Cache, compress, redirect',
};

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function verdictText(v: CapabilityVerdict): string {
  switch (v.code) {
    case 'reads-http': return 'reads them';
    case 'plain-http-only': return 'only the port-80 request';
    case 'ciphertext-only': return 'ciphertext only';
    case 'no-request-arrived': return 'no request arrived';
    case 'no-verdict': return 'no verdict';
    case 'not-yet': return 'nothing to inspect yet';
    case 'switched-off': return 'switched off';
    case 'blocked': return `blocked ${plural(v.count, 'request')}`;
    case 'inspected': return `inspected ${plural(v.count, 'request')}`;
    case 'cannot-inspect': return 'cannot inspect';
    case 'rate-limiting': return 'rate limiting';
    case 'pinned-by-cookie': return 'pinned by cookie';
    case 'cannot-read-cookies': return 'cannot read cookies';
    case 'no-cookie-yet': return 'no cookie yet';
    case 'not-needed': return 'not needed';
    case 'routed-by-path': return 'routed by path';
    case 'path-encrypted': return 'path is encrypted';
    case 'could-did-not-need': return 'could, did not need to';
    case 'read-sni': return `read ${v.serverName ?? 'no name'}`;
    case 'no-request-handled': return 'no request handled';
    case 'backend-sees': return v.real ? `backend sees ${v.ip}` : `backend sees ${v.ip}, not the client`;
    case 'response-actions': return plural(v.count, 'action');
    case 'cannot-see-responses': return 'cannot see responses';
    case 'none-in-run': return 'none in this run';
  }
}
