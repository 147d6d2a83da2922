/**
 * Narration of TLS 1.3 records (RFC 8446): a ClientHello that already carries its key share, a ServerHello that
 * completes the exchange, a ChangeCipherSpec that carries nothing, then only encrypted records. From the second
 * flight on, an observer without keys sees record sizes and nothing else, not even which message a record holds,
 * so the prose says what the sizes and the order give away and never claims to have read more.
 */
import type { SegmentSentEvent } from '../core/events';
import type { Mode } from '../scenarios/types';
import { isDirect, type Dissected } from './dissect';
import type { GlossaryId } from './glossary';
import type { Narration } from './narration';
import { applicationData, author, cleartextAlert } from './narrateTls';
import { readersSentence } from './readers';
import { capitalize, list, nodeName, nodeShort, sentences, shown } from './text';
import { reencrypts, relaysTls } from './modeTraits';

/** How the visibility pass words a record one of the session's ends opened with a handshake traffic secret. */

/** A protected alert is 2 bytes of alert, 1 byte of inner content type and a 16-byte tag (§5.2). */
const ALERT_RECORD_LENGTH = 19;

export function narrateTls13(e: SegmentSentEvent, mode: Mode, d: Dissected): Narration {
  const hs = new Set(d.handshakes);
  if (hs.has('client_hello')) return clientHello13(e, mode, d);
  if (hs.has('server_hello')) return serverFlight13(e, mode, d);
  if (d.alerts.length > 0) return cleartextAlert(e, mode, d);
  // Only the client's second flight pairs the compatibility ChangeCipherSpec with protected records.
  if (d.changeCipherSpec) return clientFinished13(e, mode, d);
  const lengths = d.encryptedRecordLengths;
  if (lengths.length > 0 && lengths.every((n) => n === ALERT_RECORD_LENGTH)) return protectedAlert13(e, mode);
  // A flight longer than one segment: the endpoint that opened these records did so with a handshake key.
  if (lengths.length > 0 && Object.values(e.views).some((v) => v?.readability === 'plaintext' && v.reason.code === 'own-tls13-secret' && v.reason.secret === 'handshake')) {
    return encryptedHandshake13(e, mode, lengths);
  }
  if (d.appDataRecords > 0 || lengths.length > 0) return applicationData(e, mode, d, 'tls1.3');
  return {
    headline: `TLS 1.3 record: ${d.handshakes.join(', ') || 'unrecognised'}`,
    detail: sentences('A TLS 1.3 record this lab does not normally send.', readersSentence(e.views)),
    glossary: ['record'],
  };
}

const bridgeLeg = (e: SegmentSentEvent, mode: Mode): boolean => reencrypts(mode) && e.link === 'internal' && !isDirect(e);

function clientHello13(e: SegmentSentEvent, mode: Mode, d: Dissected): Narration {
  const who = author(e, mode);
  const ech = d.extensions.includes('encrypted_client_hello');
  const sni = d.sni ? shown(d.sni, 40) : null;
  let headline: string;
  if (who.relayed) headline = `TLS 1.3 ClientHello relayed unchanged to ${nodeShort(e.to)}`;
  else if (bridgeLeg(e, mode)) headline = `ClientHello from the LB: a second TLS 1.3 session to ${nodeShort(e.to)}`;
  else if (ech) headline = sni ? `TLS 1.3 ClientHello with ECH: outer name ${sni} only` : 'TLS 1.3 ClientHello with ECH';
  else headline = sni ? `TLS 1.3 ClientHello: key share sent, SNI ${sni} in the clear` : 'TLS 1.3 ClientHello with a key share, without SNI';
  const alpn = d.alpn.length > 0 ? ` and ALPN ${list(d.alpn.map((p) => shown(p, 16)))}` : '';
  const name = ech
    ? `The name in server_name${sni ? `, ${sni},` : ''} is only the public outer name: the real one travels encrypted in encrypted_client_hello.`
    : `${sni ? `The site name ${sni}` : 'Everything here'}${alpn} can be read by everyone on the link.`;
  const detail = sentences(
    `${capitalize(who.name)} asks for TLS 1.3 in supported_versions (the old version field still says TLS 1.2) and sends its x25519 public key in key_share right away, so the server can finish the key exchange in its first reply.`,
    ech ? `Its encrypted_client_hello extension stands for the real, sealed ClientHello (the lab fills it with random bytes of the right size). ${name}` : name,
  );
  let modeNote: string;
  const glossary: GlossaryId[] = ['supported-versions', 'key-share', 'sni', 'alpn', 'tls-1-3'];
  if (relaysTls(mode)) {
    modeNote = who.relayed
      ? `The LB forwards the client's own bytes, key share included, so the TLS 1.3 session runs between the client and ${nodeName(e.to)}.`
      : ech
        ? 'A passthrough LB routes on the SNI it can read, and with ECH that is the outer public name: every ECH site behind that name looks the same to it.'
        : 'The SNI and the ALPN list are all a passthrough LB will ever read of this session: in TLS 1.3 even the server certificate is encrypted.';
    glossary.push('layer-4', 'ech');
  } else if (bridgeLeg(e, mode)) {
    modeNote = 'Here the LB is the TLS client: a fresh hello with its own random and key share, for a session the client knows nothing about.';
  } else {
    modeNote = ech
      ? 'The LB is the TLS server here, as a real client-facing ECH server holding the ECH key would be: it does not need the inner name, because it routes on the Host header of the requests it decrypts.'
      : 'The LB answers this hello itself: the client TLS session will end at the load balancer, not at a backend.';
    if (ech) glossary.push('ech');
  }
  return { headline, detail, modeNote, glossary };
}

