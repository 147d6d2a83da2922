/**
 * The three ways a load balancer can handle HTTPS, as a learner reads about them beside the simulation: what
 * each does, what it gains and loses, when to pick it, and the steps every real setup shares. Every pro and
 * con here is something a run of the lab shows (a scenario, a packet view or an event). How each product is
 * configured is not written here: the guide shows the generated, validated configurations (export/configs).
 */
import { MODE_FACTS } from '../scenarios/modes';
import type { Mode } from '../scenarios/types';

export interface ModeGuide {
  mode: Mode;
  title: string;
  oneLine: string;
  howItWorks: string;
  pros: string[];
  cons: string[];
  whenToUse: string;
  /** The steps every product's setup shares in this mode, spelled from the mode's facts (run/modes.ts). */
  checklist: string[];
}

/** What to do on the load balancer, the backends and the network, whatever the product: one step per fact. */
export function setupChecklist(mode: Mode): string[] {
  const f = MODE_FACTS[mode];
  const steps: string[] = [];
  steps.push(f.siteKeyOn === 'backends'
    ? 'Install the site certificate and private key on every backend, not on the load balancer.'
    : 'Install the site certificate and private key on the load balancer only; the backends need no copy of them.');
  if (f.clientTlsEndsAt === 'backend') {
    steps.push(`Enable TLS on each backend server (nginx, Apache, the application) on port ${f.backendPort}.`);
  } else if (f.backendTls) {
    steps.push(`Give each backend a certificate of its own (an internal CA is fine), enable TLS on port ${f.backendPort}, and make the load balancer verify each backend's certificate and name.`);
  } else {
    steps.push(`Let the backends serve plain HTTP on port ${f.backendPort}, reachable from the load balancer only.`);
  }
  steps.push(f.layer === 4
    ? 'Make the load balancer accept TCP on 443 and forward it without decrypting, routing on the SNI alone.'
    : `Make the load balancer terminate TLS on 443 and read HTTP${f.backendTls ? ', then open a new TLS session to the backend' : ''}.`);
  steps.push(`Allow port ${f.backendPort} from the load balancer to the backends in every firewall and security group.`);
  steps.push(f.clientAddressBy === 'proxy-protocol'
    ? 'Decide how backends learn the client address (PROXY protocol on both sides, or an IP-preserving balancer).'
    : 'Have the load balancer set X-Forwarded-For and X-Forwarded-Proto, and let the backends trust them from the load balancer alone.');
  steps.push(f.clientCertificateCheckedBy === 'backend'
    ? 'For client certificates (mutual TLS), make each backend request and verify them; the load balancer only relays the handshake.'
    : 'For client certificates (mutual TLS), make the load balancer verify them and pass the identity in a header it first deletes from the client\'s request.');
  steps.push(f.layer === 4
    ? 'Open port 80 only to redirect to https, and let the backends send that redirect.'
    : 'Open port 80 only for the load balancer\'s redirect to https.');
  if (!f.backendRedirectsPlainHttp) steps.push('Do not let a backend force HTTPS by itself: it only ever sees plain HTTP, so it must read X-Forwarded-Proto or it redirects forever.');
  return steps;
}

