/**
 * Narration of TLS records on the wire. This file tells the lab's TLS 1.1 (RFC 4346: RSA key transport, CBC and
 * HMAC) and hands TLS 1.2 and 1.3 to narrateTls12.ts / narrateTls13.ts; application data, alerts and who really
 * wrote a message are shared. Who the message is from matters: in passthrough the LB only relays, so a
 * ServerHello the LB sends to the client was written by a backend.
 */
import type { SegmentSentEvent } from '../core/events';
import type { Mode, TlsProtocol } from '../scenarios/types';
import { alertMeaning } from './alerts';
import { commonName, isDirect, type Dissected } from './dissect';
import type { GlossaryId } from './glossary';
import type { Narration } from './narration';
import { RECORD_FACTS } from './protocolOf';
import { httpFacts, lbVerdict, readersSentence, recoveredText, secretsInside } from './readers';
import { capitalize, fitted, nodeName, nodeRef, nodeShort, sentences, shown } from './text';
import { reencrypts, relaysTls } from './modeTraits';

/** The three handshake narrators that differ between TLS 1.1 (RSA key transport) and TLS 1.2 (signed ECDHE). */
export interface ClassicHandshake {
  clientHello(e: SegmentSentEvent, mode: Mode, d: Dissected): Narration;
  serverFlight(e: SegmentSentEvent, mode: Mode, d: Dissected): Narration;
  clientKeyExchange(e: SegmentSentEvent, mode: Mode, d: Dissected): Narration;
}

/** Who wrote the bytes: in passthrough the LB forwards what the client or the backend sent. */
export function author(e: SegmentSentEvent, mode: Mode): { name: string; short: string; ref: string; relayed: boolean } {
  if (relaysTls(mode) && e.from === 'lb') {
    return e.direction === 'c2s'
      ? { name: nodeName('client'), short: 'Client', ref: 'the client', relayed: true }
      : { name: 'the backend', short: 'Backend', ref: 'the backend', relayed: true };
  }
  return { name: nodeName(e.from), short: nodeShort(e.from), ref: nodeRef(e.from), relayed: false };
}

function clientHello(e: SegmentSentEvent, mode: Mode, d: Dissected): Narration {
  const sni = d.sni ? shown(d.sni, 40) : null;
  const who = author(e, mode);
  const bridgeLeg = reencrypts(mode) && e.link === 'internal' && !isDirect(e);
  const glossary: GlossaryId[] = ['sni', 'client-random', 'cipher-suite'];
  let headline: string;
  if (who.relayed) headline = `ClientHello relayed unchanged to ${nodeShort(e.to)}`;
  else if (bridgeLeg) headline = `ClientHello from the LB: a second TLS session to ${nodeShort(e.to)}`;
  else headline = sni ? `ClientHello: SNI ${sni} in the clear` : 'ClientHello without SNI';
  const detail = sentences(
    `${capitalize(who.name)} offers its highest version (TLS 1.1), its cipher suites and a 32-byte random, ${sni ? `and names the site it wants, ${sni}, in the server_name extension.` : 'but names no site: there is no server_name extension.'}`,
    `None of it is encrypted: ${d.proxy ? 'after the PROXY header in front of it, ' : ''}everyone on the link can read the hello${sni ? ' and the name' : ''}.`,
  );
  let modeNote: string;
  if (relaysTls(mode)) {
    modeNote = who.relayed
      ? `The LB forwards the client's own bytes, random and SNI included, so the TLS session being set up runs between the client and ${nodeName(e.to)}.`
      : 'This unencrypted hello is all a passthrough LB can route on: it reads the SNI (HAProxy req.ssl_sni, nginx ssl_preread) before a single encrypted byte exists. With ECH in TLS 1.3 it would see only a decoy outer name.';
    if (!who.relayed) glossary.push('layer-4', 'ech');
  } else if (bridgeLeg) {
    modeNote = 'Here the LB is the TLS client: a fresh hello with its own random, for a session the client knows nothing about.';
  } else {
    modeNote = 'The LB answers this hello itself: the client TLS session will end at the load balancer, not at a backend.';
  }
  return { headline, detail, modeNote, glossary };
}

