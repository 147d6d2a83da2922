/**
 * Protocol layers of each packet, as an inspector (or Wireshark) dissects them without any key: the PROXY
 * protocol header, TLS record headers and cleartext handshake messages, or HTTP when the stream is cleartext.
 * Field offsets are rebased onto each segment's payload so the hex dump can highlight them. The two directions'
 * parsers share what the hellos negotiated, so the client's TLS 1.2 / 1.3 records are laid out like the server's.
 */
import { bytesToText } from '../core/bytes';
import type { SegmentSentEvent } from '../core/events';
import type { ByteField, HandshakeMessageFacts, HttpFacts, PacketLayer, TlsRecordFacts } from '../core/layers';
import { looksLikeHttp } from '../http/parser';
import { parseProxyHeader } from '../net/proxyProtocol';
import { TlsStreamParser, type SessionHints, type TlsRecordInfo } from '../tls/records';

interface DirectionState {
  parser: TlsStreamParser;
  streamOffset: number;
  kind: 'unknown' | 'tls' | 'cleartext';
  /** An HTTP message has started in this direction: later non-HTTP bytes are its continuation. */
  sawHttp: boolean;
}

/** Layers and a ladder label for every data segment of one TCP connection (segments in send order). */
export function dissectConnection(segments: readonly SegmentSentEvent[]): Map<SegmentSentEvent, { layers: PacketLayer[]; label: string }> {
  const out = new Map<SegmentSentEvent, { layers: PacketLayer[]; label: string }>();
  const hints: SessionHints = {};
  const state: Record<'c2s' | 's2c', DirectionState> = {
    c2s: { parser: new TlsStreamParser(hints), streamOffset: 0, kind: 'unknown', sawHttp: false },
    s2c: { parser: new TlsStreamParser(hints), streamOffset: 0, kind: 'unknown', sawHttp: false },
  };
  for (const segment of segments) {
    if (segment.payload.length === 0) continue;
    const dir = state[segment.direction];
    const layers: PacketLayer[] = [];
    let bytes = segment.payload;
    let base = 0;
    if (dir.kind === 'unknown' && segment.direction === 'c2s') {
      const proxy = parseProxyHeader(bytes);
      if (proxy.status === 'ok') {
        layers.push({
          kind: 'proxy',
          facts: { version: proxy.header.version, sourceAddress: proxy.header.sourceAddress, sourcePort: proxy.header.sourcePort },
          fields: proxy.fields.map((f) => ({ label: f.label, value: f.value, offset: f.offset, length: f.length })),
        });
        bytes = bytes.subarray(proxy.length);
        base = proxy.length;
      }
    }
    if (bytes.length > 0 && dir.kind === 'unknown') dir.kind = bytes[0]! >= 20 && bytes[0]! <= 23 ? 'tls' : 'cleartext';
    if (bytes.length > 0 && dir.kind === 'tls') {
      const chunkStart = dir.streamOffset - base;
      const result = dir.parser.push(bytes);
      for (const record of result.records) layers.push(tlsLayer(record, chunkStart));
      if (result.error) layers.push({ kind: 'data', facts: { partialTlsRecord: false, unparseable: result.error, length: bytes.length }, fields: [] });
      else if (result.records.length === 0) layers.push({ kind: 'data', facts: { partialTlsRecord: true, unparseable: null, length: bytes.length }, fields: [] });
      dir.streamOffset += bytes.length;
    } else if (bytes.length > 0) {
      const layer = cleartextLayer(bytes, base, dir.sawHttp);
      if (layer.kind === 'http') dir.sawHttp = true;
      layers.push(layer);
    }
    out.set(segment, { layers, label: labelFor(layers) });
  }
  return out;
}

function tlsLayer(record: TlsRecordInfo, chunkStart: number): PacketLayer {
  const rebase = (f: ByteField): ByteField => ({ ...f, offset: f.offset - chunkStart });
  return { kind: 'tls', facts: record.facts, fields: record.fields.map(rebase), encrypted: record.encrypted };
}

