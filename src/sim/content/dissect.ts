/**
 * Reads back what the layer dissector already found in a packet (src/sim/observe/layers.ts): the TLS messages,
 * the SNI, the certificate subjects, alerts, a PROXY header or cleartext HTTP. Works on the ByteField labels, so
 * the narration says exactly what the inspector shows.
 */
import type { SegmentSentEvent } from '../core/events';
import type { PacketLayer } from '../core/layers';

export interface AlertInfo {
  readonly level: string;
  readonly description: string;
  readonly code: number | null;
}

export interface Dissected {
  readonly proxy: { readonly version: 1 | 2 | null; readonly client: string | null } | null;
  /** RFC 4346 names of the cleartext handshake messages, in order: client_hello, server_hello, ... */
  readonly handshakes: readonly string[];
  /** undefined: no ClientHello here; null: a ClientHello without SNI. */
  readonly sni: string | null | undefined;
  /** Leaf certificate subject of each Certificate message, in order. */
  readonly certificates: readonly string[];
  readonly serverVersion: string | null;
  readonly cipherSuite: string | null;
  readonly changeCipherSpec: boolean;
  readonly encryptedHandshake: boolean;
  /** Total bytes of encrypted application-data records. */
  readonly appDataBytes: number;
  readonly appDataRecords: number;
  readonly alerts: readonly AlertInfo[];
  readonly encryptedAlert: boolean;
  readonly http: { readonly startLine: string; readonly headerNames: readonly string[]; readonly hasBody: boolean } | null;
  /** The start of a TLS record that completes in a later segment. */
  readonly continuation: boolean;
  readonly unparseable: string | null;
  /** Cleartext that is neither TLS nor the start of an HTTP message (the rest of a body, or junk). */
  readonly otherData: boolean;
  /** Extension types of the cleartext hellos, in order (key_share, supported_versions, encrypted_client_hello, ...). */
  readonly extensions: readonly string[];
  /** ALPN protocol names offered (ClientHello) or selected (ServerHello), as the dissector shows them. */
  readonly alpn: readonly string[];
  /** Lengths of the protected records in this segment, in order: in TLS 1.3 all an observer without keys learns. */
  readonly encryptedRecordLengths: readonly number[];
}

const fieldValue = (layer: PacketLayer, label: string): string | undefined => layer.fields.find((f) => f.label === label)?.value;
const stripCode = (value: string): string => value.replace(/\s*\((?:0x)?[0-9a-f]+\)$/i, '');

export function dissect(event: SegmentSentEvent): Dissected {
  let proxy: Dissected['proxy'] = null;
  const handshakes: string[] = [];
  let sni: string | null | undefined;
  const certificates: string[] = [];
  let serverVersion: string | null = null;
  let cipherSuite: string | null = null;
  let changeCipherSpec = false;
  let encryptedHandshake = false;
  let appDataBytes = 0;
  let appDataRecords = 0;
  const alerts: AlertInfo[] = [];
  let encryptedAlert = false;
  let http: Dissected['http'] = null;
  let continuation = false;
  let unparseable: string | null = null;
  let otherData = false;
  const extensions: string[] = [];
  const alpn: string[] = [];
  const encryptedRecordLengths: number[] = [];

  for (const layer of event.layers) {
    switch (layer.kind) {
      case 'proxy': {
        proxy = { version: layer.facts.version, client: `${layer.facts.sourceAddress}:${layer.facts.sourcePort}` };
        break;
      }
      case 'tls': {
        const contentType = stripCode(fieldValue(layer, 'Content type') ?? '');
        if (layer.encrypted) {
          encryptedRecordLengths.push(Number(fieldValue(layer, 'Length') ?? 0));
          if (contentType === 'application_data') { appDataBytes += Number(fieldValue(layer, 'Length') ?? 0); appDataRecords += 1; }
          else if (contentType === 'handshake') encryptedHandshake = true;
          else if (contentType === 'alert') encryptedAlert = true;
          break;
        }
        if (contentType === 'change_cipher_spec') changeCipherSpec = true;
        else if (contentType === 'alert') {
          const description = fieldValue(layer, 'Alert description');
          const code = description ? /\((\d+)\)$/.exec(description)?.[1] : undefined;
          alerts.push({
            level: fieldValue(layer, 'Alert level') ?? 'unknown',
            description: description ? stripCode(description) : 'malformed',
            code: code === undefined ? null : Number(code),
          });
        } else if (contentType === 'handshake') {
          for (const f of layer.fields) {
            if (f.label === 'Handshake type') {
              const name = stripCode(f.value);
              handshakes.push(name);
              if (name === 'client_hello') sni = null;
            } else if (f.label === 'Server name (SNI)') sni ??= f.value;
            else if (f.label === 'Certificate 1 (leaf)') certificates.push(f.value);
            else if (f.label === 'Server version') serverVersion ??= stripCode(f.value);
            // TLS 1.3 keeps 0x0303 in the legacy field and names the real version in supported_versions (RFC 8446 §4.1.3).
            else if (f.label === 'Selected version') serverVersion = stripCode(f.value);
            else if (f.label === 'Extension type') extensions.push(f.value);
            else if (f.label === 'ALPN protocol name') alpn.push(f.value);
            else if (f.label === 'Cipher suite' && handshakes[handshakes.length - 1] === 'server_hello') cipherSuite = f.value;
          }
        } else if (contentType === 'application_data') {
          appDataBytes += Number(fieldValue(layer, 'Length') ?? 0);
          appDataRecords += 1;
        }
        break;
      }
      case 'http': {
        const headerNames = layer.fields.slice(1).filter((f) => f.label !== 'Body').map((f) => f.label.toLowerCase());
        http = {
          startLine: shortStartLine(layer.facts.startLine),
          headerNames,
          hasBody: layer.fields.some((f) => f.label === 'Body'),
        };
        break;
      }
      case 'data':
        if (layer.facts.partialTlsRecord) continuation = true;
        else if (layer.facts.unparseable !== null) unparseable = layer.facts.unparseable;
        else otherData = true;
        break;
    }
  }
  return {
    proxy, handshakes, sni, certificates, serverVersion, cipherSuite, changeCipherSpec, encryptedHandshake,
    appDataBytes, appDataRecords, alerts, encryptedAlert, http, continuation, unparseable, otherData, extensions, alpn, encryptedRecordLengths,
  };
}

/** "CN=shop.example.com" out of "O=Example Shop, CN=shop.example.com"; the whole subject if it has no CN. */
export function commonName(subject: string): string {
  return /(?:^|,\s*)CN=([^,]+)/.exec(subject)?.[1]?.trim() ?? subject;
}

/** "GET /cart" for "GET /cart HTTP/1.1", "200 OK" for "HTTP/1.1 200 OK". */
export function shortStartLine(line: string): string {
  return line.replace(/ HTTP\/1\.[01]$/, '').replace(/^HTTP\/1\.[01] /, '');
}

/** A client talking straight to a backend on the internal network (an attacker inside, or a misconfiguration). */
export function isDirect(e: SegmentSentEvent): boolean {
  return e.link === 'internal' && (e.from === 'client' || e.to === 'client');
}
