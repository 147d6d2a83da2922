/**
 * Incremental HTTP/1.1 parser. Bytes arrive in arbitrary TCP segments (or TLS records), so the parser keeps
 * whatever it cannot use yet and emits each message once its last byte is in. It never throws: the first
 * problem puts it into a permanent error state, as a server would close the connection (RFC 9112 §9.6).
 */
import type { HttpMessage, HttpRequest, HttpResponse } from './types';
import { asciiBytes, bytesToText, concatBytes, indexOfBytes } from '../core/bytes';
import { withHeader } from './headers';
import { ChunkedDecoder } from './chunked';
import { decideFraming, parseHead } from './messageHead';
import type { ParsedHead } from './messageHead';

/** Size limits; oversize input is an error, not an allocation. */
export interface HttpParserLimits {
  /** Request/status line plus fields plus the empty line, and separately the trailer section. Default 16 KiB. */
  maxHeaderBytes?: number;
  /** Decoded body size. Default 1 MiB. */
  maxBodyBytes?: number;
}

/** What one `push` (or `end`) produced. `errorStatus` is the status a server would answer with (400, 413...). */
export interface HttpParseResult {
  messages: HttpMessage[];
  error?: string;
  errorStatus?: number;
}

type State = 'head' | 'length' | 'chunked' | 'close' | 'error';

const CRLFCRLF = asciiBytes('\r\n\r\n');

/** Stream parser for one direction of one connection: requests (server side) or responses (client side). */
export class HttpStreamParser {
  private readonly maxHeaderBytes: number;
  private readonly maxBodyBytes: number;
  private buf: Uint8Array = new Uint8Array(0);
  private pos = 0;
  private state: State = 'head';
  private errorText = '';
  private errorCode = 400;
  private head: ParsedHead | undefined;
  private bodyParts: Uint8Array[] = [];
  private bodyLength = 0;
  private remaining = 0;
  private chunked: ChunkedDecoder | undefined;
  /** Raw bytes already consumed for the message in progress, for `buffered`. */
  private consumed = 0;

  constructor(
    private readonly kind: 'request' | 'response',
    limits: HttpParserLimits = {},
  ) {
    this.maxHeaderBytes = limits.maxHeaderBytes ?? 16 * 1024;
    this.maxBodyBytes = limits.maxBodyBytes ?? 1024 * 1024;
  }

  /** Raw bytes received that are not yet part of an emitted message. */
  get buffered(): number {
    return this.consumed + this.buf.length - this.pos;
  }

  /** The error that stopped the parser, if any. */
  get error(): string | undefined {
    return this.state === 'error' ? this.errorText : undefined;
  }

  /** Feeds bytes; returns every message completed by them, and the error if they broke the stream. */
  push(bytes: Uint8Array): HttpParseResult {
    if (this.state === 'error') return this.failed([]);
    this.buf = this.pos === this.buf.length ? bytes.slice() : concatBytes(this.buf.subarray(this.pos), bytes);
    this.pos = 0;
    const messages: HttpMessage[] = [];
    while (this.step(messages)) {
      /* each step consumes input or completes a message */
    }
    // `step` may have switched to the error state; read it through the getter so TS does not narrow it away.
    return this.error !== undefined ? this.failed(messages) : { messages };
  }

  /**
   * Signals that the peer closed the connection. Completes a response delimited by close (RFC 9112 §6.3
   * rule 8); anything else left half-received is an error ("incomplete message").
   */
  end(): HttpParseResult {
    if (this.state === 'error') return this.failed([]);
    if (this.state === 'close' && this.head) {
      const messages: HttpMessage[] = [];
      this.emit(messages);
      return { messages };
    }
    const rest = this.buf.subarray(this.pos);
    const onlyBlankLines = rest.every((b) => b === 0x0d || b === 0x0a);
    if (this.state === 'head' && onlyBlankLines) return { messages: [] };
    return this.fail(`connection closed in the middle of a message (${this.buffered} bytes unused)`, 400, []);
  }

  private failed(messages: HttpMessage[]): HttpParseResult {
    return { messages, error: this.errorText, errorStatus: this.errorCode };
  }

  private fail(error: string, status: number, messages: HttpMessage[]): HttpParseResult {
    this.state = 'error';
    this.errorText = error;
    this.errorCode = status;
    return this.failed(messages);
  }

  private get available(): number {
    return this.buf.length - this.pos;
  }

  private take(n: number): Uint8Array {
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    this.consumed += n;
    return out;
  }

