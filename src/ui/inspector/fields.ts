/** The inspector's view of a packet's layers: the engine's layers plus the IP/TCP header it sent them in. */
import type { ByteField, PacketLayer, SegmentSentEvent } from '../../sim/index';
import type { Content } from '../../state/content';

export interface InspectorLayer {
  readonly key: string;
  readonly title: string;
  readonly summary: string;
  readonly fields: readonly ByteField[];
  /** False for the IP/TCP header: the hex dump shows the TCP payload only. */
  readonly inPayload: boolean;
}

const TITLES: Readonly<Record<PacketLayer['kind'], string>> = { proxy: 'PROXY protocol header', tls: 'TLS record', http: 'HTTP', data: 'Data' };

/** `content` phrases each layer's summary from its facts; while it is still loading the summaries are empty. */
export function inspectorLayers(packet: SegmentSentEvent, content: Pick<Content, 'layerSummary'> | null): InspectorLayer[] {
  const ipTcp: InspectorLayer = {
    key: 'iptcp', title: 'IP / TCP', inPayload: false,
    summary: `${packet.src.ip}:${packet.src.port} → ${packet.dst.ip}:${packet.dst.port}, ${packet.flags.join('+')}, ${packet.payload.length} bytes of payload`,
    fields: [
      { label: 'Source', value: `${packet.src.ip}, port ${packet.src.port}`, offset: -1, length: 0, explanation: 'Cleartext to every router and tap on the path' },
      { label: 'Destination', value: `${packet.dst.ip}, port ${packet.dst.port}`, offset: -1, length: 0 },
      { label: 'Flags', value: packet.flags.join(', '), offset: -1, length: 0 },
      { label: 'Sequence number', value: String(packet.seq), offset: -1, length: 0 },
      { label: 'Acknowledgement number', value: String(packet.ack), offset: -1, length: 0 },
      { label: 'Link', value: packet.link === 'internet' ? 'internet' : 'internal network', offset: -1, length: 0 },
    ],
  };
  return [ipTcp, ...packet.layers.map((layer, i) => ({
    key: `l${i}`,
    title: layer.kind === 'tls' ? `${TITLES.tls}${layer.encrypted ? ' (encrypted)' : ''}` : TITLES[layer.kind],
    summary: content ? content.layerSummary(layer) : '',
    fields: layer.fields,
    inPayload: true,
  }))];
}

/** The narrowest payload field that covers byte `offset`: what hovering a byte highlights. */
export function fieldAt(layers: readonly InspectorLayer[], offset: number): { key: string; field: ByteField } | null {
  let best: { key: string; field: ByteField } | null = null;
  for (const layer of layers) {
    if (!layer.inPayload) continue;
    layer.fields.forEach((field, i) => {
      if (offset < field.offset || offset >= field.offset + field.length) return;
      if (!best || field.length < best.field.length) best = { key: `${layer.key}:${i}`, field };
    });
  }
  return best;
}
