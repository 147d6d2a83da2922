/**
 * The capture's link-layer view of the lab: one interface per link, one made-up MAC per node per link. The MACs
 * are locally administered unicast addresses (bit 0x02 of the first octet set, IEEE 802 §8.2.2), so they can
 * never collide with a real vendor's; they encode node and link so a reader can tell them apart at a glance.
 */
import { BACKENDS, CLIENT_ADDRESS, LB_INTERNAL_ADDRESS, LB_VIP, type LinkId, type NodeId } from '../net/topology';

export interface CaptureInterface {
  readonly link: LinkId;
  /** if_name (pcapng draft §4.2): what Wireshark shows in the interface column and Statistics › Capture File. */
  readonly name: string;
  readonly description: string;
}

/** Interface ids are the IDBs' order in the file (pcapng draft §4.2: "the first IDB ... is interface 0"). */
export const CAPTURE_INTERFACES: readonly CaptureInterface[] = [
  { link: 'internet', name: 'internet', description: `client ${CLIENT_ADDRESS} <-> load balancer VIP ${LB_VIP}` },
  {
    link: 'internal', name: 'internal',
    description: `load balancer ${LB_INTERNAL_ADDRESS} <-> backends ${BACKENDS.map((b) => b.address).join(', ')}`,
  },
];

export function interfaceIndex(link: LinkId): number {
  return CAPTURE_INTERFACES.findIndex((i) => i.link === link);
}

const NODE_OCTET: Readonly<Record<NodeId, number>> = { client: 0x01, lb: 0x02, 'backend-1': 0x11, 'backend-2': 0x12, 'backend-3': 0x13 };
const LINK_OCTET: Readonly<Record<LinkId, number>> = { internet: 0x01, internal: 0x02 };

/** 02:70:6c ("pl", Passthrough Lab) : 00 : link : node. The load balancer has one MAC per link, as it has one NIC. */
export function macOf(node: NodeId, link: LinkId): Uint8Array {
  return Uint8Array.of(0x02, 0x70, 0x6c, 0x00, LINK_OCTET[link], NODE_OCTET[node]);
}

/** Each sender's first IPv4 Identification; distinct per node so the streams of IDs do not look copied. */
export const FIRST_IP_ID: Readonly<Record<NodeId, number>> = {
  client: 0x1a00, lb: 0x2b00, 'backend-1': 0x3c00, 'backend-2': 0x4d00, 'backend-3': 0x5e00,
};
