/**
 * The TLS 1.3 client handshake, 1-RTT, after the client state machine of RFC 8446 Appendix A.1:
 * START -> WAIT_SH -> WAIT_EE -> WAIT_CERT_CR -> WAIT_CERT -> WAIT_CV -> WAIT_FINISHED -> CONNECTED.
 */
import type Forge from 'node-forge';
import { equalBytes } from '../core/bytes';
import { alertError, expectParsed } from '../tlsShared/alerts';
import { Ext, SignatureScheme, TLS13, TLS_AES_128_GCM_SHA256, X25519 } from '../tlsShared/extensions';
import { encodeClientHello, parseServerHello, type ClientHelloParams } from '../tlsShared/hello';
import {
  applicationSecrets, finishedVerifyData, handshakeSecrets, macEquals, Transcript, type ApplicationSecrets, type HandshakeSecrets,
} from '../tlsShared/keySchedule';
import {
  encodeCertificate, encodeCertificateVerify, encodeFinished, HandshakeType, handshakeTypeName, parseCertificate,
  parseCertificateRequest, parseCertificateVerify, parseEncryptedExtensions, parseFinished, type CertificateRequest,
} from '../tlsShared/messages';
import { commonName, parseChain, pemToDer, rsaPublicKey, verifyChain } from '../tlsShared/peerCertificate';
import { randomBytes, sessionInfo, type HandshakeIo, type HandshakeRole, type Tls13ClientConfig } from '../tlsShared/role';
import { certificateVerifyContent, OFFERED_SCHEMES, signCertificateVerify, verifyCertificateVerify } from '../tlsShared/signature';
import { generateX25519KeyPair, x25519SharedSecret, type X25519KeyPair } from '../tlsShared/x25519';

type State = 'start' | 'wait_sh' | 'wait_ee' | 'wait_cert_cr' | 'wait_cert' | 'wait_cv' | 'wait_finished' | 'connected';