export const MODE_GUIDES: Readonly<Record<Mode, ModeGuide>> = {
  passthrough: {
    mode: 'passthrough',
    title: 'SSL/TLS passthrough',
    oneLine: 'The load balancer forwards the encrypted stream untouched; only the backend holds the key and decrypts.',
    howItWorks: 'The site name resolves to the load balancer, which accepts the TCP connection on port 443 and peeks at the one part of TLS that is never encrypted, the ClientHello, to read the requested name (SNI). It picks a backend for the whole connection and from then on copies bytes in both directions without being able to read them. The backend holds the site certificate and private key, completes the handshake with the browser, and is the only place the HTTP requests exist in plaintext. The balancer works at layer 4: addresses, ports and the cleartext handshake fields are all it knows.',
    pros: [
      'End-to-end encryption: a single TLS session runs from the browser to the backend, so no intermediary, balancer or firewall, ever holds passwords, card numbers or cookies in the clear.',
      'No private key or certificate on the load balancer: nothing there to store, renew or steal, and a compromised balancer cannot decrypt traffic. Each backend manages its own certificate.',
      'The balancer does little work per byte: no handshakes and no record encryption, just SNI routing and copying.',
      'Client certificates (mutual TLS) reach the backend itself, which verifies the real client certificate and decides on access without trusting a header.',
      'The client address can still reach the backend without touching HTTP, through PROXY protocol or an IP-preserving layer-4 balancer, for logging, analytics, geolocation and security rules.',
      'Fits strict privacy and compliance requirements (for example PCI DSS, HIPAA or GDPR-driven policies) that forbid decrypting customer traffic on shared infrastructure.',
    ],
    cons: [
      'Security blind spot: the WAF cannot inspect what it cannot decrypt, so SQL injection, cross-site scripting or malware in a request pass the balancer, and an IDS sees only ciphertext; HTTP-level DDoS patterns go unnoticed too.',
      'No cookie-based sticky sessions: the balancer can neither read nor set a cookie, so affinity falls back to the source IP, which breaks behind NAT and when a client changes address. A visitor moved to another backend loses the login and the shopping cart.',
      'No routing by URL path or header, no content-based access rules, no caching, compression, redirects or header rewrites at the balancer: it decides once per TCP connection, on the SNI alone.',
      'Every backend needs a copy of the site certificate and private key, so there are more copies of the key to protect and more places to renew it; one stale backend fails only the visitors routed to it, which is hard to spot.',
      'The backend sees the balancer as its TCP peer: without PROXY protocol on both sides every request seems to come from the balancer, and X-Forwarded-For is impossible because the balancer cannot write into encrypted HTTP.',
      'Every backend spends CPU on TLS handshakes and encryption.',
    ],
    whenToUse: 'Choose passthrough when end-to-end encryption is a hard requirement: highly sensitive data, regulations or contracts that forbid decrypting on the way, backends that must verify client certificates themselves, or a load balancer you do not want to trust with keys. Do not choose it when you need a WAF, routing by path, cookie stickiness, caching or compression at the balancer; those need the plaintext, so terminate TLS there with offloading or bridging.',
    checklist: setupChecklist('passthrough'),
  },
  offload: {
    mode: 'offload',
    title: 'SSL/TLS offloading (termination)',
    oneLine: 'The load balancer ends TLS with the site key and sends plain HTTP to the backends.',
    howItWorks: 'The load balancer holds the site certificate and private key and negotiates the TLS session with the browser itself. It decrypts each request, so it can route by host, path or cookie, add X-Forwarded-For, run a WAF, cache and compress, and then forwards the request as plain HTTP, usually to port 80, over the internal network. Responses come back in cleartext and the balancer encrypts them for the browser.',
    pros: [
      'Full layer-7 features: routing by URL path and headers, content-based rules, redirects, header rewrites, caching and compression.',
      'A WAF or IDS at the balancer reads every request, so it can block SQL injection and cross-site scripting and apply per-path rate rules before anything reaches a backend.',
      'Cookie-based sticky sessions: the balancer sets and reads its own cookie (HAProxy SERVERID, ingress-nginx INGRESSCOOKIE, AWS AWSALB), so a visitor stays on the backend holding the session.',
      'One place for certificates: install, renew and monitor them on the balancer only; the backends need no TLS configuration.',
      'The backends spend no CPU on TLS, and the client address reaches them in X-Forwarded-For.',
    ],
    cons: [
      'No end-to-end encryption: the leg from the balancer to the backends is cleartext, so anyone on the internal network can read passwords and cookies, and change requests undetected.',
      'The balancer holds the site private key: whoever compromises it can impersonate the site and, with RSA key transport (the lab\'s TLS 1.1), also decrypt recorded traffic; with ECDHE (TLS 1.2 and 1.3) the key only signs, so recordings stay closed.',
      'The balancer becomes a man in the middle by design: it sees all plaintext and must be trusted and hardened accordingly.',
      'Client certificates end at the balancer: the backend learns the identity only from a header, which it must accept from the balancer alone.',
      'The backend must trust X-Forwarded-For only from the balancer, and needs X-Forwarded-Proto to know the visitor used HTTPS, or an application that forces HTTPS can loop on redirects.',
    ],
    whenToUse: 'Choose offloading when you need inspection and traffic management at the edge, a WAF, routing by path, cookie stickiness, caching or compression, and the network between balancer and backends is trusted and controlled. It is the simplest and cheapest setup for the backends, and certificates live in one place.',
    checklist: setupChecklist('offload'),
  },
  bridge: {
    mode: 'bridge',
    title: 'SSL/TLS bridging (re-encryption)',
    oneLine: 'The load balancer decrypts, inspects and routes, then opens a second TLS session to the backend.',
    howItWorks: 'Like offloading, the load balancer ends the browser TLS session with the site key and reads each request, so it can route, set cookies and run a WAF. Instead of sending plain HTTP on, it opens a second, independent TLS session to the backend, which presents its own certificate, often from an internal CA, and the balancer verifies it before sending the request. The data is encrypted on both links but exists in plaintext inside the balancer in between.',
    pros: [
      'Encryption on every link: an eavesdropper on the internal network sees only ciphertext.',
      'All layer-7 features of offloading: WAF inspection, path routing, cookie stickiness, header rewrites, caching and compression.',
      'With verification on, the balancer authenticates each backend, so an impostor on the internal network is refused.',
      'The backends can use certificates from a private CA, separate from the public site certificate.',
    ],
    cons: [
      'Not end-to-end: two TLS sessions, and the balancer is a trusted man in the middle that holds the plaintext and the site private key.',
      'The most CPU: TLS handshakes and encryption on the balancer for both legs, plus on every backend (keep-alive and session reuse soften it).',
      'Two sets of certificates to manage: the public one on the balancer and the internal ones on the backends.',
      'Verification is easy to leave off (nginx proxy_ssl_verify is off by default, and an AWS ALB does not validate target certificates), leaving the second leg encrypted but not authenticated.',
      'Client certificates end at the balancer, as in offloading: the backend TLS peer is the balancer.',
    ],
    whenToUse: 'Choose bridging when you need what offloading offers at the edge, inspection, routing and stickiness, but policy or an untrusted internal network requires encryption on every link. Accept that the balancer sees the plaintext; if nobody but the backend may, only passthrough will do.',
    checklist: setupChecklist('bridge'),
  },
};

export { PROTOCOL_NOTE, PROTOCOL_NOTES } from './protocolNote';
