/**
 * Decoder for the chunked transfer coding (RFC 9112 §7.1), used by the stream parser. It only consumes complete
 * syntactic units (a size line, data, the CRLF after data, a trailer line); whatever it does not use stays in the
 * parser's buffer until more bytes arrive. Every inconsistency is an error, because a chunk size that two
 * parsers read differently is exactly how TE-based request smuggling works.
 */
import { asciiBytes, bytesToText, concatBytes, indexOfBytes } from '../core/bytes';
import { parseFieldLine } from './messageHead';

/** Result of one {@link ChunkedDecoder.feed} call. */
export interface ChunkFeedResult {
  /** Bytes of the input consumed. */
  used: number;
  /** The last chunk and the trailer section have been read. */
  done: boolean;
  error?: string;
  /** Status a server would answer with when `error` is set. */
  status?: number;
}

const CRLF = asciiBytes('\r\n');
/** A chunk-size line longer than this is hostile: chunk extensions are unbounded in the grammar. */
const MAX_CHUNK_LINE = 1024;

/** Incremental chunked-body decoder for one message. */
export class ChunkedDecoder {
  private state: 'size' | 'data' | 'crlf' | 'trailers' | 'done' = 'size';
  private parts: Uint8Array[] = [];
  private length = 0;
  private remaining = 0;
  private trailerBytes = 0;

  constructor(
    private readonly maxBodyBytes: number,
    private readonly maxTrailerBytes: number,
  ) {}

  /** The decoded body so far (all of it once `done`). */
  get body(): Uint8Array {
    return concatBytes(...this.parts);
  }

  /** Consumes as much of `input` as forms complete units. */
  feed(input: Uint8Array): ChunkFeedResult {
    let at = 0;
    const fail = (error: string, status = 400): ChunkFeedResult => ({ used: at, done: false, error, status });
    for (;;) {
      const rest = input.subarray(at);
      if (this.state === 'done') return { used: at, done: true };
      if (this.state === 'data') {
        if (rest.length === 0) return { used: at, done: false };
        const part = rest.subarray(0, Math.min(this.remaining, rest.length));
        this.parts.push(part.slice());
        this.length += part.length;
        this.remaining -= part.length;
        at += part.length;
        if (this.remaining === 0) this.state = 'crlf';
        continue;
      }
      if (this.state === 'crlf') {
        if (rest.length < 2) return { used: at, done: false };
        if (rest[0] !== 0x0d || rest[1] !== 0x0a) {
          return fail('chunk data is not followed by CRLF (chunk size does not match the data)');
        }
        at += 2;
        this.state = 'size';
        continue;
      }
      const end = indexOfBytes(rest, CRLF);
      if (this.state === 'size') {
        if (end < 0 || end > MAX_CHUNK_LINE) {
          return rest.length > MAX_CHUNK_LINE ? fail('chunk-size line is too long') : { used: at, done: false };
        }
        const line = bytesToText(rest.subarray(0, end));
        at += end + 2;
        // chunk-size [ BWS ";" chunk-ext ]: the extension is ignored, as RFC 9112 §7.1.1 allows.
        const sizeText = (line.split(';')[0] ?? '').replace(/[ \t]+$/, '');
        if (!/^[0-9A-Fa-f]+$/.test(sizeText)) return fail(`bad chunk size "${sizeText.slice(0, 20)}"`);
        const digits = sizeText.replace(/^0+/, '');
        const size = digits.length > 12 ? Number.POSITIVE_INFINITY : digits === '' ? 0 : parseInt(digits, 16);
        if (this.length + size > this.maxBodyBytes) {
          return fail(`chunked body exceeds the ${this.maxBodyBytes}-byte limit`, 413);
        }
        this.remaining = size;
        this.state = size === 0 ? 'trailers' : 'data';
        continue;
      }
      // Trailer fields are validated, then dropped: none of our consumers needs them (RFC 9112 §7.1.2).
      const lineBytes = end < 0 ? rest.length : end + 2;
      if (this.trailerBytes + lineBytes > this.maxTrailerBytes) {
        return fail(`trailer section exceeds the ${this.maxTrailerBytes}-byte limit`, 431);
      }
      if (end < 0) return { used: at, done: false };
      const line = bytesToText(rest.subarray(0, end));
      at += lineBytes;
      this.trailerBytes += lineBytes;
      if (line === '') this.state = 'done';
      else {
        const parsed = parseFieldLine(line);
        if ('error' in parsed) return fail(`bad trailer: ${parsed.error}`);
      }
    }
  }
}
