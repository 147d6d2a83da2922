/**
 * pcapng blocks, after draft-ietf-opsawg-pcapng (cited below as "pcapng §n"). Everything is written
 * little-endian: a reader learns the byte order from the SHB's magic (§4.1) and must honour it (§3.6.1).
 * Every block is Type, Total Length, Body padded to 32 bits, Total Length again (§3.1).
 */

const encoder = new TextEncoder();

const pad4 = (n: number): number => (n + 3) & ~3;

/** One option (§3.5): code, length of the value without padding, the value padded to 32 bits. */
export interface PcapngOption {
  readonly code: number;
  readonly value: Uint8Array;
}

export const textOption = (code: number, text: string): PcapngOption => ({ code, value: encoder.encode(text) });

/** Option codes used here. opt_comment is common to all blocks (§3.5); the others are the block's own. */
export const OPT = {
  endofopt: 0,
  comment: 1,
  /** SHB (§4.1) */
  shbUserAppl: 4,
  /** IDB (§4.2) */
  ifName: 2,
  ifDescription: 3,
  ifTsresol: 9,
} as const;

/** The options list, closed by opt_endofopt (§3.5); no options at all means no list. */
function encodeOptions(options: readonly PcapngOption[]): Uint8Array {
  if (options.length === 0) return new Uint8Array(0);
  const size = options.reduce((n, o) => n + 4 + pad4(o.value.length), 0) + 4;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const o of options) {
    view.setUint16(at, o.code, true);
    view.setUint16(at + 2, o.value.length, true);
    out.set(o.value, at + 4);
    at += 4 + pad4(o.value.length);
  }
  // opt_endofopt: code 0, length 0 — the four zero bytes are already there.
  return out;
}

/**
 * Wraps a body: `fixed` is the block's fixed fields, `data` a variable-length field padded to 32 bits (packet
 * data, secrets), then the options.
 */
function block(type: number, fixed: Uint8Array, data: Uint8Array, options: readonly PcapngOption[]): Uint8Array {
  const opts = encodeOptions(options);
  const total = 8 + fixed.length + pad4(data.length) + opts.length + 4;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, type, true);
  view.setUint32(4, total, true);
  out.set(fixed, 8);
  out.set(data, 8 + fixed.length);
  out.set(opts, 8 + fixed.length + pad4(data.length));
  view.setUint32(total - 4, total, true);
  return out;
}

function fields(size: number, write: (view: DataView) => void): Uint8Array {
  const out = new Uint8Array(size);
  write(new DataView(out.buffer));
  return out;
}

/** Section Header Block (§4.1): byte-order magic, version 1.0, section length -1 ("not specified"). */
export function sectionHeaderBlock(options: readonly PcapngOption[]): Uint8Array {
  const body = fields(16, (v) => {
    v.setUint32(0, 0x1a2b3c4d, true);
    v.setUint16(4, 1, true);
    v.setUint16(6, 0, true);
    v.setBigInt64(8, -1n, true);
  });
  return block(0x0a0d0d0a, body, new Uint8Array(0), options);
}

/** LINKTYPE_ETHERNET (draft-ietf-opsawg-pcaplinktype): IEEE 802.3 frames without preamble or FCS. */
export const LINKTYPE_ETHERNET = 1;

/** Interface Description Block (§4.2). SnapLen 0 means "no limit": every frame is stored whole. */
export function interfaceDescriptionBlock(linkType: number, options: readonly PcapngOption[]): Uint8Array {
  const body = fields(8, (v) => {
    v.setUint16(0, linkType, true);
    v.setUint16(2, 0, true);
    v.setUint32(4, 0, true);
  });
  return block(0x00000001, body, new Uint8Array(0), options);
}

/** Secrets Type for an NSS key log (§4.7): the ASCII of "TLSK". */
export const SECRETS_TLS_KEY_LOG = 0x544c534b;

/** Decryption Secrets Block (§4.7): readers apply it to the packets that follow it. */
export function decryptionSecretsBlock(secretsType: number, secrets: Uint8Array): Uint8Array {
  const body = fields(8, (v) => {
    v.setUint32(0, secretsType, true);
    v.setUint32(4, secrets.length, true);
  });
  return block(0x0000000a, body, secrets, []);
}

/**
 * Enhanced Packet Block (§4.3). `timestamp` counts units of the interface's if_tsresol since 1970-01-01 UTC and
 * is split into its upper and lower 32 bits; captured and original length are equal (nothing is truncated).
 */
export function enhancedPacketBlock(interfaceId: number, timestamp: bigint, frame: Uint8Array, options: readonly PcapngOption[]): Uint8Array {
  const body = fields(20, (v) => {
    v.setUint32(0, interfaceId, true);
    v.setUint32(4, Number(timestamp >> 32n), true);
    v.setUint32(8, Number(timestamp & 0xffffffffn), true);
    v.setUint32(12, frame.length, true);
    v.setUint32(16, frame.length, true);
  });
  return block(0x00000006, body, frame, options);
}