export function createClientHandshake(config: Tls13ClientConfig, io: HandshakeIo): HandshakeRole {
  let state: State = 'start';
  const transcript = new Transcript();
  let clientRandom: Uint8Array = new Uint8Array(0);
  let sessionId: Uint8Array = new Uint8Array(0);
  let keyPair: X25519KeyPair | null = null;
  let serverRandom: Uint8Array = new Uint8Array(0);
  let secrets: HandshakeSecrets | null = null;
  let request: CertificateRequest | null = null;
  let serverKey: Forge.pki.rsa.PublicKey | null = null;
  let serverCn: string | null = null;
  const offeredAlpn = config.alpnProtocols ?? [];
  const offeredExtensions = new Set<number>([Ext.server_name, Ext.supported_groups, Ext.signature_algorithms, Ext.supported_versions, Ext.key_share, ...(offeredAlpn.length ? [Ext.alpn] : [])]);

  const record = (raw: Uint8Array): void => transcript.add(raw);

  function onServerHello(body: Uint8Array, raw: Uint8Array): void {
    const sh = expectParsed(parseServerHello(body));
    if (sh.isHelloRetryRequest) {
      // Only x25519 is offered and its share was sent, so a retry could change nothing (§4.1.4).
      throw alertError('illegal_parameter', `the server asked for another key share (group ${sh.selectedGroup ?? '?'}); this client offers only x25519`);
    }
    if (sh.selectedVersion === null) throw alertError('protocol_version', 'the server chose TLS 1.2 or older; this client speaks only TLS 1.3');
    if (sh.selectedVersion !== TLS13) throw alertError('illegal_parameter', `the server selected version 0x${sh.selectedVersion.toString(16)}, which was not offered`);
    if (!equalBytes(sh.sessionId, sessionId)) throw alertError('illegal_parameter', 'the server did not echo legacy_session_id');
    if (sh.cipherSuite !== TLS_AES_128_GCM_SHA256) throw alertError('illegal_parameter', `the server chose cipher suite 0x${sh.cipherSuite.toString(16)}, which was not offered`);
    if (sh.compressionMethod !== 0) throw alertError('illegal_parameter', 'legacy_compression_method must be 0');
    const unsolicited = sh.extensionTypes.find((t) => t !== Ext.key_share && t !== Ext.supported_versions);
    if (unsolicited !== undefined) throw alertError('unsupported_extension', `the ServerHello carries extension ${unsolicited}, which was not offered`);
    if (!sh.keyShare) throw alertError('missing_extension', 'the ServerHello has no key_share');
    if (sh.keyShare.group !== X25519) throw alertError('illegal_parameter', `the server's key share is for group ${sh.keyShare.group}, not x25519`);
    const shared = x25519SharedSecret(keyPair!.privateKey, sh.keyShare.keyExchange);
    serverRandom = sh.random;
    record(raw);
    secrets = handshakeSecrets(shared, transcript.hash());
    io.setReadSecret(secrets.serverHandshakeTrafficSecret);
    io.setWriteSecret(secrets.clientHandshakeTrafficSecret);
    state = 'wait_ee';
  }

  function onEncryptedExtensions(body: Uint8Array, raw: Uint8Array): void {
    const ee = expectParsed(parseEncryptedExtensions(body));
    const unsolicited = ee.extensionTypes.find((t) => !offeredExtensions.has(t) || t === Ext.key_share || t === Ext.supported_versions);
    if (unsolicited !== undefined) throw alertError('unsupported_extension', `EncryptedExtensions carries extension ${unsolicited}, which is not allowed there`);
    if (ee.alpn !== null && !offeredAlpn.includes(ee.alpn)) throw alertError('illegal_parameter', `the server selected ALPN "${ee.alpn}", which was not offered`);
    record(raw);
    state = 'wait_cert_cr';
  }

  function onCertificateRequest(body: Uint8Array, raw: Uint8Array): void {
    request = expectParsed(parseCertificateRequest(body));
    record(raw);
    state = 'wait_cert';
  }

  function onCertificate(body: Uint8Array, raw: Uint8Array): void {
    const message = expectParsed(parseCertificate(body));
    if (message.context.length !== 0) throw alertError('illegal_parameter', 'a server Certificate must have an empty request context');
    // "If the server supplies an empty Certificate message, the client MUST abort with a decode_error" (§4.4.2.4).
    if (message.certificates.length === 0) throw alertError('decode_error', 'the server sent no certificate');
    const chain = parseChain(message.certificates);
    if (config.verifyPeer) verifyChain(chain, config.trustedCaPem, config.validityDate, config.serverName);
    serverKey = rsaPublicKey(chain[0]!);
    serverCn = commonName(chain[0]!);
    record(raw);
    state = 'wait_cv';
  }

  function onCertificateVerify(body: Uint8Array, raw: Uint8Array): void {
    const cv = expectParsed(parseCertificateVerify(body));
    if (!OFFERED_SCHEMES.includes(cv.algorithm)) throw alertError('illegal_parameter', `CertificateVerify uses scheme 0x${cv.algorithm.toString(16)}, which was not offered`);
    const content = certificateVerifyContent('server', transcript.hash());
    if (!verifyCertificateVerify(serverKey!, cv.algorithm, content, cv.signature)) {
      throw alertError('decrypt_error', "the server's CertificateVerify signature does not match its certificate's key");
    }
    record(raw);
    state = 'wait_finished';
  }

  function onFinished(body: Uint8Array, raw: Uint8Array): void {
    const hs = secrets!;
    const verifyData = expectParsed(parseFinished(body));
    if (!macEquals(verifyData, finishedVerifyData(hs.serverHandshakeTrafficSecret, transcript.hash()))) {
      throw alertError('decrypt_error', "the server's Finished does not match the handshake transcript");
    }
    record(raw);
    const app = applicationSecrets(hs.handshakeSecret, transcript.hash());
    io.setReadSecret(app.serverApplicationTrafficSecret);
    io.sendChangeCipherSpec();
    if (request) sendClientCertificate(request);
    io.send(finished(hs));
    io.setWriteSecret(app.clientApplicationTrafficSecret);
    state = 'connected';
    io.complete(info(hs, app));
  }

  /** Certificate (empty when this client has none, §4.4.2) and, with a certificate, CertificateVerify (§4.4.3). */
  function sendClientCertificate(cr: CertificateRequest): void {
    const canSign = cr.signatureAlgorithms.includes(SignatureScheme.rsa_pss_rsae_sha256);
    const pem = config.clientCertificatePem && config.clientPrivateKeyPem && canSign ? config.clientCertificatePem : null;
    const certificate = encodeCertificate(cr.context, pem ? [pemToDer(pem)] : []);
    record(certificate);
    io.send(certificate);
    if (!pem) return;
    const signature = signCertificateVerify(config.clientPrivateKeyPem!, certificateVerifyContent('client', transcript.hash()));
    const verify = encodeCertificateVerify(SignatureScheme.rsa_pss_rsae_sha256, signature);
    record(verify);
    io.send(verify);
  }

  function finished(hs: HandshakeSecrets): Uint8Array {
    const message = encodeFinished(finishedVerifyData(hs.clientHandshakeTrafficSecret, transcript.hash()));
    record(message);
    return message;
  }

  function info(handshake: HandshakeSecrets, application: ApplicationSecrets) {
    return sessionInfo({ clientRandom, serverRandom, sessionId, handshake, application, peerCertificateCn: serverCn });
  }

  return {
    get clientRandom() {
      return clientRandom;
    },
    start() {
      if (state !== 'start') return;
      // Drawn here, not at creation, so they come from the run's seeded source whenever the owner starts.
      clientRandom = randomBytes(32);
      // Middlebox compatibility mode: a 32-byte legacy_session_id (Appendix D.4), which the server echoes.
      sessionId = randomBytes(32);
      keyPair = generateX25519KeyPair();
      const params = {
        random: clientRandom, sessionId, serverName: config.serverName || null, x25519PublicKey: keyPair.publicKey,
        signatureAlgorithms: OFFERED_SCHEMES, alpn: offeredAlpn,
      };
      const hello = encodeClientHello(config.encryptedClientHello ? outerHello(params, config.encryptedClientHello.publicName) : params);
      record(hello);
      // legacy_record_version 0x0301 for the initial ClientHello, as OpenSSL sends it (§5.1).
      io.send(hello, 0x0301);
      io.flush();
      state = 'wait_sh';
    },
    handle(type, body, raw) {
      const expect = (wanted: number, next: (b: Uint8Array, r: Uint8Array) => void): void => {
        if (type !== wanted) throw alertError('unexpected_message', `expected ${handshakeTypeName(wanted)}, got ${handshakeTypeName(type)}`);
        next(body, raw);
      };
      switch (state) {
        case 'wait_sh': return expect(HandshakeType.server_hello, onServerHello);
        case 'wait_ee': return expect(HandshakeType.encrypted_extensions, onEncryptedExtensions);
        case 'wait_cert_cr':
          return type === HandshakeType.certificate_request ? onCertificateRequest(body, raw) : expect(HandshakeType.certificate, onCertificate);
        case 'wait_cert': return expect(HandshakeType.certificate, onCertificate);
        case 'wait_cv': return expect(HandshakeType.certificate_verify, onCertificateVerify);
        case 'wait_finished': return expect(HandshakeType.finished, onFinished);
        default: throw alertError('unexpected_message', `unexpected ${handshakeTypeName(type)} before the handshake started`);
      }
    },
  };
}

