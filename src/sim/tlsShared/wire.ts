/**
 * The TLS presentation language on the wire (RFC 8446 §3): big-endian integers and length-prefixed vectors.
 * The reader never throws on short input; it remembers that it ran out, and the message parsers turn that into
 * a decode_error alert (§6.2).
 */
import { concatBytes } from '../core/bytes';

export class Reader {
  private at = 0;
  /** Set once a read went past the end; every later read returns zeros / empty. */
  short = false;

  constructor(private readonly data: Uint8Array) {}

  get remaining(): number {
    return this.data.length - this.at;
  }

  get atEnd(): boolean {
    return this.at === this.data.length;
  }

  bytes(count: number): Uint8Array {
    if (this.short || count > this.remaining) {
      this.short = true;
      return new Uint8Array(0);
    }
    const out = this.data.subarray(this.at, this.at + count);
    this.at += count;
    return out;
  }

  uint(size: 1 | 2 | 3): number {
    const b = this.bytes(size);
    let value = 0;
    for (const byte of b) value = value * 256 + byte;
    return b.length === size ? value : 0;
  }

  u8(): number {
    return this.uint(1);
  }

  u16(): number {
    return this.uint(2);
  }

  /** A vector `<floor..2^(8*lengthSize)-1>` (§3.4): a length of `lengthSize` bytes, then the body. */
  vector(lengthSize: 1 | 2 | 3, floor = 0): Uint8Array {
    const length = this.uint(lengthSize);
    if (length < floor) this.short = true;
    return this.bytes(length);
  }

  /** The rest of the input. */
  rest(): Uint8Array {
    return this.bytes(this.remaining);
  }
}

export function uint(value: number, size: 1 | 2 | 3): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = size - 1, v = value; i >= 0; i--, v = Math.floor(v / 256)) out[i] = v & 0xff;
  return out;
}

export const u8 = (value: number): Uint8Array => uint(value, 1);
export const u16 = (value: number): Uint8Array => uint(value, 2);
export const u24 = (value: number): Uint8Array => uint(value, 3);

/** Length-prefixed vector of the concatenated parts. */
export function vector(lengthSize: 1 | 2 | 3, ...parts: readonly Uint8Array[]): Uint8Array {
  const body = concatBytes(...parts);
  return concatBytes(uint(body.length, lengthSize), body);
}

/** A list of 16-bit values as a vector with a 1- or 2-byte length (cipher suites, groups, versions...). */
export function u16List(lengthSize: 1 | 2, values: readonly number[]): Uint8Array {
  return vector(lengthSize, ...values.map(u16));
}

/** Reads a vector of 16-bit values; an odd length is malformed. */
export function readU16List(r: Reader, lengthSize: 1 | 2, floor = 0): number[] {
  const body = r.vector(lengthSize, floor);
  if (body.length % 2 !== 0) r.short = true;
  const out: number[] = [];
  for (let i = 0; i + 1 < body.length; i += 2) out.push(body[i]! * 256 + body[i + 1]!);
  return out;
}
