/**
 * The lessons of modern TLS (issue 7): what TLS 1.3 hides from a passthrough LB, what forward secrecy does to a
 * stolen key, and what Encrypted Client Hello does to SNI routing. Each names the version it is about; the
 * learner's own protocol choice still overrides it, which is the comparison each lesson asks for.
 */
import { ECH_PUBLIC_NAME } from '../net/echConfig';
import { API_HOSTNAME } from '../net/topology';
import { home, login } from './requests';
import type { Scenario } from './types';

export const MODERN_TLS_SCENARIOS: readonly Scenario[] = [
  {
    id: 'tls13-hidden-certificate',
    title: 'TLS 1.3 hides the certificate',
    summary: 'TLS 1.3 encrypts the server certificate: a passthrough LB sees only the SNI and ALPN. Compare with TLS 1.2.',
    lesson: 'In passthrough, switch the protocol between TLS 1.2 and TLS 1.3 and compare what the LB saw: in 1.2 it reads the server certificate in cleartext; in 1.3 everything after the ServerHello is encrypted, so the SNI and ALPN of the ClientHello are all it learns.',
    requests: [home],
    options: { protocol: 'tls1.3' },
  },
  {
    id: 'stolen-key',
    title: 'A stolen key and an old recording',
    summary: "The site's private key leaks to an eavesdropper who recorded the login: can it decrypt the password?",
    lesson: 'With RSA key transport (TLS 1.1 here) the site key opens every recorded session: how "passive SSL inspection" appliances and Wireshark\'s RSA keys list worked. Switch to TLS 1.2 or 1.3: ECDHE makes each session key from throwaway key shares, the site key only signs, and the same stolen key decrypts nothing (forward secrecy), which is why those tools now need the session keys themselves.',
    requests: [login],
    options: { protocol: 'tls1.1', eavesdroppers: true },
    faults: { stolenSiteKey: true },
  },
  {
    id: 'ech-breaks-sni-routing',
    title: 'Encrypted Client Hello vs SNI routing',
    summary: `With ECH the ClientHello names only ${ECH_PUBLIC_NAME}: a passthrough LB sends ${API_HOSTNAME} to the wrong pool.`,
    lesson: `ECH seals the real server name inside the ClientHello; a passthrough LB without the ECH key reads only the public name ${ECH_PUBLIC_NAME} and routes API calls to the web pool. A terminating LB, which for real ECH must hold the ECH key as the client-facing server, routes by the Host header it decrypts and keeps working. ECH is simulated at the level of what the router can read (the sealed payload is random bytes, not real HPKE), and it exists only in TLS 1.3: turn it off, or pick TLS 1.2, to see SNI routing again.`,
    requests: [home, { method: 'GET', path: '/api/status', host: API_HOSTNAME, purpose: 'call the API through its own hostname, sealed inside the encrypted ClientHello' }],
    options: { protocol: 'tls1.3', encryptedClientHello: true, poolRouting: true, keepAlive: false },
  },
];
