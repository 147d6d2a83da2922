/**
 * Where things sit in the topology drawing, in SVG user units: a wide layout (left to right, desktop and embed)
 * and a tall one (top to bottom, phones). Packets follow polylines between nodes; traffic between the load
 * balancer and a backend passes the internal network's switch, where the internal eavesdropper taps it.
 */
import type { NodeId, ObserverId } from '../../sim/index';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface TopologyLayout {
  readonly name: 'wide' | 'tall';
  readonly width: number;
  readonly height: number;
  readonly nodes: Readonly<Record<ObserverId, Point>>;
  /** The internal network's switch. */
  readonly hub: Point;
  /** Where each eavesdropper taps its link. */
  readonly taps: Readonly<Record<'eve-internet' | 'eve-internal', Point>>;
  /** Where each link's label goes. */
  readonly labels: Readonly<Record<'internet' | 'internal', Point>>;
  /** Half the size of a node box along a link: packets leave and arrive at the box's edge, not its centre. */
  readonly margin: number;
}

export const WIDE: TopologyLayout = {
  name: 'wide', width: 1000, height: 430,
  nodes: {
    client: { x: 95, y: 190 }, lb: { x: 470, y: 190 },
    'backend-1': { x: 895, y: 60 }, 'backend-2': { x: 895, y: 190 }, 'backend-3': { x: 895, y: 320 },
    'eve-internet': { x: 282, y: 370 }, 'eve-internal': { x: 680, y: 385 },
  },
  hub: { x: 680, y: 190 },
  taps: { 'eve-internet': { x: 282, y: 190 }, 'eve-internal': { x: 680, y: 190 } },
  labels: { internet: { x: 282, y: 118 }, internal: { x: 680, y: 118 } },
  margin: 88,
};

export const TALL: TopologyLayout = {
  name: 'tall', width: 400, height: 640,
  nodes: {
    client: { x: 130, y: 48 }, lb: { x: 130, y: 270 },
    'backend-1': { x: 70, y: 585 }, 'backend-2': { x: 200, y: 585 }, 'backend-3': { x: 330, y: 585 },
    'eve-internet': { x: 320, y: 160 }, 'eve-internal': { x: 320, y: 430 },
  },
  hub: { x: 200, y: 430 },
  taps: { 'eve-internet': { x: 130, y: 160 }, 'eve-internal': { x: 200, y: 430 } },
  labels: { internet: { x: 20, y: 150 }, internal: { x: 20, y: 385 } },
  margin: 42,
};

/** The polyline a packet follows from one node to another. */
export function routeOf(layout: TopologyLayout, from: NodeId, to: NodeId): readonly Point[] {
  const a = layout.nodes[from];
  const b = layout.nodes[to];
  const viaHub = (from === 'lb' && to.startsWith('backend')) || (to === 'lb' && from.startsWith('backend'));
  const route = viaHub ? [a, layout.hub, b] : [a, b];
  return [toward(route[0]!, route[1]!, layout.margin), ...route.slice(1, -1), toward(route.at(-1)!, route.at(-2)!, layout.margin)];
}

function toward(from: Point, to: Point, distance: number): Point {
  const length = Math.hypot(to.x - from.x, to.y - from.y);
  if (length === 0) return from;
  const f = Math.min(0.45, distance / length);
  return { x: from.x + (to.x - from.x) * f, y: from.y + (to.y - from.y) * f };
}

/** The point a fraction `t` (0..1) of the way along a polyline. */
export function pointAlong(route: readonly Point[], t: number): Point {
  const lengths: number[] = [];
  let total = 0;
  for (let i = 1; i < route.length; i++) {
    const l = Math.hypot(route[i]!.x - route[i - 1]!.x, route[i]!.y - route[i - 1]!.y);
    lengths.push(l);
    total += l;
  }
  let remaining = Math.max(0, Math.min(1, t)) * total;
  for (let i = 1; i < route.length; i++) {
    const l = lengths[i - 1]!;
    if (remaining <= l || i === route.length - 1) {
      const f = l === 0 ? 0 : Math.min(1, remaining / l);
      const a = route[i - 1]!;
      const b = route[i]!;
      return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f };
    }
    remaining -= l;
  }
  return route[0] ?? { x: 0, y: 0 };
}

/** Packets that leave together (one flight: an ACK and a ClientHello at 40 ms) travel this far apart. */
export const PACKET_SPACING = 40;

/**
 * How far back along its route a packet in a flight of several is drawn: the `rank`th of the packets that left
 * on the same route at the same instant trails the first by `rank` spacings, as if the sender had put them on the
 * wire one after another, so none hides another.
 */
export function trailingProgress(route: readonly Point[], progress: number, rank: number): number {
  if (rank === 0) return progress;
  let total = 0;
  for (let i = 1; i < route.length; i++) total += Math.hypot(route[i]!.x - route[i - 1]!.x, route[i]!.y - route[i - 1]!.y);
  return total === 0 ? progress : Math.max(0, progress - (rank * PACKET_SPACING) / total);
}

/** The box the current packet's words take, centred below the packet (see Packet.tsx: 22 units down, two lines). */
export interface CalloutBox {
  readonly halfWidth: number;
  readonly top: number;
  readonly bottom: number;
}

/** Width of one character of the callout's larger line, in SVG units (16px bold sans); an estimate on the safe side. */
const CHAR_WIDTH = 9.5;

export function calloutBox(label: string, look: string): CalloutBox {
  return { halfWidth: (Math.max(label.length * CHAR_WIDTH, look.length * CHAR_WIDTH * 0.8) + 12) / 2, top: 22, bottom: 58 };
}

/**
 * How far to move the callout sideways so it does not sit on an eavesdropper's tap line: the line from the tap
 * point down (or across) to the eavesdropper must stay visible, since it shows who can see the packet. The
 * callout moves to the side of the line the packet is on (right when it is on the line).
 */
export function calloutShift(layout: TopologyLayout, at: Point, box: CalloutBox): number {
  for (const eve of ['eve-internet', 'eve-internal'] as const) {
    const tap = layout.taps[eve];
    const node = layout.nodes[eve];
    const left = Math.min(tap.x, node.x) - 4;
    const right = Math.max(tap.x, node.x) + 4;
    const top = Math.min(tap.y, node.y);
    const bottom = Math.max(tap.y, node.y);
    const overlapsX = at.x + box.halfWidth > left && at.x - box.halfWidth < right;
    const overlapsY = at.y + box.bottom > top && at.y + box.top < bottom;
    if (!overlapsX || !overlapsY) continue;
    return at.x < left ? left - (at.x + box.halfWidth) : right - (at.x - box.halfWidth);
  }
  return 0;
}
