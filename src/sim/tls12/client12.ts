/**
 * The TLS 1.2 client of an ECDHE_RSA full handshake (RFC 5246 §7.3, RFC 8422): ClientHello; ServerHello,
 * Certificate, ServerKeyExchange, [CertificateRequest], ServerHelloDone; then [Certificate], ClientKeyExchange,
 * [CertificateVerify], ChangeCipherSpec, Finished; and the server's ChangeCipherSpec, Finished.
 */
import type Forge from 'node-forge';
import { concatBytes } from '../core/bytes';
import { alertError, expectParsed } from '../tlsShared/alerts';
import { Ext, X25519 } from '../tlsShared/extensions';
import { macEquals } from '../tlsShared/keySchedule';
import { encodeCertificateVerify } from '../tlsShared/messages';
import { commonName, parseChain, pemToDer, rsaPublicKey, verifyChain } from '../tlsShared/peerCertificate';
import { randomBytes, type Tls13ClientConfig } from '../tlsShared/role';
import { OFFERED_SCHEMES } from '../tlsShared/signature';
import { generateX25519KeyPair, x25519SharedSecret, type X25519KeyPair } from '../tlsShared/x25519';
import {
  encodeCertificate12, encodeClientHello12, encodeClientKeyExchange, encodeFinished12, EXT_EC_POINT_FORMATS, EXT_RENEGOTIATION_INFO,
  HandshakeType12, handshakeTypeName12, parseCertificate12, parseCertificateRequest12, parseFinished12, parseServerHello12, parseServerKeyExchange,
  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, type CertificateRequest12,
} from './messages12';
import { keyBlock, masterSecret12, verifyData12 } from '../tlsShared/prf';
import { sessionInfo12, Transcript12, type HandshakeIo12, type HandshakeRole12 } from './role12';
import { chooseScheme, sign12, verify12 } from './signature12';

type State = 'start' | 'wait_sh' | 'wait_cert' | 'wait_ske' | 'wait_cr_shd' | 'wait_shd' | 'wait_ccs' | 'wait_finished' | 'connected';