function serverHello(e: SegmentSentEvent, mode: Mode, d: Dissected): Narration {
  const who = author(e, mode);
  const subject = d.certificates[0];
  const cn = subject ? shown(commonName(subject), 32) : null;
  const certRequest = d.handshakes.includes('certificate_request');
  const bridgeLeg = reencrypts(mode) && e.link === 'internal' && !isDirect(e);
  const version = d.serverVersion ?? 'TLS 1.1';
  const suite = d.cipherSuite ?? 'its cipher suite';
  const headline = who.relayed
    ? `ServerHello + Certificate ${cn ?? ''} relayed from the backend`
    : `ServerHello + Certificate: ${who.short} presents ${cn ?? 'a certificate'}`;
  const detail = sentences(
    `${capitalize(who.name)} picks ${version} and ${suite}, sends its own random${cn ? ` and its certificate for ${cn}` : ''}.`,
    `Up to TLS 1.2 the certificate crosses the network unencrypted, so ${relaysTls(mode) ? 'the load balancer and any eavesdropper' : 'any eavesdropper on the path'} can read which site and which CA are involved; TLS 1.3 encrypts it.`,
    certRequest && 'It also asks the client for a certificate (CertificateRequest): this is mutual TLS.',
  );
  let modeNote: string;
  if (relaysTls(mode)) {
    modeNote = sentences(
      'The site certificate and its private key live on the backends, every one of them; the LB holds neither and only relays this message.',
      certRequest && 'The backend will check the client certificate itself.',
    );
  } else if (bridgeLeg) {
    modeNote = `${capitalize(nodeName(e.from))} presents its own certificate from the internal CA. The LB must verify it (HAProxy verify required, nginx proxy_ssl_verify on) or anything answering on that address could pose as the backend.`;
  } else {
    modeNote = sentences(
      'The LB presents the site certificate and holds its private key: one place to install and renew it, and one place an attacker would go for the key.',
      certRequest && 'The LB will check the client certificate and pass the identity on in a header.',
    );
  }
  const glossary: GlossaryId[] = ['certificate', 'ca', 'tls-1-3'];
  if (certRequest) glossary.push('mtls');
  return { headline, detail, modeNote, glossary };
}

function clientKeyExchange(e: SegmentSentEvent, mode: Mode, d: Dissected): Narration {
  const who = author(e, mode);
  const bridgeLeg = reencrypts(mode) && e.link === 'internal' && !isDirect(e);
  const clientCert = d.handshakes.includes('certificate') && d.certificates[0] ? shown(commonName(d.certificates[0]), 32) : null;
  const headline = relaysTls(mode)
    ? 'ClientKeyExchange: a secret only the backend key can open'
    : bridgeLeg
      ? `ClientKeyExchange: the LB sends a new secret to ${nodeShort(e.to)}`
      : 'ClientKeyExchange: a secret for the private key on the LB';
  const detail = sentences(
    `${capitalize(who.name)} picks a 48-byte pre-master secret and encrypts it with the RSA public key from the certificate (RFC 4346 section 7.4.7.1)${clientCert ? `, and sends its own certificate for ${clientCert} with a CertificateVerify signature proving it holds that key` : ''}.`,
    'Both ends derive the master secret from it and the two randoms; ChangeCipherSpec then switches this direction to encryption, and the encrypted Finished proves both derived the same keys.',
    readersSentence(e.views),
  );
  let modeNote: string;
  if (relaysTls(mode)) {
    modeNote = 'Only the site private key opens this, so every backend needs a copy and the LB, holding none, is blind from here on. RSA key transport has no forward secrecy: anyone who later obtains that key can decrypt a recording of this session.';
  } else if (bridgeLeg) {
    modeNote = `A separate secret for the second session, encrypted to the key of ${nodeName(e.to)} rather than to the site key: a stolen backend key does not expose the client leg.`;
  } else {
    modeNote = 'The LB holds the site private key, so it opens this secret and becomes the client TLS endpoint. The same key would let whoever steals it decrypt recorded sessions: RSA key transport has no forward secrecy.';
  }
  const glossary: GlossaryId[] = ['pre-master-secret', 'private-key', 'master-secret', 'change-cipher-spec', 'finished', 'forward-secrecy'];
  if (clientCert) glossary.push('mtls');
  return { headline, detail, modeNote, glossary };
}

