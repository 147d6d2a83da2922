/** Things going wrong, each with the alert or status reality produces. */
import { home, login, viewCart } from './requests';
import type { Scenario } from './types';

export const FAILURE_SCENARIOS: readonly Scenario[] = [
  {
    id: 'tamper',
    title: 'Tampered record on the internet link',
    summary: 'An attacker flips one encrypted byte; the MAC check catches it and the connection dies with bad_record_mac.',
    requests: [login, viewCart],
    faults: { tamper: { link: 'internet', direction: 'c2s' } },
  },
  {
    id: 'tamper-internal',
    title: 'Tampered request on the internal network',
    summary: 'An attacker inside the data centre changes one byte of the login: caught by TLS, or silently accepted?',
    lesson: 'With offloading the internal leg is cleartext: an attacker there can change requests and nobody notices.',
    requests: [login, viewCart],
    options: { stickyCookie: true },
    faults: { tamper: { link: 'internal', direction: 'c2s' } },
  },
  { id: 'wrong-host', title: 'Certificate for the wrong hostname', summary: 'The server presents a valid certificate for another name; the client refuses it.', requests: [home], faults: { serverCertificate: 'siteWrongHost' } },
  { id: 'untrusted-ca', title: 'Certificate from an untrusted CA', summary: 'shop.example.com, but signed by a CA the client does not trust: unknown_ca.', requests: [home], faults: { serverCertificate: 'siteUntrusted' } },
  { id: 'expired', title: 'Expired certificate', summary: 'The site certificate expired in 2025; the client stops with certificate_expired.', requests: [home], faults: { serverCertificate: 'siteExpired' } },
  {
    id: 'impostor-backend',
    title: 'Impostor backend (bridging)',
    summary: 'backend-2 is replaced by an impostor; with verification on the LB refuses it and answers 502.',
    requests: [home, home, home],
    options: { keepAlive: false },
    faults: { impostorBackend: true },
  },
  {
    id: 'impostor-unverified',
    title: 'Impostor backend, verification off',
    summary: 'The same impostor with proxy_ssl_verify off (nginx\'s default): the LB happily talks to it.',
    lesson: 'Re-encryption without verifying the backend certificate is encrypted but not authenticated.',
    requests: [home, home, home],
    options: { keepAlive: false, verifyBackendCertificate: false },
    faults: { impostorBackend: true },
  },
  {
    id: 'split-hello',
    title: 'ClientHello split across two segments',
    summary: 'The hello arrives in two TCP segments; an SNI router that reassembles still routes it.',
    requests: [home],
    faults: { splitClientHello: true },
  },
  {
    id: 'split-hello-naive',
    title: 'Split ClientHello, naive SNI router',
    summary: 'The same split hello at a router that reads only the first segment: it cannot find the SNI.',
    lesson: 'Large ClientHellos (post-quantum key shares) span segments; routers that do not reassemble break.',
    requests: [home],
    options: { sniReassembly: false },
    faults: { splitClientHello: true },
  },
  { id: 'not-tls', title: 'Plain HTTP sent to port 443', summary: 'The client speaks cleartext HTTP to the TLS port; every parser must reject it cleanly.', requests: [home], faults: { garbageClientHello: true } },
];
