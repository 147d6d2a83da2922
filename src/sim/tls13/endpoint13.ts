/**
 * One end of a real TLS 1.3 session (RFC 8446), 1-RTT, TLS_AES_128_GCM_SHA256 with x25519 and RSA-PSS: the same
 * contract as the forge TLS 1.1 endpoint (src/sim/tls/endpoint.ts). The owner feeds it bytes from TCP; it answers
 * through callbacks with whole records to send, decrypted application data and the outcome. This file is the
 * record layer and the dispatcher; the handshakes live in client13.ts / server13.ts.
 */
import { concatBytes } from '../core/bytes';
import type { TlsEndpoint, TlsEndpointCallbacks, TlsFailure, TlsSessionInfo } from '../tls/endpoint';
import { AlertCode, AlertError, alertError, alertName13, expectParsed } from './alerts';
import { createClientHandshake } from './client13';
import { encodeKeyUpdate, HandshakeType, handshakeTypeName, parseKeyUpdate } from './messages';
import { nextTrafficSecret } from './keySchedule';
import { ContentType, fragments, MAX_PLAINTEXT, plaintextRecord, RecordProtection, takeRecords, type RawRecord } from './record';
import { createServerHandshake } from './server13';
import type { HandshakeIo, Tls13ClientConfig, Tls13ServerConfig } from './role';
import { u8 } from './wire';

export type { Tls13ClientConfig, Tls13ServerConfig } from './role';

/** Bigger handshake messages than this are refused (a certificate chain of a few KB is the largest expected). */
const MAX_HANDSHAKE_MESSAGE = 1 << 18;

export function createTls13Endpoint(config: Tls13ServerConfig | Tls13ClientConfig, callbacks: TlsEndpointCallbacks): TlsEndpoint {
  let connected = false;
  let closed = false;
  let started = false;
  let failure: TlsFailure | null = null;
  let inbound: Uint8Array = new Uint8Array(0);
  let handshakeBuffer: Uint8Array = new Uint8Array(0);
  let processing = false;
  let read: RecordProtection | null = null;
  let write: RecordProtection | null = null;
  let readSecret: Uint8Array | null = null;
  let writeSecret: Uint8Array | null = null;
  const outbound: Uint8Array[] = [];

  const flush = (): void => {
    if (outbound.length === 0) return;
    const bytes = concatBytes(...outbound.splice(0));
    callbacks.send(bytes);
  };

  /** Queues `content` of `type` as whole records: protected once there are write keys, else TLSPlaintext (§5). */
  const queue = (type: number, content: Uint8Array, version = 0x0303): void => {
    for (const piece of fragments(content)) outbound.push(write ? write.seal(type, piece) : plaintextRecord(type, piece, version));
  };

  const io: HandshakeIo = {
    send: (message, version) => queue(ContentType.handshake, message, version),
    sendChangeCipherSpec: () => outbound.push(plaintextRecord(ContentType.change_cipher_spec, u8(1))),
    setReadSecret(secret) {
      // "Handshake messages MUST NOT span key changes" (§5.1).
      if (handshakeBuffer.length > 0) throw alertError('unexpected_message', 'handshake data continued across a key change');
      readSecret = secret;
      read = new RecordProtection(secret);
    },
    setWriteSecret(secret) {
      writeSecret = secret;
      write = new RecordProtection(secret);
    },
    flush,
    complete(info: TlsSessionInfo) {
      flush();
      connected = true;
      callbacks.connected(info);
    },
  };

  const role = config.role === 'client' ? createClientHandshake(config, io) : createServerHandshake(config, io);

  /** Sends a fatal alert (protected if this end has write keys, §6) and reports the failure once. */
  function fail(code: number, message: string): void {
    if (failure || closed) return;
    queue(ContentType.alert, new Uint8Array([2, code]));
    flush();
    failure = { alert: alertName13(code), code, message, local: true };
    callbacks.failed(failure);
  }

  function onAlert(content: Uint8Array): void {
    if (content.length !== 2) throw alertError('decode_error', 'an alert record must hold exactly two bytes');
    const code = content[1]!;
    if (code === AlertCode.close_notify) {
      // Answer with our own close_notify, as the forge endpoint does, then report the close.
      if (!closed) {
        queue(ContentType.alert, new Uint8Array([1, AlertCode.close_notify]));
        flush();
        closed = true;
        callbacks.closed();
      }
      return;
    }
    if (code === AlertCode.user_canceled) return; // a warning; close_notify follows (§6.1)
    // Every other alert is fatal in TLS 1.3, whatever its level byte says (§6.2).
    failure = { alert: alertName13(code), code, message: `peer sent ${alertName13(code)}`, local: false };
    callbacks.failed(failure);
  }

  /** After the handshake: NewSessionTicket (ignored: no resumption here) and KeyUpdate (§4.6). */
  function onPostHandshake(type: number, body: Uint8Array): void {
    if (type === HandshakeType.new_session_ticket && config.role === 'client') return;
    if (type !== HandshakeType.key_update) throw alertError('unexpected_message', `unexpected ${handshakeTypeName(type)} after the handshake`);
    const requested = expectParsed(parseKeyUpdate(body));
    io.setReadSecret(nextTrafficSecret(readSecret!));
    if (requested) {
      queue(ContentType.handshake, encodeKeyUpdate(false));
      io.setWriteSecret(nextTrafficSecret(writeSecret!));
      flush();
    }
  }

  /** Reassembles handshake messages from record contents (they may span or share records, §5.1) and dispatches them. */
  function onHandshakeData(content: Uint8Array): void {
    if (content.length === 0) throw alertError('unexpected_message', 'a zero-length handshake record');
    handshakeBuffer = concatBytes(handshakeBuffer, content);
    while (handshakeBuffer.length >= 4 && !failure && !closed) {
      const length = (handshakeBuffer[1]! << 16) | (handshakeBuffer[2]! << 8) | handshakeBuffer[3]!;
      if (length > MAX_HANDSHAKE_MESSAGE) throw alertError('decode_error', `a handshake message announced ${length} bytes`);
      if (handshakeBuffer.length < 4 + length) break;
      const raw = handshakeBuffer.slice(0, 4 + length);
      handshakeBuffer = handshakeBuffer.slice(4 + length);
      if (connected) onPostHandshake(raw[0]!, raw.subarray(4));
      else role.handle(raw[0]!, raw.subarray(4), raw);
    }
  }

  function onRecord(record: RawRecord): void {
    if (record.type === ContentType.change_cipher_spec) {
      // Middlebox compatibility: one byte 0x01, dropped, and only while handshaking (§5).
      if (connected || !started || record.fragment.length !== 1 || record.fragment[0] !== 1) {
        throw alertError('unexpected_message', 'a ChangeCipherSpec record outside the handshake');
      }
      return;
    }
    let type = record.type;
    let content = record.fragment;
    if (read && !(type === ContentType.alert && !connected)) {
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
      started = true;
      onHandshakeData(content);
    } else if (type === ContentType.alert) {
      onAlert(content);
    } else if (type === ContentType.application_data) {
      if (!connected) throw alertError('unexpected_message', 'application data before the handshake finished');
      if (content.length > 0) callbacks.data(content);
    } else {
      throw alertError('unexpected_message', `a record of unknown type ${type}`);
    }
  }

  function pump(): void {
    if (processing) return; // re-entered from a callback: the outer loop picks the bytes up
    processing = true;
    try {
      while (!failure && !closed) {
        const taken = expectParsed(takeRecords(inbound));
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