  /** One state transition; false when more input is needed or the parser failed. */
  private step(messages: HttpMessage[]): boolean {
    switch (this.state) {
      case 'head':
        return this.readHead(messages);
      case 'length': {
        if (this.available === 0) return false;
        const part = this.take(Math.min(this.remaining, this.available));
        this.bodyParts.push(part.slice());
        this.bodyLength += part.length;
        this.remaining -= part.length;
        if (this.remaining > 0) return false;
        this.emit(messages);
        return true;
      }
      case 'chunked': {
        const decoder = this.chunked;
        if (!decoder) return false;
        const r = decoder.feed(this.buf.subarray(this.pos));
        this.take(r.used);
        if (r.error !== undefined) this.fail(r.error, r.status ?? 400, messages);
        if (!r.done) return false;
        this.bodyParts = [decoder.body];
        this.emit(messages);
        return true;
      }
      case 'close': {
        if (this.available === 0) return false;
        const part = this.take(this.available);
        this.bodyParts.push(part.slice());
        this.bodyLength += part.length;
        if (this.bodyLength > this.maxBodyBytes) {
          this.fail(`body exceeds the ${this.maxBodyBytes}-byte limit`, 502, messages);
        }
        return false;
      }
      case 'error':
        return false;
    }
  }

  private readHead(messages: HttpMessage[]): boolean {
    // RFC 9112 §2.2: a server should ignore empty lines received before the request-line.
    while (this.available >= 2 && this.buf[this.pos] === 0x0d && this.buf[this.pos + 1] === 0x0a) this.take(2);
    if (this.available === 0) return false;
    const end = indexOfBytes(this.buf, CRLFCRLF, this.pos);
    const headBytes = end < 0 ? this.available : end - this.pos + 4;
    if (headBytes > this.maxHeaderBytes) {
      this.fail(`header section exceeds the ${this.maxHeaderBytes}-byte limit`, 431, messages);
      return false;
    }
    if (end < 0) return false;
    const text = bytesToText(this.take(end - this.pos));
    this.take(4);
    const head = parseHead(text, this.kind);
    if ('error' in head) {
      this.fail(head.error, head.status, messages);
      return false;
    }
    const framing = decideFraming(head, this.maxBodyBytes);
    if ('error' in framing) {
      this.fail(framing.error, framing.status, messages);
      return false;
    }
    this.head = head;
    if (framing.type === 'none' || (framing.type === 'length' && framing.length === 0)) this.emit(messages);
    else if (framing.type === 'length') {
      this.state = 'length';
      this.remaining = framing.length;
    } else if (framing.type === 'chunked') {
      this.state = 'chunked';
      this.chunked = new ChunkedDecoder(this.maxBodyBytes, this.maxHeaderBytes);
    } else this.state = 'close';
    return true;
  }

  private emit(messages: HttpMessage[]): void {
    const head = this.head;
    if (!head) return;
    const body = this.bodyParts.length === 1 ? (this.bodyParts[0] ?? new Uint8Array(0)) : concatBytes(...this.bodyParts);
    let headers = head.headers;
    if (this.state === 'chunked') {
      // RFC 9112 §7.1.3: whoever removes the chunked coding states the decoded length instead, so the message
      // can be re-serialized (forwarded) as is.
      headers = withHeader(headers, 'Content-Length', String(body.length));
      headers = headers.filter(([n]) => n.toLowerCase() !== 'transfer-encoding');
    }
    if (head.kind === 'request') {
      const message: HttpRequest = { method: head.method, target: head.target, version: head.version, headers, body };
      messages.push({ kind: 'request', message });
    } else {
      const message: HttpResponse = { version: head.version, status: head.status, reason: head.reason, headers, body };
      messages.push({ kind: 'response', message });
    }
    this.head = undefined;
    this.bodyParts = [];
    this.bodyLength = 0;
    this.remaining = 0;
    this.chunked = undefined;
    this.consumed = 0;
    this.state = 'head';
  }
}

/**
 * True when `bytes` begin like HTTP/1.x: a method token and a space, or "HTTP/1.". Lets a TLS port notice a
 * cleartext request (TLS records start with 0x16, which is not a token character). Note that a PROXY protocol
 * v1 line ("PROXY TCP4 ...") also matches; check for it first.
 */
export function looksLikeHttp(bytes: Uint8Array): boolean {
  const start = bytesToText(bytes.subarray(0, 24));
  return /^HTTP\/1\./.test(start) || /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,20} /.test(start);
}

/** Parses exactly one complete message; leftover bytes or an incomplete message are errors. */
export function parseHttpMessage(bytes: Uint8Array, kind: 'request'): { message: HttpRequest } | { error: string };
export function parseHttpMessage(bytes: Uint8Array, kind: 'response'): { message: HttpResponse } | { error: string };
export function parseHttpMessage(
  bytes: Uint8Array,
  kind: 'request' | 'response',
): { message: HttpRequest | HttpResponse } | { error: string } {
  const parser = new HttpStreamParser(kind);
  const pushed = parser.push(bytes);
  if (pushed.error !== undefined) return { error: pushed.error };
  const messages = pushed.messages;
  if (messages.length === 0) {
    const ended = parser.end();
    if (ended.error !== undefined) return { error: ended.error };
    messages.push(...ended.messages);
  }
  const first = messages[0];
  if (!first) return { error: 'no HTTP message in the input' };
  if (messages.length > 1 || parser.buffered > 0) return { error: 'extra bytes after the first message' };
  return { message: first.message };
}