function serverFlight13(e: SegmentSentEvent, mode: Mode, d: Dissected): Narration {
  const who = author(e, mode);
  const sizes = d.encryptedRecordLengths;
  const sealed = sizes.length > 0
    ? `The encrypted records after it (here ${sizes.length}: ${list(sizes.map((n) => `${n}`))} bytes) carry the rest of its handshake, EncryptedExtensions, Certificate, CertificateVerify and Finished (and a CertificateRequest for mutual TLS), under the server handshake key: an observer without keys sees only their sizes.`
    : 'Its encrypted messages follow in the next segments.';
  const detail = sentences(
    `${capitalize(who.name)} selects TLS 1.3 and sends its own x25519 key share, so both ends can now derive the handshake keys; the ChangeCipherSpec after it carries nothing and only soothes old middleboxes.`,
    sealed,
    'CertificateVerify is an RSA-PSS signature over the handshake so far, proving the sender holds the certificate key.',
  );
  let headline: string;
  let modeNote: string;
  if (who.relayed) {
    headline = 'ServerHello relayed; the certificate inside is encrypted, unseen by the LB';
    modeNote = 'The LB relays a certificate it cannot see: in TLS 1.3 a passthrough balancer learns only the SNI and ALPN from the client hello, never which certificate the backend presented or whether the client accepted it.';
  } else if (relaysTls(mode)) {
    headline = `ServerHello + encrypted flight from ${nodeShort(e.from)}: certificate hidden`;
    modeNote = 'The backend holds the site key and signs with it; the LB relaying this flight sees the ServerHello but none of the messages after it.';
  } else if (bridgeLeg(e, mode)) {
    headline = `ServerHello + encrypted flight from ${nodeShort(e.from)}`;
    modeNote = `${capitalize(nodeName(e.from))} sends its internal certificate encrypted; the LB, the TLS client of this session, decrypts it and must verify it, or anything answering on that address could pose as the backend.`;
  } else {
    headline = 'ServerHello + encrypted flight: the LB proves it holds the site key';
    modeNote = 'The LB holds the site certificate and key and signs CertificateVerify with it. The eavesdropper on the internet cannot even see which certificate it presented.';
  }
  return { headline, detail, modeNote, glossary: ['key-share', 'encrypted-extensions', 'certificate-verify', 'key-schedule', 'change-cipher-spec', 'tls-1-3'] };
}

function clientFinished13(e: SegmentSentEvent, mode: Mode, d: Dissected): Narration {
  const who = author(e, mode);
  const extra = d.encryptedRecordLengths.length > 1;
  let modeNote: string | undefined;
  if (relaysTls(mode)) modeNote = 'The LB relays the end of a handshake it could not follow: it holds none of the secrets the two ends derived.';
  else if (bridgeLeg(e, mode)) modeNote = `The second session is ready: the LB will re-encrypt each request for ${nodeName(e.from === 'lb' ? e.to : e.from)} under its own keys.`;
  else if (e.link === 'internet') modeNote = 'The client session now ends at the LB, which derived the same secrets.';
  return {
    headline: `Finished from ${who.ref}: the TLS 1.3 handshake is complete`,
    detail: sentences(
      `${capitalize(who.name)} sends the empty compatibility ChangeCipherSpec and ${extra ? 'encrypted records with its certificate, its CertificateVerify and' : 'one encrypted record with'} its Finished, a MAC over the whole handshake under its handshake key.`,
      'Both ends now switch to the application traffic keys; the request can follow at once, one round trip after the ClientHello.',
      readersSentence(e.views),
    ),
    modeNote,
    glossary: ['finished', 'key-schedule', 'change-cipher-spec', ...(extra ? (['mtls'] as const) : [])],
  };
}

function protectedAlert13(e: SegmentSentEvent, mode: Mode): Narration {
  const who = author(e, mode);
  return {
    headline: `A 19-byte encrypted record from ${who.ref}: the size of an alert`,
    detail: sentences(
      'In TLS 1.3 even alerts are sealed as application_data: 2 bytes of alert, 1 byte of hidden type and a 16-byte tag.',
      'Only the two session endpoints know whether it is an orderly close_notify or an error such as bad_record_mac.',
      readersSentence(e.views),
    ),
    modeNote: relaysTls(mode) ? 'The LB relays it without knowing why the session ends.' : undefined,
    glossary: ['alert', 'aead'],
  };
}

function encryptedHandshake13(e: SegmentSentEvent, mode: Mode, lengths: readonly number[]): Narration {
  const who = author(e, mode);
  const total = lengths.reduce((a, b) => a + b, 0);
  return {
    headline: `More of ${who.ref}'s encrypted handshake (${total} bytes)`,
    detail: sentences(
      `${capitalize(who.name)} continues its handshake flight under the handshake traffic key: ${lengths.length === 1 ? 'one more record' : `${lengths.length} more records`} of ${list(lengths.map((n) => `${n}`))} bytes that, from outside, ${lengths.length === 1 ? 'looks' : 'look'} like any application data.`,
      'Only an end of the session, opening them, learns that they still hold handshake messages such as the Finished.',
      readersSentence(e.views),
    ),
    modeNote: relaysTls(mode) ? 'The LB relays these without even knowing the handshake is still going on.' : undefined,
    glossary: ['key-schedule', 'record', 'tls-1-3'],
  };
}
