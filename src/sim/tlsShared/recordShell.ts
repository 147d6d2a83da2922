/**
 * What the lab's TLS 1.2 and TLS 1.3 endpoints share around their different record dispatchers: the outbound
 * queue (one flush = one flight), fatal alerts sent once, close_notify answered once, handshake messages
 * reassembled across records, the inbound pump that is never re-entered from a callback, and the endpoint facade
 * (receive / write / start / close) of the forge endpoint's contract (src/sim/tls/endpoint.ts).
 * endpoint12.ts and endpoint13.ts keep only what their RFCs make different: how records are protected and opened.
 */
import { concatBytes } from '../core/bytes';
import type { TlsEndpoint, TlsEndpointCallbacks, TlsFailure, TlsSessionInfo } from '../tls/endpoint';
import { AlertCode, AlertError, alertError, expectParsed } from './alerts';
import { ContentType, fragments, plaintextRecord, takeRecords, type RawRecord } from './record';

/** Bigger handshake messages than this are refused (a certificate chain of a few KB is the largest expected). */
const MAX_HANDSHAKE_MESSAGE = 1 << 18;

/** The write side of record protection in force: 1.2's GenericAEADCipher or 1.3's TLSInnerPlaintext sealing. */
export interface RecordSealer {
  seal(type: number, content: Uint8Array): Uint8Array;
}

export interface RecordShellSpec {
  readonly role: 'client' | 'server';
  readonly callbacks: TlsEndpointCallbacks;
  readonly alertName: (code: number) => string;
  /** The largest record fragment accepted on input (2^14 + 2048 in TLS 1.2, 2^14 + 256 in TLS 1.3). */
  readonly maxFragment?: number;
  /** A non-close_notify alert that does not end the session (1.2: any warning; 1.3: only user_canceled). */
  readonly isWarning: (level: number, code: number) => boolean;
}

/** The dispatcher each version brings: one record in; throws AlertError to fail the session. */
export interface RecordDispatch {
  onRecord(record: RawRecord): void;
  /** The client's handshake role sends its ClientHello. */
  startRole(): void;
}

export interface RecordShell {
  readonly connected: boolean;
  /** A handshake record has been sent or received (close sends close_notify only then). */
  readonly started: boolean;
  readonly hasPendingHandshakeData: boolean;
  /** Queues `content` of `type` as whole records: sealed once there is a sealer, else TLSPlaintext. */
  queue(type: number, content: Uint8Array, version?: number): void;
  /** Queues a record exactly as given (1.3's compatibility ChangeCipherSpec is never protected). */
  queueRecord(record: Uint8Array): void;
  flush(): void;
  setSealer(sealer: RecordSealer): void;
  markStarted(): void;
  /** Flushes, then reports the established session. */
  complete(info: TlsSessionInfo): void;
  onAlert(content: Uint8Array): void;
  /** Appends handshake record content and hands each whole message (header included) to `dispatch`. */
  onHandshakeData(content: Uint8Array, dispatch: (raw: Uint8Array) => void): void;
  /** Builds the endpoint facade around a version's dispatcher. */
  endpoint(dispatch: RecordDispatch): TlsEndpoint;
}

const describe = (error: unknown): string => `internal error: ${error instanceof Error ? error.message : String(error)}`;