/** What the Finished after ChangeCipherSpec proves, in the words of the version's RFC. */
const FINISHED: Readonly<Record<'tls1.1' | 'tls1.2', { sentence: string; glossary: GlossaryId }>> = {
  'tls1.1': {
    sentence: 'switches to encryption too; its Finished message carries a checksum over the whole handshake, so a change to any earlier unencrypted message would have been caught (RFC 4346 section 7.4.9)',
    glossary: 'master-secret',
  },
  'tls1.2': {
    sentence: 'switches to AES-GCM too; its Finished carries a PRF over the whole handshake, so a change to any earlier unencrypted message would have been caught (RFC 5246 section 7.4.9)',
    glossary: 'aead',
  },
};

/** ChangeCipherSpec + Finished of TLS 1.1 and 1.2 (TLS 1.3 has its own, narrateTls13.ts). */
export function finished(e: SegmentSentEvent, mode: Mode, protocol: 'tls1.1' | 'tls1.2'): Narration {
  const who = author(e, mode);
  const bridgeLeg = reencrypts(mode) && e.link === 'internal' && !isDirect(e);
  const detail = sentences(`${capitalize(who.name)} ${FINISHED[protocol].sentence}.`, readersSentence(e.views));
  let modeNote: string | undefined;
  if (relaysTls(mode)) modeNote = 'The LB relays the end of a handshake it could not follow: it never learned the session keys.';
  else if (bridgeLeg) modeNote = `The second session is ready: the LB will re-encrypt each request for ${nodeName(e.from === 'lb' ? e.to : e.from)} under these keys.`;
  else if (e.link === 'internet') modeNote = 'The client session now ends at the LB, which knows its keys.';
  return {
    headline: `ChangeCipherSpec + Finished from ${who.ref}: handshake complete`,
    detail,
    modeNote,
    glossary: ['change-cipher-spec', 'finished', FINISHED[protocol].glossary],
  };
}

export function applicationData(e: SegmentSentEvent, mode: Mode, d: Dissected, protocol: TlsProtocol): Narration {
  const lb = lbVerdict(e.views);
  const facts = httpFacts(recoveredText(e.views));
  const secrets = secretsInside(facts);
  const kind = e.direction === 'c2s' ? 'request' : 'response';
  const message = facts.startLine ? (facts.isResponse ? facts.startLine.replace(/^HTTP\/1\.[01] /, '') : facts.startLine) : null;
  const suffix = lb ? `: ${lb.short}` : '';
  const headline = message ? fitted(`Encrypted ${kind} `, message, suffix) : `Encrypted ${kind} (${d.appDataBytes} bytes)${suffix}`;
  const records = d.appDataRecords > 1 ? `${d.appDataRecords} TLS records` : 'A TLS record';
  const inside = message ? `, carrying the HTTP ${kind} ${shown(message, 48)}${secrets ? ` and with it ${secrets.text}` : ''}` : '';
  const detail = sentences(
    `${records} of ${RECORD_FACTS[protocol].protection}${inside}.`,
    lb ? `${capitalize(lb.long)}.` : '',
    readersSentence(e.views, lb ? ['lb'] : []),
  );
  return { headline, detail, modeNote: appDataNote(e, mode), glossary: appDataGlossary(mode, protocol) };
}

function appDataNote(e: SegmentSentEvent, mode: Mode): string {
  const request = e.direction === 'c2s';
  switch (mode) {
    case 'passthrough':
      return request
        ? 'End-to-end encryption: the LB relays bytes it cannot read, so it cannot route on the path, read or set a sticky cookie, add X-Forwarded-For or let a WAF inspect this.'
        : 'The LB relays the response as it came: it cannot cache, compress or rewrite it, nor add a persistence cookie to it.';
    case 'offload':
      return request
        ? 'The LB decrypts here, so it can route on the path, read cookies and run a WAF, and from here on the request travels to the backend in cleartext.'
        : 'The LB encrypts the backend response for the client: in offloading this is the only encrypted leg.';
    case 'bridge':
      if (e.link === 'internet') {
        return request
          ? 'The LB decrypts this to route, read cookies and inspect it, then re-encrypts it for the backend: a trusted man in the middle holding the plaintext in memory.'
          : 'The LB encrypts the response again, now under the client session keys: it read the plaintext in between.';
      }
      return request
        ? 'Re-encrypted under a second session with its own keys: an eavesdropper on the internal network sees only ciphertext, yet the LB held the plaintext in between.'
        : 'The backend encrypts its response under the second session; the LB decrypts it before encrypting it again for the client.';
  }
}

