/**
 * The words for what the dissector and the passive decoder found: a layer's summary line, an observer's reason
 * and the handshake facts it read. The engine hands over typed facts (src/sim/core/layers.ts, core/views.ts);
 * every sentence is made here, so rewording one never changes what a panel decides.
 */
import type { HandshakeMessageFacts, PacketLayer, TlsRecordFacts } from '../core/layers';
import type { DecryptedContent, ObserverView, ViewReason } from '../core/views';

const camel = (name: string): string => name.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());

/** One cleartext handshake message: "ClientHello (SNI shop.example.com)", "Certificate (CN=...)". */
export function handshakeMessageText(m: HandshakeMessageFacts): string {
  switch (m.type) {
    // With ECH the visible name is only the outer, public one (the real hello is sealed inside).
    case 'client_hello': return m.encryptedClientHello
      ? `ClientHello (Encrypted Client Hello, outer SNI ${m.serverName ?? 'none'})`
      : `ClientHello (${m.serverName ? `SNI ${m.serverName}` : 'no SNI'})`;
    case 'hello_retry_request': return `HelloRetryRequest (asks for a ${m.keyShareGroup ?? 'different'} key share)`;
    case 'server_hello': return `ServerHello (${m.negotiatedVersion}, ${m.cipherSuite})`;
    case 'certificate': return `Certificate (${m.subject ?? 'empty'})`;
    case 'client_key_exchange': return m.exchange === 'rsa' ? 'ClientKeyExchange (RSA-encrypted pre-master secret)' : 'ClientKeyExchange (ECDHE public key)';
    case 'server_key_exchange': return `ServerKeyExchange (ECDHE ${m.namedCurve}, signed with ${m.signatureAlgorithm})`;
    case 'other': return camel(m.typeName);
  }
}

/** A TLS record's summary line, as the inspector shows it. */
export function recordSummary(f: TlsRecordFacts): string {
  const n = f.fragmentLength;
  if (f.encrypted) {
    if (f.innerTypeHidden) return `Encrypted record (TLS 1.3 hides the real content type; ${n} bytes)`;
    switch (f.contentType) {
      case 'handshake': return `Encrypted handshake message${f.firstEncryptedHandshake ? ' (Finished)' : ''}`;
      case 'application_data': return `Application data (encrypted, ${n} bytes)`;
      case 'alert': return `Encrypted alert (${n} bytes)`;
      case 'change_cipher_spec': return 'ChangeCipherSpec (encrypted, renegotiation)';
      default: return `Unknown content type ${f.contentTypeCode} (encrypted, ${n} bytes)`;
    }
  }
  if (f.contentType === 'change_cipher_spec') {
    return f.compatChangeCipherSpec ? 'ChangeCipherSpec (middlebox compatibility; TLS 1.3 ignores it)' : 'ChangeCipherSpec: the following records from this side are encrypted';
  }
  if (f.alert) return `Alert: ${f.alert.level} ${f.alert.description}`;
  if (f.contentType === 'handshake') {
    const parts = f.messages.map(handshakeMessageText);
    if (f.messageContinues) parts.push('start of a message continued in the next record');
    return `Handshake: ${parts.join(', ') || 'empty'}`;
  }
  if (f.contentType === 'application_data') return `Application data (not encrypted: sent before ChangeCipherSpec, ${n} bytes)`;
  return `${f.malformedAlert ? 'Malformed alert' : `Unknown content type ${f.contentTypeCode}`} (${n} bytes)`;
}

/** The one-line summary of a packet layer ("Handshake: ClientHello (SNI shop.example.com)", "HTTP (cleartext): GET / HTTP/1.1"). */
export function layerSummary(layer: PacketLayer): string {
  switch (layer.kind) {
    case 'proxy': return `PROXY protocol v${layer.facts.version}: client ${layer.facts.sourceAddress}:${layer.facts.sourcePort}`;
    case 'tls': return recordSummary(layer.facts);
    case 'http': return `HTTP (cleartext): ${layer.facts.startLine}`;
    case 'data':
      if (layer.facts.partialTlsRecord) return 'Part of a TLS record that continues in the next segment';
      if (layer.facts.unparseable !== null) return `Unparseable bytes: ${layer.facts.unparseable}`;
      if (layer.facts.httpContinued) return `HTTP (cleartext, continued): the next ${layer.facts.length} bytes of the message above`;
      return `${layer.facts.length} bytes of unrecognised data`;
  }
}