export function createClientHandshake12(config: Tls13ClientConfig, io: HandshakeIo12): HandshakeRole12 {
  let state: State = 'start';
  const transcript = new Transcript12();
  let clientRandom: Uint8Array = new Uint8Array(0);
  let serverRandom: Uint8Array = new Uint8Array(0);
  let sessionId: Uint8Array = new Uint8Array(0);
  let serverKey: Forge.pki.rsa.PublicKey | null = null;
  let serverCn: string | null = null;
  let keyPair: X25519KeyPair | null = null;
  let shared: Uint8Array | null = null;
  let request: CertificateRequest12 | null = null;
  let master: Uint8Array = new Uint8Array(0);
  const offeredAlpn = config.alpnProtocols ?? [];
  const allowed = new Set<number>([Ext.server_name, EXT_EC_POINT_FORMATS, EXT_RENEGOTIATION_INFO, ...(offeredAlpn.length ? [Ext.alpn] : [])]);
  const sendRecorded = (message: Uint8Array): void => {
    transcript.add(message);
    io.send(message);
  };

  function onServerHello(body: Uint8Array, raw: Uint8Array): void {
    const sh = expectParsed(parseServerHello12(body));
    if (sh.version !== 0x0303) throw alertError('protocol_version', `the server chose version 0x${sh.version.toString(16)}; this client speaks only TLS 1.2`);
    if (sh.cipherSuite !== TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256) throw alertError('illegal_parameter', `the server chose cipher suite 0x${sh.cipherSuite.toString(16)}, which was not offered`);
    if (sh.compressionMethod !== 0) throw alertError('illegal_parameter', 'the server chose a compression method');
    const unsolicited = sh.extensionTypes.find((t) => !allowed.has(t));
    if (unsolicited !== undefined) throw alertError('unsupported_extension', `the ServerHello carries extension ${unsolicited}, which was not offered`);
    if (sh.alpn !== null && !offeredAlpn.includes(sh.alpn)) throw alertError('illegal_parameter', `the server selected ALPN "${sh.alpn}", which was not offered`);
    serverRandom = sh.random;
    sessionId = sh.sessionId;
    transcript.add(raw);
    state = 'wait_cert';
  }

  function onCertificate(body: Uint8Array, raw: Uint8Array): void {
    const ders = expectParsed(parseCertificate12(body));
    if (ders.length === 0) throw alertError('bad_certificate', 'the server sent no certificate');
    const chain = parseChain(ders);
    if (config.verifyPeer) verifyChain(chain, config.trustedCaPem, config.validityDate, config.serverName);
    serverKey = rsaPublicKey(chain[0]!);
    serverCn = commonName(chain[0]!);
    transcript.add(raw);
    state = 'wait_ske';
  }

  function onServerKeyExchange(body: Uint8Array, raw: Uint8Array): void {
    const ske = expectParsed(parseServerKeyExchange(body));
    if (ske.group !== X25519) throw alertError('illegal_parameter', `the server's ECDHE group ${ske.group} was not offered`);
    if (!OFFERED_SCHEMES.includes(ske.algorithm)) throw alertError('illegal_parameter', `ServerKeyExchange uses scheme 0x${ske.algorithm.toString(16)}, which was not offered`);
    // The signature covers ClientHello.random + ServerHello.random + ServerECDHParams (RFC 8422 §5.4).
    if (!verify12(serverKey!, ske.algorithm, concatBytes(clientRandom, serverRandom, ske.params), ske.signature)) {
      throw alertError('decrypt_error', "the ServerKeyExchange signature does not match the server certificate's key");
    }
    keyPair = generateX25519KeyPair();
    shared = x25519SharedSecret(keyPair.privateKey, ske.publicKey);
    transcript.add(raw);
    state = 'wait_cr_shd';
  }

  function onServerHelloDone(body: Uint8Array, raw: Uint8Array): void {
    if (body.length !== 0) throw alertError('decode_error', 'ServerHelloDone must be empty');
    transcript.add(raw);
    const scheme = request ? chooseScheme(request.signatureAlgorithms) : null;
    const pem = request && scheme !== null && config.clientCertificatePem && config.clientPrivateKeyPem ? config.clientCertificatePem : null;
    if (request) sendRecorded(encodeCertificate12(pem ? [pemToDer(pem)] : []));
    sendRecorded(encodeClientKeyExchange(keyPair!.publicKey));
    if (pem) {
      // CertificateVerify signs every handshake message so far (RFC 5246 §7.4.8).
      sendRecorded(encodeCertificateVerify(scheme!, sign12(config.clientPrivateKeyPem!, scheme!, transcript.all())));
    }
    // For ECDHE the premaster secret is the shared x-coordinate (RFC 8422 §5.10).
    master = masterSecret12(shared!, clientRandom, serverRandom);
    io.keysDerived();
    const keys = keyBlock(master, clientRandom, serverRandom);
    io.sendChangeCipherSpec();
    io.setWriteKeys(keys.clientWriteKey, keys.clientWriteIv);
    sendRecorded(encodeFinished12(verifyData12(master, 'client', transcript.hash())));
    io.flush();
    state = 'wait_ccs';
  }

  function onFinished(body: Uint8Array, raw: Uint8Array): void {
    const verifyData = expectParsed(parseFinished12(body));
    if (!macEquals(verifyData, verifyData12(master, 'server', transcript.hash()))) {
      throw alertError('decrypt_error', "the server's Finished does not match the handshake transcript");
    }
    transcript.add(raw);
    state = 'connected';
    io.complete(sessionInfo12({ clientRandom, serverRandom, sessionId, masterSecret: master, peerCertificateCn: serverCn }));
  }

  return {
    start() {
      if (state !== 'start') return;
      clientRandom = randomBytes(32);
      const hello = encodeClientHello12({ random: clientRandom, serverName: config.serverName || null, signatureAlgorithms: OFFERED_SCHEMES, alpn: offeredAlpn });
      transcript.add(hello);
      io.send(hello, 0x0301);
      io.flush();
      state = 'wait_sh';
    },
    handle(type, body, raw) {
      const expect = (wanted: number, next: (b: Uint8Array, r: Uint8Array) => void): void => {
        if (type !== wanted) throw alertError('unexpected_message', `expected ${handshakeTypeName12(wanted)}, got ${handshakeTypeName12(type)}`);
        next(body, raw);
      };
      switch (state) {
        case 'wait_sh': return expect(HandshakeType12.server_hello, onServerHello);
        case 'wait_cert': return expect(HandshakeType12.certificate, onCertificate);
        case 'wait_ske': return expect(HandshakeType12.server_key_exchange, onServerKeyExchange);
        case 'wait_cr_shd':
          if (type === HandshakeType12.certificate_request) {
            request = expectParsed(parseCertificateRequest12(body));
            transcript.add(raw);
            state = 'wait_shd';
            return;
          }
          return expect(HandshakeType12.server_hello_done, onServerHelloDone);
        case 'wait_shd': return expect(HandshakeType12.server_hello_done, onServerHelloDone);
        case 'wait_finished': return expect(HandshakeType12.finished, onFinished);
        default: throw alertError('unexpected_message', `unexpected ${handshakeTypeName12(type)}`);
      }
    },
    changeCipherSpec() {
      if (state !== 'wait_ccs') throw alertError('unexpected_message', 'ChangeCipherSpec before the client sent its Finished');
      const keys = keyBlock(master, clientRandom, serverRandom);
      io.setReadKeys(keys.serverWriteKey, keys.serverWriteIv);
      state = 'wait_finished';
    },
  };
}
