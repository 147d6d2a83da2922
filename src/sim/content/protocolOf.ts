/**
 * Which TLS version a narrated event belongs to, and the per-version facts the prose needs (how records are
 * protected, which RFC section says so). The run's protocol is the reliable source and the UI should pass it to
 * `narrate`; without it a packet is judged by its own bytes: a TLS 1.3 hello names 0x0304 in supported_versions,
 * a TLS 1.2 record says 0x0303, and everything else is the lab's TLS 1.1.
 */
import type { SegmentSentEvent } from '../core/events';
import type { TlsProtocol } from '../scenarios/types';

export function segmentProtocol(e: SegmentSentEvent, given: TlsProtocol | undefined): TlsProtocol {
  if (given) return given;
  let tls12 = false;
  for (const layer of e.layers) {
    if (layer.kind !== 'tls') continue;
    if (layer.facts.innerTypeHidden || layer.facts.compatChangeCipherSpec || /0x0304/.test(layer.facts.negotiatedVersion ?? '')) return 'tls1.3';
    for (const f of layer.fields) {
      if ((f.label === 'Supported version' || f.label === 'Selected version') && /0x0304/.test(f.value)) return 'tls1.3';
      if (/version/i.test(f.label) && /0x0303/.test(f.value)) tls12 = true;
    }
  }
  return tls12 ? 'tls1.2' : 'tls1.1';
}

/** "TLS 1.3" as events carry it in `detail.version` -> the protocol id; unknown strings fall back to `given` or 1.1. */
export function versionProtocol(version: string, given: TlsProtocol | undefined): TlsProtocol {
  if (/1\.3/.test(version)) return 'tls1.3';
  if (/1\.2/.test(version)) return 'tls1.2';
  if (/1\.[01]/.test(version)) return 'tls1.1';
  return given ?? 'tls1.1';
}

export interface RecordFacts {
  /** "AES-128-CBC ciphertext with an explicit IV and an HMAC-SHA1 tag": how one record is protected. */
  readonly protection: string;
  /** What fails when a protected byte is changed, finishing "The record ...". */
  readonly tamperFailure: string;
  /** The integrity check, for "finds that the ... does not match". */
  readonly check: string;
  /** Where the RFC says a failed check is bad_record_mac. */
  readonly badRecordMacRef: string;
  readonly fatalAlertRef: string;
}

export const RECORD_FACTS: Readonly<Record<TlsProtocol, RecordFacts>> = {
  'tls1.1': {
    protection: 'AES-128-CBC ciphertext with an explicit IV and an HMAC-SHA1 tag',
    tamperFailure: 'no longer decrypts to valid padding and a matching HMAC-SHA1',
    check: 'HMAC-SHA1',
    badRecordMacRef: 'RFC 4346 section 6.2.3',
    fatalAlertRef: 'RFC 4346 section 7.2',
  },
  'tls1.2': {
    protection: 'AES-128-GCM ciphertext, with an 8-byte explicit nonce in front and a 16-byte authentication tag behind',
    tamperFailure: 'no longer matches its 16-byte AES-GCM authentication tag',
    check: 'AES-GCM authentication tag',
    badRecordMacRef: 'RFC 5246 section 6.2.3.3',
    fatalAlertRef: 'RFC 5246 section 7.2',
  },
  'tls1.3': {
    protection: 'AES-128-GCM ciphertext with a 16-byte authentication tag and its real content type sealed inside (outside, every TLS 1.3 record says application_data)',
    tamperFailure: 'no longer matches its 16-byte AES-GCM authentication tag',
    check: 'AES-GCM authentication tag',
    badRecordMacRef: 'RFC 8446 section 5.2',
    fatalAlertRef: 'RFC 8446 section 6.2',
  },
};