/** The id of the one ECHConfig the simulated site publishes (in reality in its DNS HTTPS record, RFC 9460 §7.3). */
const ECH_CONFIG_ID = 0x2a;
/** ECHConfig.maximum_name_length the site publishes: inner names are padded to it so their length leaks nothing. */
const ECH_MAX_NAME_LENGTH = 64;
/** HPKE's AES-128-GCM tag (RFC 9180). */
const AEAD_TAG = 16;

/**
 * Encrypted Client Hello, simulated at the level of what a router on the path can read. The outer hello names
 * only the public name and carries an encrypted_client_hello extension shaped as in draft-ietf-tls-esni §5
 * (outer type, HPKE suite, config_id, a 32-byte enc, a payload as long as the sealed inner hello would be). The
 * lab does NOT implement HPKE: enc and payload are seeded random bytes standing for the sealed ClientHelloInner,
 * so nobody can open them and nobody tries. The handshake itself still authenticates the real name: the
 * certificate is verified against `config.serverName`, the inner name, as a client does once ECH is accepted:
 * the lab treats whichever server answers (a backend in passthrough, the LB otherwise) as one that opened the
 * inner hello. A real server without the ECH key would reject ECH, and the client would then accept only a
 * certificate for the public name and retry (draft-ietf-tls-esni §6.1.6); that path is not simulated.
 */
function outerHello(inner: ClientHelloParams, publicName: string): ClientHelloParams {
  // EncodedClientHelloInner omits legacy_session_id and pads the name, then the whole, to a multiple of 32 (§6.1.3).
  const encodedInner = encodeClientHello({ ...inner, sessionId: new Uint8Array(0) }).length - 4;
  const namePadding = Math.max(0, ECH_MAX_NAME_LENGTH - (inner.serverName?.length ?? 0));
  const padded = Math.ceil((encodedInner + namePadding) / 32) * 32;
  return {
    ...inner,
    serverName: publicName,
    encryptedClientHello: { configId: ECH_CONFIG_ID, enc: randomBytes(32), payload: randomBytes(padded + AEAD_TAG) },
  };
}
