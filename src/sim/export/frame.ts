/**
 * One tcp.segmentSent event as the bytes a capture on its link would hold: Ethernet II + IPv4 + TCP + payload.
 * The TCP model already numbers the bytes (seq/ack, SYN and FIN taking one number each), so this only frames them.
 */
import type { SegmentSentEvent, TcpFlag } from '../core/events';
import { internetChecksum } from './checksum';
import { macOf } from './interfaces';

const ETHERNET_HEADER = 14;
const IPV4_HEADER = 20;
const TCP_HEADER = 20;
const ETHERTYPE_IPV4 = 0x0800;
const PROTOCOL_TCP = 6;
/** Typical initial TTL (Linux); every hop here is one link, so the TTL is never decremented on the way. */
const TTL = 64;
/** Flags/fragment offset field: Don't Fragment set, offset 0 (RFC 791 §3.1), as Linux sends TCP with PMTU discovery. */
const DONT_FRAGMENT = 0x4000;
/** No window scaling and no loss in the model, so the largest unscaled window. */
const WINDOW = 65535;

/** TCP flag bits (RFC 9293 §3.1). */
const FLAG_BITS: Readonly<Record<TcpFlag, number>> = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 };

export function ipv4Bytes(address: string): Uint8Array {
  const parts = address.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new Error(`not an IPv4 address: ${address}`);
  return Uint8Array.from(parts);
}

/** The frame for `event`, with `ipId` as its IPv4 Identification. */
export function frameSegment(event: SegmentSentEvent, ipId: number): Uint8Array {
  const payload = event.payload;
  const ipLength = IPV4_HEADER + TCP_HEADER + payload.length;
  const frame = new Uint8Array(ETHERNET_HEADER + ipLength);
  const view = new DataView(frame.buffer);
  const src = ipv4Bytes(event.src.ip);
  const dst = ipv4Bytes(event.dst.ip);

  // Ethernet II: destination, source, EtherType. Both ends sit on the event's link (the LB has a NIC on each).
  frame.set(macOf(event.to, event.link), 0);
  frame.set(macOf(event.from, event.link), 6);
  view.setUint16(12, ETHERTYPE_IPV4);

  // IPv4 header (RFC 791 §3.1): version 4, IHL 5 words, no options.
  const ip = ETHERNET_HEADER;
  view.setUint8(ip, 0x45);
  view.setUint8(ip + 1, 0);
  view.setUint16(ip + 2, ipLength);
  view.setUint16(ip + 4, ipId & 0xffff);
  view.setUint16(ip + 6, DONT_FRAGMENT);
  view.setUint8(ip + 8, TTL);
  view.setUint8(ip + 9, PROTOCOL_TCP);
  frame.set(src, ip + 12);
  frame.set(dst, ip + 16);
  view.setUint16(ip + 10, internetChecksum(frame.subarray(ip, ip + IPV4_HEADER)));

  // TCP header (RFC 9293 §3.1): data offset 5 words, no options.
  const tcp = ip + IPV4_HEADER;
  view.setUint16(tcp, event.src.port);
  view.setUint16(tcp + 2, event.dst.port);
  view.setUint32(tcp + 4, event.seq >>> 0);
  view.setUint32(tcp + 8, event.ack >>> 0);
  view.setUint8(tcp + 12, 5 << 4);
  view.setUint8(tcp + 13, event.flags.reduce((bits, f) => bits | FLAG_BITS[f], 0));
  view.setUint16(tcp + 14, WINDOW);
  frame.set(payload, tcp + TCP_HEADER);
  // The checksum covers a pseudo-header (source, destination, zero, protocol, TCP length) plus the segment.
  const pseudo = new Uint8Array(12);
  pseudo.set(src, 0);
  pseudo.set(dst, 4);
  const pseudoView = new DataView(pseudo.buffer);
  pseudoView.setUint8(9, PROTOCOL_TCP);
  pseudoView.setUint16(10, TCP_HEADER + payload.length);
  view.setUint16(tcp + 16, internetChecksum(pseudo, frame.subarray(tcp)));
  return frame;
}