function appDataGlossary(mode: Mode, protocol: TlsProtocol): GlossaryId[] {
  const protection: GlossaryId[] = protocol === 'tls1.1' ? ['record', 'explicit-iv', 'mac'] : ['record', 'aead'];
  return relaysTls(mode) ? [...protection, 'waf', 'sticky-session'] : [...protection, 'layer-7'];
}

export function encryptedAlert(e: SegmentSentEvent, mode: Mode): Narration {
  const who = author(e, mode);
  return {
    headline: `Encrypted alert from ${who.ref}: the session is ending`,
    detail: sentences(
      'After ChangeCipherSpec, alerts are encrypted like data, so only the two session endpoints know whether this is an orderly close_notify or an error such as bad_record_mac.',
      readersSentence(e.views),
    ),
    modeNote: relaysTls(mode) ? 'The LB relays it without knowing why the session ends.' : undefined,
    glossary: ['alert'],
  };
}

export function cleartextAlert(e: SegmentSentEvent, mode: Mode, d: Dissected): Narration {
  const alert = d.alerts[0]!;
  const who = author(e, mode);
  const meaning = alertMeaning(alert.description);
  return {
    headline: `Alert: ${alert.level} ${alert.description}${alert.code === null ? '' : ` (${alert.code})`} from ${who.ref}`,
    detail: sentences(
      `${capitalize(who.name)} ends the handshake: ${meaning}.`,
      'It is sent before encryption started, so everyone on the link can read why the connection failed.',
    ),
    modeNote: alertModeNote(alert.description, e, mode),
    glossary: ['alert', ...(meaning.includes('certificate') ? (['certificate', 'ca'] as const) : [])],
  };
}

export function alertModeNote(description: string, e: { from?: string; node?: string }, mode: Mode): string | undefined {
  const certificateAlert = ['bad_certificate', 'unknown_ca', 'certificate_expired', 'certificate_unknown', 'unsupported_certificate', 'certificate_revoked'].includes(description);
  const sender = e.node ?? e.from;
  if (certificateAlert && reencrypts(mode) && sender === 'lb') {
    return 'The LB refused the backend certificate: verifying the internal leg did its job. With verification off the LB would have talked to whoever answered.';
  }
  if (certificateAlert) {
    return relaysTls(mode)
      ? 'The certificate came from a backend: in passthrough every backend holds and renews its own copy, so one stale or wrong backend fails the visitors routed to it.'
      : 'The certificate lives on the LB: one place to fix, renew and monitor, whichever backend would have served the request.';
  }
  if (description === 'protocol_version' && relaysTls(mode)) {
    return 'A TLS server answers protocol_version when the stream does not start with a ClientHello it understands, as when a PROXY header arrives that it was not told to expect.';
  }
  if (description === 'protocol_version') return 'The LB TLS stack expected a ClientHello and got something else, such as plain HTTP sent to port 443.';
  if (description === 'bad_record_mac') {
    if (relaysTls(mode)) return 'Only a session endpoint can check the MAC: in passthrough that is the client or the backend, never the LB.';
    if (sender === 'lb') return 'The LB is an endpoint of this session, so it checks the MAC of every record it receives and catches the change.';
    if (sender && /^backend-/.test(sender)) return 'The backend is the endpoint of the second session, so it checks the MACs on the internal leg: bridging protects that leg too.';
    return 'The client checks the MAC of every record it receives from the LB.';
  }
  return undefined;
}

/** TLS 1.1's handshake narrators (RSA key transport); TLS 1.2's are in narrateTls12.ts. */
export const TLS11_HANDSHAKE: ClassicHandshake = { clientHello, serverFlight: serverHello, clientKeyExchange };
