/**
 * The run as a pcapng capture that Wireshark and tshark open as is: one interface per link, one packet per
 * tcp.segmentSent event, and (by default) the TLS secrets embedded so the encrypted hops decrypt without set-up:
 * the key log's text (keylog.ts: CLIENT_RANDOM lines for TLS 1.1/1.2, the four traffic secrets for TLS 1.3).
 * Layout (draft-ietf-opsawg-pcapng §3.4): SHB, an IDB per link, the DSB, then the EPBs in the order they were
 * sent. Pure TypeScript: it runs in the browser worker as well as in Node.
 */
import { concatBytes } from '../core/bytes';
import type { SegmentSentEvent } from '../core/events';
import type { NodeId } from '../net/topology';
import type { Timeline } from '../run/runScenario';
import { SIM_DATE } from '../tls/pkiSpecs';
import { frameSegment } from './frame';
import { CAPTURE_INTERFACES, FIRST_IP_ID, interfaceIndex } from './interfaces';
import { exportKeyLog, keyLogEntries } from './keylog';
import {
  decryptionSecretsBlock, enhancedPacketBlock, interfaceDescriptionBlock, LINKTYPE_ETHERNET, OPT, SECRETS_TLS_KEY_LOG,
  sectionHeaderBlock, textOption,
} from './pcapngBlocks';

export interface PcapngExportOptions {
  /**
   * Put the key log in a Decryption Secrets Block (default true). Without it the capture shows what an
   * eavesdropper sees; the secrets can still be given to Wireshark from a separate key log file.
   */
  readonly embedSecrets?: boolean;
}

/** A whole Timeline will do; `protocol`, when given, is named in the file's comment. */
export type CaptureSource = Pick<Timeline, 'scenarioId' | 'mode' | 'seed' | 'events' | 'sessions'> & Partial<Pick<Timeline, 'protocol'>>;

/**
 * Virtual time 0 is the engine's "today" (SIM_DATE, 2026-06-01T12:00:00Z), the same clock the TLS stack put
 * into its hello randoms and checked the certificates against.
 */
const BASE_MICROSECONDS = BigInt(SIM_DATE.getTime()) * 1000n;
/** if_tsresol 6: timestamps count microseconds (pcapng §4.2; also the default when the option is absent). */
const TSRESOL_MICROSECONDS = 6;

const encoder = new TextEncoder();

function timestampOf(tMs: number): bigint {
  return BASE_MICROSECONDS + BigInt(Math.round(tMs * 1000));
}

/** A packet comment (opt_comment) Wireshark shows in the packet details: who sent it to whom, and what it is. */
function packetComment(e: SegmentSentEvent): string {
  const what = e.label || e.flags.join('+');
  const tamper = e.tampered ? `; byte ${e.tampered.offset} of the payload was altered in flight` : '';
  return `${e.from} -> ${e.to}: ${what}${tamper}`;
}

export function exportPcapng(source: CaptureSource, options: PcapngExportOptions = {}): Uint8Array {
  const blocks: Uint8Array[] = [
    sectionHeaderBlock([
      textOption(OPT.comment, `Passthrough Lab simulation: scenario ${source.scenarioId}, mode ${source.mode}, seed ${source.seed}`
        + `${source.protocol ? `, ${source.protocol.name} (${source.protocol.cipherSuite})` : ''}. Addresses and MACs are made up; the TLS bytes are real.`),
      textOption(OPT.shbUserAppl, 'Passthrough Lab'),
    ]),
    ...CAPTURE_INTERFACES.map((i) => interfaceDescriptionBlock(LINKTYPE_ETHERNET, [
      textOption(OPT.ifName, i.name),
      textOption(OPT.ifDescription, i.description),
      { code: OPT.ifTsresol, value: Uint8Array.of(TSRESOL_MICROSECONDS) },
    ])),
  ];
  // The DSB must come before the packets it decrypts (pcapng §4.7); before the first one covers them all.
  if ((options.embedSecrets ?? true) && keyLogEntries(source).length > 0) {
    blocks.push(decryptionSecretsBlock(SECRETS_TLS_KEY_LOG, encoder.encode(exportKeyLog(source))));
  }
  // IPv4 Identification counts up per sender, as a host's IP stack numbers the datagrams it sends.
  const nextIpId = new Map<NodeId, number>();
  for (const e of source.events) {
    if (e.type !== 'tcp.segmentSent') continue;
    const ipId = nextIpId.get(e.from) ?? FIRST_IP_ID[e.from];
    nextIpId.set(e.from, (ipId + 1) & 0xffff);
    blocks.push(enhancedPacketBlock(interfaceIndex(e.link), timestampOf(e.t), frameSegment(e, ipId), [
      textOption(OPT.comment, packetComment(e)),
    ]));
  }
  return concatBytes(...blocks);
}
