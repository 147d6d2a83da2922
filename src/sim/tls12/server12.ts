/**
 * The TLS 1.2 server of an ECDHE_RSA full handshake (RFC 5246 §7.3, RFC 8422 §5): no session resumption, no
 * tickets, no renegotiation (RFC 5746's renegotiation_info is echoed so that OpenSSL clients accept us).
 */
import type Forge from 'node-forge';
import { concatBytes } from '../core/bytes';
import { alertError, expectParsed } from '../tlsShared/alerts';
import { X25519 } from '../tlsShared/extensions';
import { parseClientHello, type ClientHello } from '../tlsShared/hello';
import { macEquals } from '../tlsShared/keySchedule';
import { parseCertificateVerify } from '../tlsShared/messages';
import { commonName, parseChain, pemToDer, rsaPublicKey, verifyChain } from '../tlsShared/peerCertificate';
import { randomBytes, type Tls13ServerConfig } from '../tlsShared/role';
import { generateX25519KeyPair, x25519SharedSecret, type X25519KeyPair } from '../tlsShared/x25519';
import {
  ecdhParams, encodeCertificate12, encodeCertificateRequest12, encodeFinished12, encodeServerHello12, encodeServerHelloDone,
  encodeServerKeyExchange, EXT_RENEGOTIATION_INFO, HandshakeType12, handshakeTypeName12, parseCertificate12, parseClientKeyExchange,
  parseFinished12, RENEGOTIATION_SCSV, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
} from './messages12';
import { keyBlock, masterSecret12, verifyData12 } from '../tlsShared/prf';
import { sessionInfo12, Transcript12, type HandshakeIo12, type HandshakeRole12 } from './role12';
import { chooseScheme, SCHEMES_12, sign12, verify12 } from './signature12';

type State = 'wait_ch' | 'wait_cert' | 'wait_cke' | 'wait_cv' | 'wait_ccs' | 'wait_finished' | 'connected';

