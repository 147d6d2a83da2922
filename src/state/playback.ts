/**
 * Playback as pure functions of (events, cursor, playhead). The playhead is virtual milliseconds of the
 * timeline; a packet's position is a function of it alone (`t` -> `arrivesAt`), so stepping backwards and
 * scrubbing need no special code. A step is one event, and each step has an anchor time: the playhead value at
 * which that step is shown. Anchors never decrease, and a packet's anchor is the middle of its flight when no
 * later event starts earlier, so "Next step" onto a packet shows it on the wire.
 */
import type { SimEvent } from '../sim/index';
import { isPacket } from './derive/events';

export interface PlaybackPlan {
  readonly count: number;
  /** Anchor time of each step (event index). */
  readonly anchors: readonly number[];
  /** Indices of packet events, in order. */
  readonly packets: readonly number[];
}

/** Real milliseconds at 1x: a packet crossing any link, and the pause on each step. */
export const TIMING = { crossingMs: 900, dwellMs: 650, reducedDwellMs: 1100 } as const;
export const SPEEDS: readonly number[] = [0.25, 0.5, 1, 2, 4];

const plans = new WeakMap<readonly SimEvent[], PlaybackPlan>();

export function playbackPlan(events: readonly SimEvent[]): PlaybackPlan {
  const cached = plans.get(events);
  if (cached) return cached;
  const anchors: number[] = [];
  const packets: number[] = [];
  events.forEach((event, k) => {
    const next = events[k + 1]?.t ?? Number.POSITIVE_INFINITY;
    if (isPacket(event)) {
      packets.push(k);
      anchors.push(Math.max(event.t, Math.min((event.t + event.arrivesAt) / 2, next)));
    } else {
      anchors.push(event.t);
    }
  });
  const plan: PlaybackPlan = { count: events.length, anchors, packets };
  plans.set(events, plan);
  return plan;
}

export function anchorOf(plan: PlaybackPlan, step: number): number {
  return plan.anchors[Math.max(0, Math.min(step, plan.count - 1))] ?? 0;
}

export function clampStep(plan: PlaybackPlan, step: number): number {
  return Math.max(0, Math.min(Math.round(step), Math.max(0, plan.count - 1)));
}

/** How far along its link a packet is at playhead `p`: null when it is not on the wire. */
export function flightProgress(event: SimEvent, p: number): number | null {
  if (!isPacket(event) || p < event.t || p >= event.arrivesAt) return null;
  return (p - event.t) / (event.arrivesAt - event.t);
}

/**
 * Packets that can be on the wire while step `cursor` is current (between its anchor and the next one): every
 * packet sent up to this step that has not arrived by the step's anchor. Which of them is visible at a given
 * playhead is `flightProgress`.
 */
export function packetsInPlay(events: readonly SimEvent[], plan: PlaybackPlan, cursor: number): number[] {
  const from = anchorOf(plan, cursor);
  const out: number[] = [];
  for (const i of plan.packets) {
    if (i > cursor) break;
    const e = events[i];
    if (isPacket(e) && e.arrivesAt > from) out.push(i);
  }
  return out;
}

export interface PlaybackState {
  readonly cursor: number;
  readonly playhead: number;
  /** Real ms the clock still holds on the current step. */
  readonly dwell: number;
}

export interface PlaybackOptions {
  readonly speed: number;
  /** prefers-reduced-motion: the playhead jumps from anchor to anchor (packets jump instead of travelling). */
  readonly reduced: boolean;
}

/** Virtual ms per real ms while some packet flies: the shortest flight in the air takes `crossingMs`. */
function rateAt(events: readonly SimEvent[], plan: PlaybackPlan, cursor: number, p: number): { rate: number; until: number } {
  let shortest = Number.POSITIVE_INFINITY;
  let until = Number.POSITIVE_INFINITY;
  for (const i of plan.packets) {
    if (i > cursor) break;
    const e = events[i];
    if (!isPacket(e) || e.t > p || e.arrivesAt <= p) continue;
    shortest = Math.min(shortest, e.arrivesAt - e.t);
    until = Math.min(until, e.arrivesAt);
  }
  return { rate: shortest / TIMING.crossingMs, until };
}

/**
 * Advances the playback by `dtMs` of real time: hold on each step for the dwell, then move the playhead to the
 * next anchor at a pace where every crossing takes the same real time (a 1 ms internal hop is as visible as a
 * 20 ms internet hop), skipping idle gaps. `finished` is true once the last step's dwell is over.
 */
export function advancePlayback(
  events: readonly SimEvent[], plan: PlaybackPlan, state: PlaybackState, dtMs: number, options: PlaybackOptions,
): PlaybackState & { finished: boolean } {
  let { cursor, playhead, dwell } = state;
  let budget = Math.max(0, dtMs) * options.speed;
  const last = plan.count - 1;
  const fullDwell = options.reduced ? TIMING.reducedDwellMs : TIMING.dwellMs;
  for (let guard = 0; guard < 10_000 && budget > 0; guard++) {
    if (dwell > 0) {
      const used = Math.min(dwell, budget);
      dwell -= used;
      budget -= used;
      continue;
    }
    if (cursor >= last) return { cursor, playhead, dwell: 0, finished: true };
    const target = anchorOf(plan, cursor + 1);
    if (playhead >= target || options.reduced) {
      cursor++;
      playhead = Math.max(playhead, target);
      dwell = fullDwell;
      continue;
    }
    const { rate, until } = rateAt(events, plan, cursor, playhead);
    if (!Number.isFinite(rate) || rate <= 0) {
      playhead = target;
      continue;
    }
    const stop = Math.min(target, until);
    const needed = (stop - playhead) / rate;
    if (needed <= budget) {
      playhead = stop;
      budget -= needed;
    } else {
      playhead += budget * rate;
      budget = 0;
    }
  }
  return { cursor, playhead, dwell, finished: cursor >= last && dwell <= 0 };
}