/** The lesson of each outcome (RSA key transport has no forward secrecy; ECDHE and TLS 1.3 do). */
export const NO_KEY_TEXT = 'encrypted: no key for this session (observer holds no private key matching the server certificate, and was not an endpoint)';
export const NO_KEY_13_TEXT = 'encrypted: no key for this session (this observer was not an endpoint and holds none of its TLS 1.3 traffic secrets)';
export const ENDPOINT_TEXT = "decrypted with the session's master secret (this node is an endpoint)";
export const RSA_TEXT = "decrypted: recovered the pre-master secret with the site's RSA private key (RSA key transport has no forward secrecy)";
const TAG_FAILED = 'authentication failed: the AES-GCM tag does not match (the record was altered in transit, or these are not its keys)';

function forwardSecrecyText(protocol: 'tls1.2' | 'tls1.3', group: string): string {
  return protocol === 'tls1.2'
    ? `encrypted: ECDHE key exchange — the session secret was computed from ephemeral ${group} keys that never crossed the wire; the site's RSA key only signed the handshake, so holding it opens nothing (forward secrecy)`
    : `encrypted: TLS 1.3 key exchange — the traffic secrets were computed from ephemeral ${group} keys that never crossed the wire; the site's RSA key only signed the handshake (CertificateVerify), so holding it opens nothing (forward secrecy)`;
}

