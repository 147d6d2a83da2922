/**
 * The TLS 1.3 server handshake, 1-RTT, after the server state machine of RFC 8446 Appendix A.2:
 * START -> RECVD_CH -> NEGOTIATED -> WAIT_CERT -> WAIT_CV -> WAIT_FINISHED -> CONNECTED, with one
 * HelloRetryRequest when the client supports x25519 but sent no share for it (§4.1.4).
 */
import type Forge from 'node-forge';
import { alertError, expectParsed } from '../tlsShared/alerts';
import { alpnExtension, signatureAlgorithmsExtension, SignatureScheme, TLS13, TLS_AES_128_GCM_SHA256, X25519, type Extension } from '../tlsShared/extensions';
import { encodeHelloRetryRequest, encodeServerHello, parseClientHello, type ClientHello } from '../tlsShared/hello';
import {
  applicationSecrets, finishedVerifyData, handshakeSecrets, macEquals, sha256, Transcript, type ApplicationSecrets, type HandshakeSecrets,
} from '../tlsShared/keySchedule';
import {
  encodeCertificate, encodeCertificateRequest, encodeCertificateVerify, encodeEncryptedExtensions, encodeFinished, handshakeMessage,
  HandshakeType, handshakeTypeName, parseCertificate, parseCertificateVerify, parseFinished,
} from '../tlsShared/messages';
import { commonName, parseChain, pemToDer, rsaPublicKey, verifyChain } from '../tlsShared/peerCertificate';
import { randomBytes, sessionInfo, type HandshakeIo, type HandshakeRole, type Tls13ServerConfig } from '../tlsShared/role';
import { certificateVerifyContent, signCertificateVerify, VERIFIABLE_SCHEMES, verifyCertificateVerify } from '../tlsShared/signature';
import { generateX25519KeyPair, x25519SharedSecret } from '../tlsShared/x25519';

type State = 'wait_ch' | 'wait_ch2' | 'wait_cert' | 'wait_cv' | 'wait_finished' | 'connected';

