/**
 * The one network every scenario runs on: a client on the internet, the load balancer's public VIP, and three
 * backends on a private network behind it. Addresses come from the documentation ranges (RFC 5737) and a
 * private range (RFC 1918), so nothing here is anybody's real host.
 */
export type BackendId = 'backend-1' | 'backend-2' | 'backend-3';
export type NodeId = 'client' | 'lb' | BackendId;
export type EavesdropperId = 'eve-internet' | 'eve-internal';
/** Anyone who can look at packets: the nodes themselves and the two taps. */
export type ObserverId = NodeId | EavesdropperId;
export type LinkId = 'internet' | 'internal';

export interface BackendInfo {
  readonly id: BackendId;
  readonly name: string;
  readonly address: string;
  readonly hostname: string;
}

export const CLIENT_ADDRESS = '203.0.113.10';
export const LB_VIP = '198.51.100.1';
export const LB_INTERNAL_ADDRESS = '10.0.0.1';
export const SITE_HOSTNAME = 'shop.example.com';
export const API_HOSTNAME = 'api.example.com';

export const BACKENDS: readonly BackendInfo[] = [
  { id: 'backend-1', name: 'backend-1', address: '10.0.1.11', hostname: 'backend-1.internal' },
  { id: 'backend-2', name: 'backend-2', address: '10.0.1.12', hostname: 'backend-2.internal' },
  { id: 'backend-3', name: 'backend-3', address: '10.0.1.13', hostname: 'backend-3.internal' },
];

export const NODE_ADDRESS: Readonly<Record<NodeId, string>> = {
  client: CLIENT_ADDRESS,
  lb: LB_VIP,
  'backend-1': '10.0.1.11',
  'backend-2': '10.0.1.12',
  'backend-3': '10.0.1.13',
};

/** One-way latency per link in virtual milliseconds: a far client, a near data centre. */
export const LINK_LATENCY_MS: Readonly<Record<LinkId, number>> = { internet: 20, internal: 1 };

export const EAVESDROPPER_ON: Readonly<Record<LinkId, EavesdropperId>> = {
  internet: 'eve-internet',
  internal: 'eve-internal',
};

export const OBSERVER_LABELS: Readonly<Record<ObserverId, string>> = {
  client: 'Client (browser)',
  lb: 'Load balancer',
  'backend-1': 'backend-1',
  'backend-2': 'backend-2',
  'backend-3': 'backend-3',
  'eve-internet': 'Eavesdropper on the internet link',
  'eve-internal': 'Eavesdropper on the internal network',
};

export function isBackendId(value: string): value is BackendId {
  return BACKENDS.some((b) => b.id === value);
}