function cleartextLayer(bytes: Uint8Array, base: number, afterHttp: boolean): PacketLayer {
  const text = bytesToText(bytes);
  if (!looksLikeHttp(bytes)) {
    const facts = { partialTlsRecord: false, unparseable: null, length: bytes.length, ...(afterHttp ? { httpContinued: true } : {}) };
    return { kind: 'data', facts, fields: [{ label: afterHttp ? 'HTTP (continued)' : 'Data', value: text.slice(0, 60), offset: base, length: bytes.length }] };
  }
  const headEnd = text.indexOf('\r\n\r\n');
  const head = headEnd >= 0 ? text.slice(0, headEnd) : text;
  const lines = head.split('\r\n');
  const fields: ByteField[] = [];
  let at = base;
  for (const line of lines) {
    const length = new TextEncoder().encode(line).length;
    fields.push({ label: fields.length === 0 ? 'Start line' : line.split(':')[0] ?? 'Header', value: line, offset: at, length });
    at += length + 2;
  }
  if (headEnd >= 0 && headEnd + 4 < text.length) {
    fields.push({ label: 'Body', value: text.slice(headEnd + 4, headEnd + 84), offset: at + 2, length: bytes.length - (at + 2 - base) });
  }
  return { kind: 'http', facts: httpFacts(lines[0] ?? ''), fields };
}

/** Method and target of a request line, status of a status line. */
function httpFacts(startLine: string): HttpFacts {
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(startLine);
  if (status) return { startLine, method: null, target: null, status: Number(status[1]) };
  const request = /^([A-Z]+) (\S+)/.exec(startLine);
  return { startLine, method: request?.[1] ?? null, target: request?.[2] ?? null, status: null };
}

/**
 * Short names for the ladder: the TLS messages in the segment, or the HTTP start line, each once; TLS 1.3's
 * protected records, all alike on the wire, are counted ("ServerHello, ChangeCipherSpec, 4 encrypted records").
 */
function labelFor(layers: readonly PacketLayer[]): string {
  const names = layers.map((l) => {
    if (l.kind === 'proxy') return 'PROXY header';
    if (l.kind === 'http') return l.facts.startLine.replace(/ HTTP\/1\.[01]$/, '');
    if (l.kind === 'tls') return recordLabel(l.facts);
    return l.facts.partialTlsRecord ? 'TLS record (first part)' : l.facts.httpContinued ? 'HTTP (continued)' : `${l.facts.length} bytes, not TLS or HTTP`;
  });
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].map(([name, n]) => (n > 1 && name === 'Encrypted record' ? `${n} encrypted records` : name)).join(', ');
}

const camel = (name: string): string => name.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());

/** A TLS message's name as the ladder shows it: "ClientHello", "HelloRetryRequest". */
function messageName(m: HandshakeMessageFacts): string {
  return m.type === 'other' ? camel(m.typeName) : m.type === 'hello_retry_request' ? 'HelloRetryRequest' : camel(m.type);
}

function recordLabel(f: TlsRecordFacts): string {
  if (f.encrypted) {
    if (f.innerTypeHidden) return 'Encrypted record';
    switch (f.contentType) {
      case 'handshake': return 'Encrypted handshake message';
      case 'application_data': return 'Application data';
      case 'alert': return 'Encrypted alert';
      case 'change_cipher_spec': return 'ChangeCipherSpec';
      default: return `Unknown content type ${f.contentTypeCode}`;
    }
  }
  switch (f.contentType) {
    case 'change_cipher_spec': return 'ChangeCipherSpec';
    case 'alert': return f.alert ? `Alert: ${f.alert.level} ${f.alert.description}` : 'Malformed alert';
    case 'handshake': return f.messages.map(messageName).join(', ') || 'empty';
    case 'application_data': return 'Application data';
    default: return `Unknown content type ${f.contentTypeCode}`;
  }
}