/** Why an observer could or could not read a packet, in one sentence ("encrypted: no key for this session (...)"). */
export function viewReasonText(reason: ViewReason): string {
  switch (reason.code) {
    case 'cleartext-stream': return 'cleartext on the wire: no key is needed to read it';
    case 'cleartext-proxy-header': return 'cleartext: PROXY protocol header, sent before TLS by the load balancer';
    case 'cleartext-handshake': return 'cleartext: handshake messages before ChangeCipherSpec are not encrypted (RFC 4346 §7.4)';
    case 'cleartext-change-cipher-spec': return 'cleartext: ChangeCipherSpec itself is not encrypted (RFC 4346 §7.1)';
    case 'cleartext-before-encryption': return 'cleartext: sent before this side switched to encryption';
    case 'cleartext-tls13-hello': return 'cleartext: TLS 1.3 sends only the hellos in the clear; everything after the ServerHello, certificate included, is encrypted (RFC 8446 §2)';
    case 'cleartext-tls13-compat-ccs': return 'cleartext: a TLS 1.3 compatibility ChangeCipherSpec, which carries nothing (RFC 8446 Appendix D.4)';
    case 'own-session-keys': return ENDPOINT_TEXT;
    case 'own-resumed-session': return "decrypted with the resumed session's master secret (this node was an endpoint of the earlier handshake)";
    case 'own-tls13-secret': {
      const n = reason.keyUpdates;
      const after = n > 0 ? ` (after ${n} KeyUpdate${n > 1 ? 's' : ''})` : '';
      return `decrypted with the session's ${reason.side} ${reason.secret} traffic secret${after} (this node is an endpoint of this TLS 1.3 session)`;
    }
    case 'holds-private-key': return RSA_TEXT;
    case 'no-key-for-session': return reason.tls13 ? NO_KEY_13_TEXT : NO_KEY_TEXT;
    case 'forward-secrecy': return forwardSecrecyText(reason.protocol, reason.group);
    case 'resumed-session-unknown': return "encrypted: resumed session (abbreviated handshake) has no key exchange to decrypt, and this observer does not know the earlier session's master secret";
    case 'client-hello-not-seen': return 'encrypted: the ClientHello was not seen, so the session cannot be identified';
    case 'server-hello-not-seen': return 'encrypted: the ServerHello was not seen (server random and cipher suite unknown)';
    case 'client-key-exchange-not-seen': return 'encrypted: the ClientKeyExchange was not seen, so the pre-master secret cannot be recovered';
    case 'unsupported-ssl3': return 'encrypted with SSL 3.0, which this decoder does not implement';
    case 'unsupported-cipher-suite': return `encrypted with ${reason.cipherSuite}, which this decoder does not implement`;
    case 'pre-master-secret-rejected':
      switch (reason.problem) {
        case 'padding': return 'encrypted: RSA decryption of the pre-master secret failed (PKCS#1 v1.5 padding invalid: wrong key or corrupted message)';
        case 'length': return `encrypted: decrypted pre-master secret is ${reason.length ?? '?'} bytes, not 48 (RFC 4346 §7.4.7.1)`;
        case 'version': return 'encrypted: pre-master secret does not start with the ClientHello version (RFC 4346 §7.4.7.1): the server would reject it';
      }
      break;
    case 'mac-check-failed':
      switch (reason.check) {
        case 'hmac': return 'MAC check failed: record was altered in transit (HMAC-SHA1 does not match, RFC 4346 §6.2.3.1)';
        case 'cbc-padding': return 'MAC check failed (bad CBC padding): record was altered in transit, or the keys are wrong';
        case 'aead-tag': return `encrypted: ${TAG_FAILED}`;
      }
      break;
    case 'malformed-record':
      switch (reason.problem) {
        case 'cbc-length': return `ciphertext length ${reason.length} is not a valid CBC record (needs ${reason.explicitIv ? 'a 16-byte IV plus ' : ''}whole ${reason.blockSize ?? 16}-byte blocks holding the MAC)`;
        case 'short-gcm': return `encrypted: a ${reason.length}-byte record is too short to hold an 8-byte nonce and a 16-byte tag`;
        case 'short-tls13': return `encrypted: a ${reason.length}-byte record is too short to hold content and a 16-byte tag`;
        case 'all-padding': return 'encrypted: decrypted, but the inner plaintext holds no content type (all padding): a malformed record (RFC 8446 §5.4)';
      }
      break;
    case 'secret-never-derived': return 'encrypted: this end never derived the secret that protects this record';
    case 'framing-mismatch': return reason.negotiated === 'tls1.3'
      ? 'encrypted: the handshake negotiated TLS 1.3 but this record was framed otherwise'
      : 'encrypted: a TLS 1.3 session record framed like TLS 1.2';
    case 'partial-record': return `first part of a TLS record that completes in a later segment; there: ${viewReasonText(reason.completesWith)}`;
    case 'record-continues': return `${reason.bufferedBytes} bytes of a TLS record that completes in a later segment`;
    case 'stream-ends-in-record': return `stream ends inside a TLS record (${reason.bufferedBytes} bytes of an incomplete record)`;
    case 'stream-out-of-sync': return `TLS stream out of sync: ${reason.problem}`;
    case 'no-complete-record': return 'no complete record in this segment';
  }
  return 'encrypted';
}

/** What a decrypted record held: "Handshake: Finished", "Alert: warning close_notify", "57 bytes of application_data". */
export function decryptedContentText(c: DecryptedContent): string {
  switch (c.type) {
    case 'handshake': return `Handshake: ${c.messages.join(', ') || 'empty'}`;
    case 'alert': return `Alert: ${c.level} ${c.description}`;
    case 'data': return `${c.length} bytes of ${c.contentType}`;
  }
}

/** The handshake facts an observer read in a packet, one line each (cleartext records, then what it decrypted). */
export function handshakeFactsText(view: ObserverView): string[] {
  return [
    ...(view.handshake.proxyHeader ? ['PROXY protocol header'] : []),
    ...view.handshake.records.map(recordSummary),
    ...view.handshake.decrypted.map((c) => `${decryptedContentText(c)} (decrypted)`),
  ];
}