export function createServerHandshake12(config: Tls13ServerConfig, io: HandshakeIo12): HandshakeRole12 {
  let state: State = 'wait_ch';
  const transcript = new Transcript12();
  let clientRandom: Uint8Array = new Uint8Array(0);
  let serverRandom: Uint8Array = new Uint8Array(0);
  let sessionId: Uint8Array = new Uint8Array(0);
  let keyPair: X25519KeyPair | null = null;
  let master: Uint8Array = new Uint8Array(0);
  let clientKey: Forge.pki.rsa.PublicKey | null = null;
  let clientCn: string | null = null;
  const sendRecorded = (message: Uint8Array): void => {
    transcript.add(message);
    io.send(message);
  };

  function negotiate(ch: ClientHello): { scheme: number; alpn: string | null } {
    if (ch.legacyVersion < 0x0303 || (ch.supportedVersions && !ch.supportedVersions.includes(0x0303))) {
      throw alertError('protocol_version', 'the client does not offer TLS 1.2, the only version this server speaks');
    }
    if (!ch.compressionMethods.includes(0)) throw alertError('illegal_parameter', 'the client offers no null compression');
    if (!ch.cipherSuites.includes(TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)) throw alertError('handshake_failure', 'the client does not offer ECDHE-RSA-AES128-GCM-SHA256');
    if (!ch.groups?.includes(X25519)) throw alertError('handshake_failure', 'the client does not support x25519, the only group this server has');
    // Without signature_algorithms a TLS 1.2 client means SHA-1 (RFC 5246 §7.4.1.4.1), which this server does not sign with.
    const scheme = chooseScheme(ch.signatureAlgorithms ?? []);
    if (scheme === null) throw alertError('handshake_failure', 'the client accepts neither rsa_pss_rsae_sha256 nor rsa_pkcs1_sha256');
    let alpn: string | null = null;
    if (ch.alpn && config.alpnProtocols?.length) {
      alpn = config.alpnProtocols.find((p) => ch.alpn!.includes(p)) ?? null;
      if (alpn === null) throw alertError('no_application_protocol', `none of the client's protocols (${ch.alpn.join(', ')}) is served here`);
    }
    return { scheme, alpn };
  }

  function onClientHello(body: Uint8Array, raw: Uint8Array): void {
    const ch = expectParsed(parseClientHello(body));
    const { scheme, alpn } = negotiate(ch);
    transcript.add(raw);
    clientRandom = ch.random;
    serverRandom = randomBytes(32);
    sessionId = randomBytes(32);
    const renegotiation = ch.extensionTypes.includes(EXT_RENEGOTIATION_INFO) || ch.cipherSuites.includes(RENEGOTIATION_SCSV);
    sendRecorded(encodeServerHello12(serverRandom, sessionId, renegotiation, alpn));
    sendRecorded(encodeCertificate12(config.certificateChainPem.map(pemToDer)));
    keyPair = generateX25519KeyPair();
    const params = ecdhParams(keyPair.publicKey);
    const signature = sign12(config.privateKeyPem, scheme, concatBytes(clientRandom, serverRandom, params));
    sendRecorded(encodeServerKeyExchange(params, scheme, signature));
    if (config.clientCaPem) sendRecorded(encodeCertificateRequest12(SCHEMES_12));
    sendRecorded(encodeServerHelloDone());
    io.flush();
    state = config.clientCaPem ? 'wait_cert' : 'wait_cke';
  }

  function onCertificate(body: Uint8Array, raw: Uint8Array): void {
    const ders = expectParsed(parseCertificate12(body));
    // "If the client does not send any certificates, the server MAY ... respond with a fatal handshake_failure alert" (§7.4.6).
    if (ders.length === 0) throw alertError('handshake_failure', 'the client sent no certificate, and this server requires one');
    const chain = parseChain(ders);
    verifyChain(chain, config.clientCaPem ?? [], config.validityDate, null);
    clientKey = rsaPublicKey(chain[0]!);
    clientCn = commonName(chain[0]!);
    transcript.add(raw);
    state = 'wait_cke';
  }

  function onClientKeyExchange(body: Uint8Array, raw: Uint8Array): void {
    const publicKey = expectParsed(parseClientKeyExchange(body));
    const shared = x25519SharedSecret(keyPair!.privateKey, publicKey);
    master = masterSecret12(shared, clientRandom, serverRandom);
    io.keysDerived();
    transcript.add(raw);
    state = clientKey ? 'wait_cv' : 'wait_ccs';
  }

  function onCertificateVerify(body: Uint8Array, raw: Uint8Array): void {
    const cv = expectParsed(parseCertificateVerify(body));
    if (!SCHEMES_12.includes(cv.algorithm)) throw alertError('illegal_parameter', `CertificateVerify uses scheme 0x${cv.algorithm.toString(16)}, which was not requested`);
    if (!verify12(clientKey!, cv.algorithm, transcript.all(), cv.signature)) {
      throw alertError('decrypt_error', "the client's CertificateVerify signature does not match its certificate's key");
    }
    transcript.add(raw);
    state = 'wait_ccs';
  }

  function onFinished(body: Uint8Array, raw: Uint8Array): void {
    const verifyData = expectParsed(parseFinished12(body));
    if (!macEquals(verifyData, verifyData12(master, 'client', transcript.hash()))) {
      throw alertError('decrypt_error', "the client's Finished does not match the handshake transcript");
    }
    transcript.add(raw);
    const keys = keyBlock(master, clientRandom, serverRandom);
    io.sendChangeCipherSpec();
    io.setWriteKeys(keys.serverWriteKey, keys.serverWriteIv);
    sendRecorded(encodeFinished12(verifyData12(master, 'server', transcript.hash())));
    state = 'connected';
    io.complete(sessionInfo12({ clientRandom, serverRandom, sessionId, masterSecret: master, peerCertificateCn: clientCn }));
  }

  return {
    start() {},
    handle(type, body, raw) {
      const expect = (wanted: number, next: (b: Uint8Array, r: Uint8Array) => void): void => {
        if (type !== wanted) throw alertError('unexpected_message', `expected ${handshakeTypeName12(wanted)}, got ${handshakeTypeName12(type)}`);
        next(body, raw);
      };
      switch (state) {
        case 'wait_ch': return expect(HandshakeType12.client_hello, onClientHello);
        case 'wait_cert': return expect(HandshakeType12.certificate, onCertificate);
        case 'wait_cke': return expect(HandshakeType12.client_key_exchange, onClientKeyExchange);
        case 'wait_cv': return expect(HandshakeType12.certificate_verify, onCertificateVerify);
        case 'wait_finished': return expect(HandshakeType12.finished, onFinished);
        default: throw alertError('unexpected_message', `unexpected ${handshakeTypeName12(type)}`);
      }
    },
    changeCipherSpec() {
      if (state !== 'wait_ccs') throw alertError('unexpected_message', 'ChangeCipherSpec before the client key exchange finished');
      const keys = keyBlock(master, clientRandom, serverRandom);
      io.setReadKeys(keys.clientWriteKey, keys.clientWriteIv);
      state = 'wait_finished';
    },
  };
}
