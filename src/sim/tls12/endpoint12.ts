/**
 * One end of a real TLS 1.2 session (RFC 5246) with TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (RFC 5289) over
 * x25519: the same contract as the forge endpoint (src/sim/tls/endpoint.ts) and the TLS 1.3 one. This file is
 * the record layer and dispatcher; the handshakes live in client12.ts / server12.ts.
 */
import { concatBytes } from '../core/bytes';
import type { TlsEndpoint, TlsEndpointCallbacks, TlsFailure, TlsSessionInfo } from '../tls/endpoint';
import { AlertCode, AlertError, alertError, alertName13, expectParsed } from '../tls13/alerts';
import { ContentType, fragments, MAX_PLAINTEXT, plaintextRecord, takeRecords, type RawRecord } from '../tls13/record';
import type { Tls13ClientConfig, Tls13ServerConfig } from '../tls13/role';
import { u8 } from '../tls13/wire';
import { createClientHandshake12 } from './client12';
import { HandshakeType12, handshakeTypeName12 } from './messages12';
import { MAX_CIPHERTEXT_12, Protection12 } from './record12';
import type { HandshakeIo12 } from './role12';
import { createServerHandshake12 } from './server12';

const NO_RENEGOTIATION = 100;
const alertName12 = (code: number): string => (code === NO_RENEGOTIATION ? 'no_renegotiation' : alertName13(code));

export function createTls12Endpoint(config: Tls13ServerConfig | Tls13ClientConfig, callbacks: TlsEndpointCallbacks): TlsEndpoint {
  let connected = false;
  let closed = false;
  let started = false;
  let failure: TlsFailure | null = null;
  let inbound: Uint8Array = new Uint8Array(0);
  let handshakeBuffer: Uint8Array = new Uint8Array(0);
  let processing = false;
  let read: Protection12 | null = null;
  let write: Protection12 | null = null;
  const outbound: Uint8Array[] = [];

  const flush = (): void => {
    if (outbound.length > 0) callbacks.send(concatBytes(...outbound.splice(0)));
  };
  const queue = (type: number, content: Uint8Array, version = 0x0303): void => {
    for (const piece of fragments(content)) outbound.push(write ? write.seal(type, piece) : plaintextRecord(type, piece, version));
  };

  const io: HandshakeIo12 = {
    send: (message, version) => queue(ContentType.handshake, message, version),
    // ChangeCipherSpec is its own content type, under the keys in force before it (RFC 5246 §7.1).
    sendChangeCipherSpec: () => queue(ContentType.change_cipher_spec, u8(1)),
    setWriteKeys: (key, salt) => void (write = new Protection12(key, salt)),
    setReadKeys: (key, salt) => void (read = new Protection12(key, salt)),
    flush,
    complete(info: TlsSessionInfo) {
      flush();
      connected = true;
      callbacks.connected(info);
    },
  };

  const role = config.role === 'client' ? createClientHandshake12(config, io) : createServerHandshake12(config, io);

  function fail(code: number, message: string): void {
    if (failure || closed) return;
    queue(ContentType.alert, new Uint8Array([2, code]));
    flush();
    failure = { alert: alertName12(code), code, message, local: true };
    callbacks.failed(failure);
  }

  function onAlert(content: Uint8Array): void {
    if (content.length !== 2) throw alertError('decode_error', 'an alert record must hold exactly two bytes');
    const [level, code] = [content[0]!, content[1]!];
    if (code === AlertCode.close_notify) {
      if (!closed) {
        queue(ContentType.alert, new Uint8Array([1, AlertCode.close_notify]));
        flush();
        closed = true;
        callbacks.closed();
      }
      return;
    }
    if (level === 1) return; // a warning (e.g. no_renegotiation, user_canceled): the session goes on (§7.2)
    failure = { alert: alertName12(code), code, message: `peer sent ${alertName12(code)}`, local: false };
    callbacks.failed(failure);
  }

  function onHandshakeData(content: Uint8Array): void {
    if (content.length === 0) throw alertError('unexpected_message', 'a zero-length handshake record');
    handshakeBuffer = concatBytes(handshakeBuffer, content);
    while (handshakeBuffer.length >= 4 && !failure && !closed) {
      const length = (handshakeBuffer[1]! << 16) | (handshakeBuffer[2]! << 8) | handshakeBuffer[3]!;
      if (length > 1 << 18) throw alertError('decode_error', `a handshake message announced ${length} bytes`);
      if (handshakeBuffer.length < 4 + length) break;
      const raw = handshakeBuffer.slice(0, 4 + length);
      handshakeBuffer = handshakeBuffer.slice(4 + length);
      if (!connected) {
        role.handle(raw[0]!, raw.subarray(4), raw);
      } else if (raw[0] === HandshakeType12.hello_request || raw[0] === HandshakeType12.client_hello) {
        // Renegotiation is not supported: decline with a warning and carry on (§7.4.1.1, §7.2.2).
        queue(ContentType.alert, new Uint8Array([1, NO_RENEGOTIATION]));
        flush();
      } else {
        throw alertError('unexpected_message', `unexpected ${handshakeTypeName12(raw[0]!)} after the handshake`);
      }
    }
  }

  function onRecord(record: RawRecord): void {
    let content = record.fragment;
    if (read) content = expectParsed(read.open(record));
    else if (content.length > MAX_PLAINTEXT) throw alertError('record_overflow', `a TLSPlaintext record of ${content.length} bytes`);
    switch (record.type) {
      case ContentType.change_cipher_spec:
        if (content.length !== 1 || content[0] !== 1) throw alertError('decode_error', 'a malformed ChangeCipherSpec');
        if (handshakeBuffer.length > 0) throw alertError('unexpected_message', 'ChangeCipherSpec in the middle of a handshake message');
        return role.changeCipherSpec();
      case ContentType.handshake:
        started = true;
        return onHandshakeData(content);
      case ContentType.alert:
        return onAlert(content);
      case ContentType.application_data:
        if (!connected) throw alertError('unexpected_message', 'application data before the handshake finished');
        if (content.length > 0) callbacks.data(content);
        return;
      default:
        throw alertError('unexpected_message', `a record of unknown type ${record.type}`);
    }
  }

  function pump(): void {
    if (processing) return;
    processing = true;
    try {
      while (!failure && !closed) {
        const taken = expectParsed(takeRecords(inbound, MAX_CIPHERTEXT_12));
        if (taken.records.length === 0) break;
        inbound = taken.rest;
        for (const record of taken.records) {
          if (failure || closed) break;
          onRecord(record);
        }
      }
    } catch (error) {
      if (error instanceof AlertError) fail(error.code, error.message);
      else fail(AlertCode.internal_error, `internal error: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      processing = false;
    }
    if (!failure && !closed) flush();
  }

  return {
    receive(bytes) {
      if (failure || closed) return;
      inbound = concatBytes(inbound, bytes);
      pump();
    },
    write(bytes) {
      if (!connected || failure || closed || bytes.length === 0) return;
      queue(ContentType.application_data, bytes);
      flush();
    },
    start() {
      if (config.role !== 'client' || started || failure) return;
      started = true;
      try {
        role.start();
      } catch (error) {
        fail(AlertCode.internal_error, `internal error: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    close() {
      if (failure || closed) return;
      closed = true;
      if (started) {
        queue(ContentType.alert, new Uint8Array([1, AlertCode.close_notify]));
        flush();
      }
      callbacks.closed();
    },
    get isConnected() {
      return connected;
    },
    get failure() {
      return failure;
    },
  };
}
