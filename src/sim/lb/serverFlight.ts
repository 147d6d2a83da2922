/**
 * What a passthrough LB can learn from the server's answer while it relays it: it runs the inspector's record
 * parser (no keys) over the backend-to-client bytes until the handshake stops being readable. Up to TLS 1.2 the
 * Certificate message crosses in cleartext, so the LB (and any tap) reads the subject; in TLS 1.3 only the
 * ServerHello is clear, and everything after it, the certificate included, is encrypted under handshake keys.
 */
import type { ServerFlightOutcome } from '../core/reasons';
import { TlsStreamParser, type HandshakeInfo, type TlsRecordInfo } from '../tls/records';
import { parseServerHello } from '../tlsShared/hello';
import { TLS13 } from '../tlsShared/extensions';

export interface ServerHandshakeSeen {
  /** "TLS 1.2", "TLS 1.3", ... as the ServerHello chose it (supported_versions wins over legacy_version). */
  readonly version: string;
  /** The leaf certificate's subject, when the LB could read one. */
  readonly certificateSubject: string | null;
  /** Why the LB could or could not read it. */
  readonly outcome: ServerFlightOutcome;
  readonly alert?: { readonly level: string; readonly description: string };
  /** not-tls: the stream parser's error. */
  readonly diagnostic?: string;
}

const SERVER_HELLO = 2;

/** Returns a sink for the server's bytes; `report` is called exactly once, when the answer is known. */
export function watchServerFlight(report: (seen: ServerHandshakeSeen) => void): (bytes: Uint8Array) => void {
  const parser = new TlsStreamParser();
  let version: string | null = null;
  let done = false;
  const finish = (seen: ServerHandshakeSeen): void => {
    done = true;
    report(seen);
  };

  const onRecord = (record: TlsRecordInfo): void => {
    for (const message of record.handshake ?? []) {
      if (message.typeName === 'server_hello') version = chosenVersion(message, record);
      const leaf = 'certificates' in message ? message.certificates[0] : undefined;
      if (leaf) {
        return finish({
          version: version ?? record.version.replace(/ \(.*$/, ''),
          certificateSubject: leaf.subject,
          outcome: 'certificate-cleartext',
        });
      }
    }
    if (record.alert) {
      return finish({
        version: version ?? 'unknown',
        certificateSubject: null,
        outcome: 'alert-first',
        alert: { level: record.alert.level, description: record.alert.description },
      });
    }
    // TLS 1.3 hides everything after the ServerHello: application_data records under the handshake keys
    // (a ChangeCipherSpec in between is only for middleboxes, Appendix D.4).
    if (version !== null && (record.encrypted || record.contentTypeName === 'application_data')) {
      return finish({
        version,
        certificateSubject: null,
        outcome: version === 'TLS 1.3' ? 'encrypted-tls13' : 'encrypted-without-certificate',
      });
    }
  };

  return (bytes) => {
    if (done) return;
    const { records, error } = parser.push(bytes);
    for (const record of records) {
      onRecord(record);
      if (done) return;
    }
    if (error) finish({ version: version ?? 'unknown', certificateSubject: null, outcome: 'not-tls', diagnostic: error });
  };
}

/** TLS 1.3 says "1.2" in legacy_version and the real choice in supported_versions (RFC 8446 §4.1.3, §4.2.1). */
function chosenVersion(message: HandshakeInfo, record: TlsRecordInfo): string {
  const legacy = 'serverVersion' in message ? message.serverVersion.replace(/ \(.*$/, '') : 'unknown';
  const fragment = record.fragment;
  if (fragment[0] !== SERVER_HELLO || fragment.length < 4) return legacy;
  const length = (fragment[1]! << 16) | (fragment[2]! << 8) | fragment[3]!;
  const parsed = parseServerHello(fragment.subarray(4, 4 + length));
  return parsed.ok && parsed.value.selectedVersion === TLS13 ? 'TLS 1.3' : legacy;
}
