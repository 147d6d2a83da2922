/**
 * One end of a real TLS 1.2 session (RFC 5246) with TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (RFC 5289) over
 * x25519: the same contract as the forge endpoint (src/sim/tls/endpoint.ts) and the TLS 1.3 one. The queue,
 * pump, alerts and facade are the shell shared with TLS 1.3 (tls13/recordShell.ts); this file is what 1.2 makes
 * different: keys change at ChangeCipherSpec, record types stay visible, warnings exist, renegotiation is declined.
 * The handshakes live in client12.ts / server12.ts.
 */
import type { TlsEndpoint, TlsEndpointCallbacks } from '../tls/endpoint';
import { alertError, alertName13, expectParsed } from '../tlsShared/alerts';
import { ContentType, MAX_PLAINTEXT, type RawRecord } from '../tlsShared/record';
import { createRecordShell } from '../tlsShared/recordShell';
import type { Tls13ClientConfig, Tls13ServerConfig } from '../tlsShared/role';
import { u8 } from '../tlsShared/wire';
import { createClientHandshake12 } from './client12';
import { MASTER_KEY_STEP_12 } from './keySteps12';
import { HandshakeType12, handshakeTypeName12 } from './messages12';
import { MAX_CIPHERTEXT_12, Protection12 } from './record12';
import type { HandshakeIo12 } from './role12';
import { createServerHandshake12 } from './server12';

const NO_RENEGOTIATION = 100;
const alertName12 = (code: number): string => (code === NO_RENEGOTIATION ? 'no_renegotiation' : alertName13(code));

export function createTls12Endpoint(config: Tls13ServerConfig | Tls13ClientConfig, callbacks: TlsEndpointCallbacks): TlsEndpoint {
  const shell = createRecordShell({
    role: config.role,
    callbacks,
    alertName: alertName12,
    maxFragment: MAX_CIPHERTEXT_12,
    // A warning (e.g. no_renegotiation, user_canceled): the session goes on (§7.2).
    isWarning: (level) => level === 1,
  });
  let read: Protection12 | null = null;

  const io: HandshakeIo12 = {
    send: (message, version) => shell.queue(ContentType.handshake, message, version),
    // ChangeCipherSpec is its own content type, under the keys in force before it (RFC 5246 §7.1).
    sendChangeCipherSpec: () => shell.queue(ContentType.change_cipher_spec, u8(1)),
    setWriteKeys: (key, salt) => shell.setSealer(new Protection12(key, salt)),
    setReadKeys: (key, salt) => void (read = new Protection12(key, salt)),
    keysDerived: () => callbacks.keysDerived?.(MASTER_KEY_STEP_12),
    flush: shell.flush,
    complete: shell.complete,
  };

  const role = config.role === 'client' ? createClientHandshake12(config, io) : createServerHandshake12(config, io);

  const dispatchHandshake = (raw: Uint8Array): void => {
    if (!shell.connected) {
      role.handle(raw[0]!, raw.subarray(4), raw);
    } else if (raw[0] === HandshakeType12.hello_request || raw[0] === HandshakeType12.client_hello) {
      // Renegotiation is not supported: decline with a warning and carry on (§7.4.1.1, §7.2.2).
      shell.queue(ContentType.alert, new Uint8Array([1, NO_RENEGOTIATION]));
      shell.flush();
    } else {
      throw alertError('unexpected_message', `unexpected ${handshakeTypeName12(raw[0]!)} after the handshake`);
    }
  };

  function onRecord(record: RawRecord): void {
    let content = record.fragment;
    if (read) content = expectParsed(read.open(record));
    else if (content.length > MAX_PLAINTEXT) throw alertError('record_overflow', `a TLSPlaintext record of ${content.length} bytes`);
    switch (record.type) {
      case ContentType.change_cipher_spec:
        if (content.length !== 1 || content[0] !== 1) throw alertError('decode_error', 'a malformed ChangeCipherSpec');
        if (shell.hasPendingHandshakeData) throw alertError('unexpected_message', 'ChangeCipherSpec in the middle of a handshake message');
        return role.changeCipherSpec();
      case ContentType.handshake:
        shell.markStarted();
        return shell.onHandshakeData(content, dispatchHandshake);
      case ContentType.alert:
        return shell.onAlert(content);
      case ContentType.application_data:
        if (!shell.connected) throw alertError('unexpected_message', 'application data before the handshake finished');
        if (content.length > 0) callbacks.data(content);
        return;
      default:
        throw alertError('unexpected_message', `a record of unknown type ${record.type}`);
    }
  }

  return shell.endpoint({ onRecord, startRole: () => role.start() });
}
