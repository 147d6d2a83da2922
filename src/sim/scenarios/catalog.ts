/** Every scenario the lab offers. Each is data; the engine does the rest. */
import type { ScriptedRequest, Scenario } from './types';

const home: ScriptedRequest = { method: 'GET', path: '/', purpose: 'open the shop\'s home page' };
const login: ScriptedRequest = { method: 'POST', path: '/login', body: 'user=alice&password=correct-horse', purpose: 'log in; the password travels inside the request body' };
const addToCart: ScriptedRequest = { method: 'POST', path: '/cart/add', body: 'item=blue-mug', purpose: 'put a mug in the cart' };
const viewCart: ScriptedRequest = { method: 'GET', path: '/cart', purpose: 'look at the cart' };

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'basic',
    title: 'A visit to the shop',
    summary: 'Log in, add to the cart and view it over one keep-alive connection: who can read the password?',
    requests: [home, login, addToCart, viewCart],
    // Cookie persistence keeps the layer-7 modes on one backend; passthrough stays on one by its single connection.
    options: { stickyCookie: true },
  },
  {
    id: 'tamper',
    title: 'Tampered record on the internet link',
    summary: 'An attacker flips one encrypted byte; the MAC check catches it and the connection dies with bad_record_mac.',
    requests: [login, viewCart],
    faults: { tamper: { link: 'internet', direction: 'c2s' } },
  },
  {
    id: 'wrong-host',
    title: 'Certificate for the wrong hostname',
    summary: 'The server presents a valid certificate for another name; the client refuses it.',
    requests: [home],
    faults: { serverCertificate: 'siteWrongHost' },
  },
  {
    id: 'untrusted-ca',
    title: 'Certificate from an untrusted CA',
    summary: 'shop.example.com, but signed by a CA the client does not trust: unknown_ca.',
    requests: [home],
    faults: { serverCertificate: 'siteUntrusted' },
  },
  {
    id: 'expired',
    title: 'Expired certificate',
    summary: 'The site certificate expired in 2025; the client stops with certificate_expired.',
    requests: [home],
    faults: { serverCertificate: 'siteExpired' },
  },
  {
    id: 'impostor-backend',
    title: 'Impostor backend (bridging)',
    summary: 'backend-2 is replaced by an impostor; with verification on the LB refuses it and answers 502.',
    requests: [home, home, home],
    faults: { impostorBackend: true },
  },
  {
    id: 'not-tls',
    title: 'Plain HTTP sent to port 443',
    summary: 'The client speaks cleartext HTTP to the TLS port; every parser must reject it cleanly.',
    requests: [home],
    faults: { garbageClientHello: true },
  },
];

export function findScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}
