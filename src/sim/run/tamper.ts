/**
 * An active attacker on a link. On a TLS leg it flips one byte inside the first application-data record that
 * passes the chosen way, and the receiver's MAC check must catch it (RFC 4346 §6.2.3.1). On a cleartext leg
 * (offloading's internal network) it changes the last byte of the first request body instead, and nothing
 * anywhere can notice: that is the lesson.
 */
import type { SegmentTamperer } from '../net/network';
import type { Faults } from '../scenarios/types';

const APPLICATION_DATA = 23;
const HEADER_END = [13, 10, 13, 10];

export function createTamperer(target: NonNullable<Faults['tamper']>): SegmentTamperer {
  let done = false;
  return ({ link, direction, payload }) => {
    if (done || link !== target.link || direction !== target.direction) return null;
    const offset = payload[0] === APPLICATION_DATA ? encryptedByte(payload) : cleartextBodyByte(payload);
    if (offset === null) return null;
    done = true;
    const altered = payload.slice();
    const original = altered[offset]!;
    altered[offset] = original ^ 0x01;
    return { payload: altered, offset, original, altered: altered[offset]! };
  };
}

/** Past the 5-byte record header and the 16-byte explicit IV, inside the encrypted content. */
function encryptedByte(payload: Uint8Array): number {
  return Math.min(payload.length - 1, 5 + 16 + 4);
}

/** The last byte of an HTTP body in this segment, or null when it carries no body. */
function cleartextBodyByte(payload: Uint8Array): number | null {
  for (let i = 0; i + 4 <= payload.length; i++) {
    if (HEADER_END.every((b, j) => payload[i + j] === b)) return i + 4 < payload.length ? payload.length - 1 : null;
  }
  return null;
}
