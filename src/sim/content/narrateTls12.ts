/**
 * Narration of TLS 1.2 records (RFC 5246, ECDHE_RSA with AES-128-GCM after RFC 5289 / 8422): the hellos, a
 * certificate still in the clear, the ServerKeyExchange where the certificate's RSA key signs an ephemeral x25519
 * key, the client's half of that exchange, the switch to encryption, GCM records and alerts.
 */
import type { SegmentSentEvent } from '../core/events';
import type { Mode } from '../scenarios/types';
import { commonName, isDirect, type Dissected } from './dissect';
import type { GlossaryId } from './glossary';
import type { Narration } from './narration';
import { author, type ClassicHandshake } from './narrateTls';
import { readersSentence } from './readers';
import { capitalize, list, nodeName, nodeShort, sentences, shown } from './text';
import { reencrypts, relaysTls } from './modeTraits';

/** narrateTls.ts runs the record-level cases (alerts, Finished, data) the same way for 1.1 and 1.2. */
export const TLS12_HANDSHAKE: ClassicHandshake = {
  clientHello: (e, mode, d) => clientHello12(e, mode, d),
  serverFlight: (e, mode, d) => serverFlight12(e, mode, d),
  clientKeyExchange: (e, mode, d) => clientKeyExchange12(e, mode, d),
};

const bridgeLeg = (e: SegmentSentEvent, mode: Mode): boolean => reencrypts(mode) && e.link === 'internal' && !isDirect(e);

function clientHello12(e: SegmentSentEvent, mode: Mode, d: Dissected): Narration {
  const sni = d.sni ? shown(d.sni, 40) : null;
  const who = author(e, mode);
  let headline: string;
  if (who.relayed) headline = `TLS 1.2 ClientHello relayed unchanged to ${nodeShort(e.to)}`;
  else if (bridgeLeg(e, mode)) headline = `ClientHello from the LB: a second TLS 1.2 session to ${nodeShort(e.to)}`;
  else headline = sni ? `TLS 1.2 ClientHello: SNI ${sni} in the clear` : 'TLS 1.2 ClientHello without SNI';
  const alpn = d.alpn.length > 0 ? `, the application protocols it speaks (ALPN ${list(d.alpn.map((p) => shown(p, 16)))})` : '';
  const detail = sentences(
    `${capitalize(who.name)} offers TLS 1.2 with ECDHE_RSA_WITH_AES_128_GCM_SHA256, the x25519 curve, the signature algorithms it accepts${alpn} and a 32-byte random${sni ? `, and names the site in server_name: ${sni}` : ''}.`,
    `None of it is encrypted: ${d.proxy ? 'after the PROXY header in front of it, ' : ''}everyone on the link can read the hello${sni ? ' and the name' : ''}.`,
  );
  let modeNote: string;
  if (relaysTls(mode)) {
    modeNote = who.relayed
      ? `The LB forwards the client's own bytes, so the TLS session being set up runs between the client and ${nodeName(e.to)}.`
      : 'This unencrypted hello is all a passthrough LB can route on: the SNI and the ALPN list, read before a single encrypted byte exists.';
  } else if (bridgeLeg(e, mode)) {
    modeNote = 'Here the LB is the TLS client: a fresh hello with its own random, for a session the client knows nothing about.';
  } else {
    modeNote = 'The LB answers this hello itself: the client TLS session will end at the load balancer, not at a backend.';
  }
  return { headline, detail, modeNote, glossary: ['sni', 'alpn', 'cipher-suite', 'ecdhe', ...(relaysTls(mode) ? (['layer-4'] as const) : [])] };
}

function serverFlight12(e: SegmentSentEvent, mode: Mode, d: Dissected): Narration {
  const who = author(e, mode);
  const cn = d.certificates[0] ? shown(commonName(d.certificates[0]), 32) : null;
  const certRequest = d.handshakes.includes('certificate_request');
  const headline = who.relayed
    ? `ServerHello, certificate ${cn ?? ''} and signed key share relayed`.replace('  ', ' ')
    : `ServerKeyExchange: ${who.short} signs a fresh x25519 key${cn ? ` for ${cn}` : ''}`;
  const detail = sentences(
    `${capitalize(who.name)} picks TLS 1.2 and ECDHE_RSA_WITH_AES_128_GCM_SHA256 and sends its random and its certificate${cn ? ` for ${cn}` : ''}, readable by everyone on the link.`,
    'In ServerKeyExchange the RSA key of that certificate signs an ephemeral x25519 public key together with both randoms: the key share provably comes from the certificate holder, is used for this one session and is then thrown away.',
    certRequest ? 'It also asks the client for a certificate (CertificateRequest): this is mutual TLS.' : 'ServerHelloDone ends the flight.',
  );
  let modeNote: string;
  if (relaysTls(mode)) {
    modeNote = 'The backend wrote and signed this; the LB only relays it, yet it could read the certificate, since TLS 1.2 sends it in the clear (TLS 1.3 encrypts it). The site key here only signs: it decrypts nothing.';
  } else if (bridgeLeg(e, mode)) {
    modeNote = `${capitalize(nodeName(e.from))} presents its own certificate from the internal CA and signs its key share with it. The LB must verify both, or anything answering on that address could pose as the backend.`;
  } else {
    modeNote = 'The LB signs with the site private key it holds: one place to install and renew the key. A thief of that key could impersonate the site, but not decrypt recorded sessions, because the key only signs.';
  }
  const glossary: GlossaryId[] = ['ecdhe', 'certificate', 'forward-secrecy', 'ca'];
  if (certRequest) glossary.push('mtls');
  return { headline, detail, modeNote, glossary };
}

function clientKeyExchange12(e: SegmentSentEvent, mode: Mode, d: Dissected): Narration {
  const who = author(e, mode);
  const clientCert = d.handshakes.includes('certificate') && d.certificates[0] ? shown(commonName(d.certificates[0]), 32) : null;
  const headline = bridgeLeg(e, mode)
    ? `ClientKeyExchange: the LB's x25519 half for ${nodeShort(e.to)}`
    : `ClientKeyExchange: ${who.ref}'s x25519 public key, then Finished`;
  const detail = sentences(
    `${capitalize(who.name)} sends its own ephemeral x25519 public key${clientCert ? `, its certificate for ${clientCert} and a CertificateVerify signature` : ''}; each end combines its private key with the other's public key into the same pre-master secret, which never crosses the wire.`,
    'ChangeCipherSpec switches this direction to AES-GCM, and the encrypted Finished proves both ends derived the same keys.',
    readersSentence(e.views),
  );
  let modeNote: string;
  if (relaysTls(mode)) {
    modeNote = 'Only the backend holds the other private half, so only it can compute the secret: the LB is blind from here on. Forward secrecy: even the site private key, stolen later, opens no recording of this session.';
  } else if (bridgeLeg(e, mode)) {
    modeNote = `A separate exchange for the second session, with fresh keys on both sides: nothing here is shared with the client leg.`;
  } else {
    modeNote = 'The LB computes the secret with its own ephemeral key, so it is the client TLS endpoint. A stolen site key would not open a recording of this session: that is forward secrecy.';
  }
  const glossary: GlossaryId[] = ['ecdhe', 'pre-master-secret', 'forward-secrecy', 'key-schedule', 'change-cipher-spec', 'finished'];
  if (clientCert) glossary.push('mtls');
  return { headline, detail, modeNote, glossary };
}
