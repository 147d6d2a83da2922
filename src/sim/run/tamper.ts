/**
 * An active attacker on a link: it flips one byte inside the first application-data record that passes in the
 * chosen direction. The receiver's MAC check must catch it (RFC 4346 §6.2.3.1), which is the lesson.
 */
import type { SegmentTamperer } from '../net/network';
import type { Faults } from '../scenarios/types';

const APPLICATION_DATA = 23;

export function createTamperer(target: NonNullable<Faults['tamper']>): SegmentTamperer {
  let done = false;
  return ({ link, direction, payload }) => {
    if (done || link !== target.link || direction !== target.direction || payload[0] !== APPLICATION_DATA) return null;
    // Past the 5-byte header and the 16-byte explicit IV, inside the encrypted content.
    const offset = Math.min(payload.length - 1, 5 + 16 + 4);
    done = true;
    const altered = payload.slice();
    const original = altered[offset]!;
    altered[offset] = original ^ 0x01;
    return { payload: altered, offset, original, altered: altered[offset]! };
  };
}
