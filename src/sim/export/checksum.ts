/**
 * The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit big-endian words.
 * IPv4 (RFC 791 §3.1) uses it over the header, TCP (RFC 9293 §3.1) over a pseudo-header, the header and the data.
 */

/** Adds `bytes` to a running 32-bit sum; an odd last byte is padded with a zero on the right (RFC 1071 §4.1). */
export function sumWords(bytes: Uint8Array, sum = 0): number {
  let s = sum;
  const even = bytes.length & ~1;
  for (let i = 0; i < even; i += 2) s += (bytes[i]! << 8) | bytes[i + 1]!;
  if (bytes.length & 1) s += bytes[bytes.length - 1]! << 8;
  // Fold now and then so the sum never leaves the safe-integer range, whatever the payload size.
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return s;
}

/** Folds the carries and complements: the value that goes into the header's checksum field. */
export function finishChecksum(sum: number): number {
  let s = sum;
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

export function internetChecksum(...parts: readonly Uint8Array[]): number {
  return finishChecksum(parts.reduce((s, p) => sumWords(p, s), 0));
}