export function createRecordShell(spec: RecordShellSpec): RecordShell {
  const { callbacks } = spec;
  let connected = false;
  let closed = false;
  let started = false;
  let failure: TlsFailure | null = null;
  let inbound: Uint8Array = new Uint8Array(0);
  let handshakeBuffer: Uint8Array = new Uint8Array(0);
  let processing = false;
  let sealer: RecordSealer | null = null;
  const outbound: Uint8Array[] = [];

  const flush = (): void => {
    if (outbound.length > 0) callbacks.send(concatBytes(...outbound.splice(0)));
  };
  const queue = (type: number, content: Uint8Array, version = 0x0303): void => {
    for (const piece of fragments(content)) outbound.push(sealer ? sealer.seal(type, piece) : plaintextRecord(type, piece, version));
  };
  const sendAlert = (level: number, code: number): void => {
    queue(ContentType.alert, new Uint8Array([level, code]));
    flush();
  };

  /** Sends a fatal alert (protected if this end has write keys) and reports the failure once. */
  function fail(code: number, message: string): void {
    if (failure || closed) return;
    sendAlert(2, code);
    failure = { alert: spec.alertName(code), code, message, local: true };
    callbacks.failed(failure);
  }

  function onAlert(content: Uint8Array): void {
    if (content.length !== 2) throw alertError('decode_error', 'an alert record must hold exactly two bytes');
    const [level, code] = [content[0]!, content[1]!];
    if (code === AlertCode.close_notify) {
      // Answer with our own close_notify, as the forge endpoint does, then report the close.
      if (!closed) {
        sendAlert(1, AlertCode.close_notify);
        closed = true;
        callbacks.closed();
      }
      return;
    }
    if (spec.isWarning(level, code)) return;
    failure = { alert: spec.alertName(code), code, message: `peer sent ${spec.alertName(code)}`, local: false };
    callbacks.failed(failure);
  }

  /** Handshake messages may span or share records (RFC 8446 §5.1, RFC 5246 §6.2.1). */
  function onHandshakeData(content: Uint8Array, dispatch: (raw: Uint8Array) => void): void {
    if (content.length === 0) throw alertError('unexpected_message', 'a zero-length handshake record');
    handshakeBuffer = concatBytes(handshakeBuffer, content);
    while (handshakeBuffer.length >= 4 && !failure && !closed) {
      const length = (handshakeBuffer[1]! << 16) | (handshakeBuffer[2]! << 8) | handshakeBuffer[3]!;
      if (length > MAX_HANDSHAKE_MESSAGE) throw alertError('decode_error', `a handshake message announced ${length} bytes`);
      if (handshakeBuffer.length < 4 + length) break;
      const raw = handshakeBuffer.slice(0, 4 + length);
      handshakeBuffer = handshakeBuffer.slice(4 + length);
      dispatch(raw);
    }
  }

  function pump(dispatch: RecordDispatch): void {
    if (processing) return; // re-entered from a callback: the outer loop picks the bytes up
    processing = true;
    try {
      while (!failure && !closed) {
        const taken = expectParsed(takeRecords(inbound, spec.maxFragment));
        if (taken.records.length === 0) break;
        inbound = taken.rest;
        for (const record of taken.records) {
          if (failure || closed) break;
          dispatch.onRecord(record);
        }
      }
    } catch (error) {
      if (error instanceof AlertError) fail(error.code, error.message);
      else fail(AlertCode.internal_error, describe(error));
    } finally {
      processing = false;
    }
    if (!failure && !closed) flush();
  }

  return {
    get connected() {
      return connected;
    },
    get started() {
      return started;
    },
    get hasPendingHandshakeData() {
      return handshakeBuffer.length > 0;
    },
    queue,
    queueRecord: (record) => void outbound.push(record),
    flush,
    setSealer: (next) => void (sealer = next),
    markStarted: () => void (started = true),
    complete(info) {
      flush();
      connected = true;
      callbacks.connected(info);
    },
    onAlert,
    onHandshakeData,
    endpoint(dispatch) {
      return {
        receive(bytes) {
          if (failure || closed) return;
          inbound = concatBytes(inbound, bytes);
          pump(dispatch);
        },
        write(bytes) {
          if (!connected || failure || closed || bytes.length === 0) return;
          queue(ContentType.application_data, bytes);
          flush();
        },
        start() {
          if (spec.role !== 'client' || started || failure) return;
          started = true;
          try {
            dispatch.startRole();
          } catch (error) {
            fail(AlertCode.internal_error, describe(error));
          }
        },
        close() {
          if (failure || closed) return;
          closed = true;
          if (started) sendAlert(1, AlertCode.close_notify);
          callbacks.closed();
        },
        get isConnected() {
          return connected;
        },
        get failure() {
          return failure;
        },
      };
    },
  };
}