export function createServerHandshake(config: Tls13ServerConfig, io: HandshakeIo): HandshakeRole {
  let state: State = 'wait_ch';
  let transcript = new Transcript();
  let clientRandom: Uint8Array = new Uint8Array(0);
  let serverRandom: Uint8Array = new Uint8Array(0);
  let sessionId: Uint8Array = new Uint8Array(0);
  let secrets: HandshakeSecrets | null = null;
  let application: ApplicationSecrets | null = null;
  let clientKey: Forge.pki.rsa.PublicKey | null = null;
  let clientCn: string | null = null;
  const requestContext = new Uint8Array(0);
  const record = (raw: Uint8Array): void => transcript.add(raw);
  const sendRecorded = (message: Uint8Array): void => {
    record(message);
    io.send(message);
  };

  /** The checks of §4.1.1 / §4.2 that decide whether this server can speak TLS 1.3 with this client at all. */
  function negotiate(ch: ClientHello): { share: Uint8Array | null; alpn: string | null } {
    if (!ch.supportedVersions?.includes(TLS13)) throw alertError('protocol_version', 'the client does not offer TLS 1.3, the only version this server speaks');
    if (ch.compressionMethods.length !== 1 || ch.compressionMethods[0] !== 0) throw alertError('illegal_parameter', 'legacy_compression_methods must be exactly [0]');
    if (!ch.cipherSuites.includes(TLS_AES_128_GCM_SHA256)) throw alertError('handshake_failure', 'the client does not offer TLS_AES_128_GCM_SHA256');
    if (!ch.signatureAlgorithms) throw alertError('missing_extension', 'the ClientHello has no signature_algorithms');
    if (!ch.signatureAlgorithms.includes(SignatureScheme.rsa_pss_rsae_sha256)) throw alertError('handshake_failure', 'the client does not accept rsa_pss_rsae_sha256 signatures');
    if (!ch.groups || !ch.keyShares) throw alertError('missing_extension', 'the ClientHello has no supported_groups / key_share');
    if (!ch.groups.includes(X25519)) throw alertError('handshake_failure', 'the client does not support x25519, the only group this server has');
    const share = ch.keyShares.find((s) => s.group === X25519)?.keyExchange ?? null;
    let alpn: string | null = null;
    if (ch.alpn && config.alpnProtocols?.length) {
      alpn = config.alpnProtocols.find((p) => ch.alpn!.includes(p)) ?? null;
      if (alpn === null) throw alertError('no_application_protocol', `none of the client's protocols (${ch.alpn.join(', ')}) is served here`);
    }
    return { share, alpn };
  }

  function onClientHello(body: Uint8Array, raw: Uint8Array): void {
    const ch = expectParsed(parseClientHello(body));
    const { share, alpn } = negotiate(ch);
    if (share === null) {
      if (state === 'wait_ch2') throw alertError('illegal_parameter', 'the second ClientHello still has no x25519 key share');
      return retry(ch, raw);
    }
    const keyPair = generateX25519KeyPair();
    const shared = x25519SharedSecret(keyPair.privateKey, share);
    clientRandom = ch.random;
    sessionId = ch.sessionId;
    serverRandom = randomBytes(32);
    record(raw);
    const hello = encodeServerHello({ random: serverRandom, sessionIdEcho: ch.sessionId, x25519PublicKey: keyPair.publicKey });
    sendRecorded(hello);
    // The server's middlebox-compatibility ChangeCipherSpec goes right after its first handshake message (Appendix D.4).
    if (state === 'wait_ch') io.sendChangeCipherSpec();
    secrets = handshakeSecrets(shared, transcript.hash());
    io.setWriteSecret(secrets.serverHandshakeTrafficSecret);
    io.setReadSecret(secrets.clientHandshakeTrafficSecret);
    sendFlight(secrets, alpn);
  }

  /** HelloRetryRequest: the transcript restarts with message_hash = Hash(ClientHello1) (§4.4.1). */
  function retry(ch: ClientHello, raw: Uint8Array): void {
    transcript = new Transcript();
    record(handshakeMessage(HandshakeType.message_hash, sha256(raw)));
    sendRecorded(encodeHelloRetryRequest(ch.sessionId, X25519));
    io.sendChangeCipherSpec();
    io.flush();
    state = 'wait_ch2';
  }

  /** EncryptedExtensions, CertificateRequest (mTLS), Certificate, CertificateVerify, Finished (§4.3 - §4.4). */
  function sendFlight(hs: HandshakeSecrets, alpn: string | null): void {
    const extensions: Extension[] = alpn ? [alpnExtension([alpn])] : [];
    sendRecorded(encodeEncryptedExtensions(extensions));
    if (config.clientCaPem) {
      sendRecorded(encodeCertificateRequest(requestContext, [signatureAlgorithmsExtension(VERIFIABLE_SCHEMES)]));
    }
    sendRecorded(encodeCertificate(new Uint8Array(0), config.certificateChainPem.map(pemToDer)));
    const signature = signCertificateVerify(config.privateKeyPem, certificateVerifyContent('server', transcript.hash()));
    sendRecorded(encodeCertificateVerify(SignatureScheme.rsa_pss_rsae_sha256, signature));
    sendRecorded(encodeFinished(finishedVerifyData(hs.serverHandshakeTrafficSecret, transcript.hash())));
    // Application secrets hash the transcript through the server Finished (§7.1); the server may write with them now.
    application = applicationSecrets(hs.handshakeSecret, transcript.hash());
    io.setWriteSecret(application.serverApplicationTrafficSecret);
    io.flush();
    state = config.clientCaPem ? 'wait_cert' : 'wait_finished';
  }

  function onCertificate(body: Uint8Array, raw: Uint8Array): void {
    const message = expectParsed(parseCertificate(body));
    if (message.context.length !== requestContext.length) throw alertError('illegal_parameter', 'the client Certificate does not echo the request context');
    // "If the client does not send any certificates ... the server MAY ... abort the handshake with a certificate_required alert" (§4.4.2.4).
    if (message.certificates.length === 0) throw alertError('certificate_required', 'the client sent no certificate, and this server requires one');
    const chain = parseChain(message.certificates);
    verifyChain(chain, config.clientCaPem ?? [], config.validityDate, null);
    clientKey = rsaPublicKey(chain[0]!);
    clientCn = commonName(chain[0]!);
    record(raw);
    state = 'wait_cv';
  }

  function onCertificateVerify(body: Uint8Array, raw: Uint8Array): void {
    const cv = expectParsed(parseCertificateVerify(body));
    if (!VERIFIABLE_SCHEMES.includes(cv.algorithm)) throw alertError('illegal_parameter', `CertificateVerify uses scheme 0x${cv.algorithm.toString(16)}, which was not requested`);
    const content = certificateVerifyContent('client', transcript.hash());
    if (!verifyCertificateVerify(clientKey!, cv.algorithm, content, cv.signature)) {
      throw alertError('decrypt_error', "the client's CertificateVerify signature does not match its certificate's key");
    }
    record(raw);
    state = 'wait_finished';
  }

  function onFinished(body: Uint8Array, raw: Uint8Array): void {
    const verifyData = expectParsed(parseFinished(body));
    if (!macEquals(verifyData, finishedVerifyData(secrets!.clientHandshakeTrafficSecret, transcript.hash()))) {
      throw alertError('decrypt_error', "the client's Finished does not match the handshake transcript");
    }
    record(raw);
    io.setReadSecret(application!.clientApplicationTrafficSecret);
    state = 'connected';
    io.complete(sessionInfo({ clientRandom, serverRandom, sessionId, handshake: secrets!, application: application!, peerCertificateCn: clientCn }));
  }

  return {
    get clientRandom() {
      return clientRandom;
    },
    start() {},
    handle(type, body, raw) {
      const expect = (wanted: number, next: (b: Uint8Array, r: Uint8Array) => void): void => {
        if (type !== wanted) throw alertError('unexpected_message', `expected ${handshakeTypeName(wanted)}, got ${handshakeTypeName(type)}`);
        next(body, raw);
      };
      switch (state) {
        case 'wait_ch':
        case 'wait_ch2': return expect(HandshakeType.client_hello, onClientHello);
        case 'wait_cert': return expect(HandshakeType.certificate, onCertificate);
        case 'wait_cv': return expect(HandshakeType.certificate_verify, onCertificateVerify);
        case 'wait_finished': return expect(HandshakeType.finished, onFinished);
        default: throw alertError('unexpected_message', `unexpected ${handshakeTypeName(type)}`);
      }
    },
  };
}
