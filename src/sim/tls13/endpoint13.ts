/**
 * One end of a real TLS 1.3 session (RFC 8446), 1-RTT, TLS_AES_128_GCM_SHA256 with x25519 and RSA-PSS: the same
 * contract as the forge TLS 1.1 endpoint (src/sim/tls/endpoint.ts). The queue, pump, alerts and facade are the
 * shell shared with TLS 1.2 (recordShell.ts); this file is what 1.3 makes different: every record after the
 * hellos is sealed as application_data with its real type inside, the compatibility ChangeCipherSpec is dropped,
 * keys change in stages, and KeyUpdate. The handshakes live in client13.ts / server13.ts.
 */
import type { TlsEndpoint, TlsEndpointCallbacks } from '../tls/endpoint';
import { AlertCode, alertError, alertName13, expectParsed } from '../tlsShared/alerts';
import { createClientHandshake } from './client13';
import { encodeKeyUpdate, HandshakeType, handshakeTypeName, parseKeyUpdate } from '../tlsShared/messages';
import { nextTrafficSecret } from '../tlsShared/keySchedule';
import { APPLICATION_KEY_STEP, HANDSHAKE_KEY_STEP, updateKeyStep } from './keySteps';
import { ContentType, MAX_PLAINTEXT, plaintextRecord, RecordProtection, type RawRecord } from '../tlsShared/record';
import { createRecordShell } from '../tlsShared/recordShell';
import { createServerHandshake } from './server13';
import type { HandshakeIo, Tls13ClientConfig, Tls13ServerConfig } from '../tlsShared/role';
import { u8 } from '../tlsShared/wire';
import { toHex } from '../core/bytes';

export type { Tls13ClientConfig, Tls13ServerConfig } from '../tlsShared/role';

/**
 * The handshake installs four traffic secrets, two per stage, in an order that depends on the role (the client
 * reads first, the server writes first); the first install of each pair is the moment that stage's keys exist.
 */
const STAGE_AT_INSTALL = new Map([[1, HANDSHAKE_KEY_STEP], [3, APPLICATION_KEY_STEP]]);

export function createTls13Endpoint(config: Tls13ServerConfig | Tls13ClientConfig, callbacks: TlsEndpointCallbacks): TlsEndpoint {
  const shell = createRecordShell({
    role: config.role,
    callbacks,
    alertName: alertName13,
    // Every other alert is fatal in TLS 1.3, whatever its level byte says (§6.2); user_canceled precedes close_notify (§6.1).
    isWarning: (_level, code) => code === AlertCode.user_canceled,
  });
  let read: RecordProtection | null = null;
  let readSecret: Uint8Array | null = null;
  let writeSecret: Uint8Array | null = null;
  let installs = 0;

  const installed = (): void => {
    if (shell.connected) return;
    const step = STAGE_AT_INSTALL.get(++installs);
    if (step) callbacks.keysDerived?.(step);
    if (installs === 2) reportHandshakeSecrets();
  };

  /** After the second install both handshake secrets are in force: this end's write secret and the peer's. */
  function reportHandshakeSecrets(): void {
    const [clientSecret, serverSecret] = config.role === 'client' ? [writeSecret, readSecret] : [readSecret, writeSecret];
    if (!clientSecret || !serverSecret) return;
    callbacks.handshakeSecrets?.({
      clientRandomHex: toHex(role.clientRandom),
      clientHandshakeTrafficSecretHex: toHex(clientSecret),
      serverHandshakeTrafficSecretHex: toHex(serverSecret),
    });
  }

  const io: HandshakeIo = {
    send: (message, version) => shell.queue(ContentType.handshake, message, version),
    sendChangeCipherSpec: () => shell.queueRecord(plaintextRecord(ContentType.change_cipher_spec, u8(1))),
    setReadSecret(secret) {
      // "Handshake messages MUST NOT span key changes" (§5.1).
      if (shell.hasPendingHandshakeData) throw alertError('unexpected_message', 'handshake data continued across a key change');
      readSecret = secret;
      read = new RecordProtection(secret);
      installed();
    },
    setWriteSecret(secret) {
      writeSecret = secret;
      shell.setSealer(new RecordProtection(secret));
      installed();
    },
    flush: shell.flush,
    complete: shell.complete,
  };

  const role = config.role === 'client' ? createClientHandshake(config, io) : createServerHandshake(config, io);

  /** After the handshake: NewSessionTicket (ignored: no resumption here) and KeyUpdate (§4.6). */
  function onPostHandshake(type: number, body: Uint8Array): void {
    if (type === HandshakeType.new_session_ticket && config.role === 'client') return;
    if (type !== HandshakeType.key_update) throw alertError('unexpected_message', `unexpected ${handshakeTypeName(type)} after the handshake`);
    const requested = expectParsed(parseKeyUpdate(body));
    io.setReadSecret(nextTrafficSecret(readSecret!));
    if (requested) {
      shell.queue(ContentType.handshake, encodeKeyUpdate(false));
      io.setWriteSecret(nextTrafficSecret(writeSecret!));
      shell.flush();
    }
    callbacks.keysDerived?.(updateKeyStep(config.role, { peer: true, own: requested }));
  }

  const dispatchHandshake = (raw: Uint8Array): void => {
    if (shell.connected) onPostHandshake(raw[0]!, raw.subarray(4));
    else role.handle(raw[0]!, raw.subarray(4), raw);
  };

  function onRecord(record: RawRecord): void {
    if (record.type === ContentType.change_cipher_spec) {
      // Middlebox compatibility: one byte 0x01, dropped, and only while handshaking (§5).
      if (shell.connected || !shell.started || record.fragment.length !== 1 || record.fragment[0] !== 1) {
        throw alertError('unexpected_message', 'a ChangeCipherSpec record outside the handshake');
      }
      return;
    }
    let type = record.type;
    let content = record.fragment;
    if (read && !(type === ContentType.alert && !shell.connected)) {
      // A peer that failed before it had keys sends its alert in the clear; anything else must be protected.
      if (type !== ContentType.application_data) throw alertError('unexpected_message', `an unprotected record of type ${type} after keys were set`);
      const opened = expectParsed(read.open(record));
      type = opened.type;
      content = opened.content;
    } else if (type === ContentType.application_data) {
      throw alertError('unexpected_message', 'application data before the handshake');
    } else if (content.length > MAX_PLAINTEXT) {
      throw alertError('record_overflow', `a TLSPlaintext record of ${content.length} bytes (at most 2^14)`);
    }
    if (type === ContentType.handshake) {
      shell.markStarted();
      shell.onHandshakeData(content, dispatchHandshake);
    } else if (type === ContentType.alert) {
      shell.onAlert(content);
    } else if (type === ContentType.application_data) {
      if (!shell.connected) throw alertError('unexpected_message', 'application data before the handshake finished');
      if (content.length > 0) callbacks.data(content);
    } else {
      throw alertError('unexpected_message', `a record of unknown type ${type}`);
    }
  }

  return shell.endpoint({ onRecord, startRole: () => role.start() });
}
