import { beforeAll, describe, expect, it } from 'vitest';
import type { Mode } from '../../src/sim/index';
import { isPacket } from '../../src/state/derive/events';
import { advancePlayback, anchorOf, flightProgress, packetsInPlay, playbackPlan, TIMING } from '../../src/state/playback';
import type { ModeRun } from '../../src/state/store';
import { runAllModes } from './helpers/timelines';

let runs: Record<Mode, ModeRun>;
beforeAll(async () => {
  runs = await runAllModes('basic');
});

/** Plays a whole timeline with a fixed frame time; returns the cursors seen and the frames it took. */
function playToEnd(mode: Mode, reduced: boolean, speed = 4) {
  const events = runs[mode].timeline.events;
  const plan = playbackPlan(events);
  let state = { cursor: 0, playhead: anchorOf(plan, 0), dwell: 0 };
  const cursors: number[] = [];
  const playheads: number[] = [];
  let frames = 0;
  for (; frames < 100_000; frames++) {
    const next = advancePlayback(events, plan, state, 16.7, { speed, reduced });
    cursors.push(next.cursor);
    playheads.push(next.playhead);
    state = next;
    if (next.finished) break;
  }
  return { events, plan, cursors, playheads, frames, state };
}

describe('playback plan', () => {
  it('anchors never decrease, lie between a step and the next, and put packets on the wire', () => {
    for (const mode of ['passthrough', 'offload', 'bridge'] as const) {
      const events = runs[mode].timeline.events;
      const plan = playbackPlan(events);
      expect(plan.count).toBe(events.length);
      for (let k = 0; k < events.length; k++) {
        const a = anchorOf(plan, k);
        expect(a).toBeGreaterThanOrEqual(events[k]!.t);
        if (k > 0) expect(a).toBeGreaterThanOrEqual(anchorOf(plan, k - 1));
        if (k + 1 < events.length) expect(a).toBeLessThanOrEqual(events[k + 1]!.t);
        const e = events[k]!;
        // The current step's packet is visible at its anchor.
        if (isPacket(e)) expect(flightProgress(e, a)).not.toBeNull();
        if (isPacket(e)) expect(packetsInPlay(events, plan, k)).toContain(k);
      }
    }
  });

  it('a packet is on the wire exactly between t and arrivesAt', () => {
    const packet = runs.offload.timeline.events.find(isPacket)!;
    expect(flightProgress(packet, packet.t - 0.001)).toBeNull();
    expect(flightProgress(packet, packet.t)).toBe(0);
    expect(flightProgress(packet, (packet.t + packet.arrivesAt) / 2)).toBeCloseTo(0.5);
    expect(flightProgress(packet, packet.arrivesAt)).toBeNull();
  });
});

describe('advancePlayback', () => {
  it('visits every step in order and finishes at the last one', () => {
    const { events, cursors, state } = playToEnd('offload', false);
    expect(state.cursor).toBe(events.length - 1);
    const distinct = [...new Set(cursors)];
    expect(distinct).toEqual(Array.from({ length: events.length - 1 }, (_, i) => i + 1));
  });

  it('moves the playhead continuously with full motion, and only from anchor to anchor with reduced motion', () => {
    const full = playToEnd('passthrough', false);
    const reduced = playToEnd('passthrough', true);
    const anchors = new Set(full.plan.anchors);
    expect(full.playheads.some((p) => !anchors.has(p))).toBe(true);
    expect(reduced.playheads.every((p) => anchors.has(p))).toBe(true);
  });

  it('every crossing takes the same real time, however short the link', () => {
    const events = runs.passthrough.timeline.events;
    const plan = playbackPlan(events);
    // An internal hop (1 ms) and an internet hop (20 ms) both take crossingMs at 1x.
    const internal = events.findIndex((e) => isPacket(e) && e.link === 'internal' && e.payload.length > 0);
    const e = events[internal]!;
    if (!isPacket(e)) throw new Error('no internal packet');
    const next = advancePlayback(events, plan, { cursor: internal, playhead: e.t, dwell: 0 }, TIMING.crossingMs / 4, { speed: 1, reduced: false });
    expect(next.playhead - e.t).toBeCloseTo((e.arrivesAt - e.t) / 4, 5);
  });

  it('speed scales time', () => {
    const slow = playToEnd('bridge', false, 1);
    const fast = playToEnd('bridge', false, 4);
    expect(slow.frames / fast.frames).toBeGreaterThan(3.5);
  });
});
