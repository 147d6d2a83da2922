/**
 * The one module that imports node-forge. Everything else in the engine reaches forge through here, so the
 * version patch below and the seeded random source are applied exactly once and in one place.
 */
import type Forge from 'node-forge';
// Only the parts of forge the lab uses (node-forge's index also pulls in ed25519, KEM, PKCS#7, SSH and logging,
// ~15 KB gzip the worker would carry for nothing). Each module registers itself on the shared forge object.
import forgeCore from 'node-forge/lib/forge';
import 'node-forge/lib/aes';
import 'node-forge/lib/aesCipherSuites';
import 'node-forge/lib/asn1';
import 'node-forge/lib/cipher';
import 'node-forge/lib/hmac';
import 'node-forge/lib/md.all';
import 'node-forge/lib/mgf1';
import 'node-forge/lib/pem';
import 'node-forge/lib/pki';
import 'node-forge/lib/pss';
import 'node-forge/lib/random';
import 'node-forge/lib/rsa';
import 'node-forge/lib/tls';
import 'node-forge/lib/util';

const forge = forgeCore as unknown as typeof Forge;

// node-forge's server picks its version with a loop that starts at index 1 of SupportedVersions, so it always
// answers TLS 1.0 (upstream issue #971). Listing TLS 1.1 twice makes index 1 TLS 1.1: the server then agrees to
// TLS 1.1 when the client offers it (RFC 4346 §7.4.1.2), and the client still offers SupportedVersions[0].
const tls = forge.tls as unknown as {
  SupportedVersions: { major: number; minor: number }[];
  Versions: Record<'TLS_1_0' | 'TLS_1_1', { major: number; minor: number }>;
};
if (tls.SupportedVersions[1] !== tls.Versions.TLS_1_1) {
  tls.SupportedVersions.splice(1, 0, tls.Versions.TLS_1_1);
}

export default forge;
export { forge };

type RandomSource = { getBytes: (count: number, callback?: unknown) => string; getBytesSync: (count: number) => string };

/**
 * Runs `work` with forge's random source replaced by the run's seeded generator and its clock by the run's
 * virtual clock, then restores both. TLS randoms, pre-master secrets, CBC IVs and PKCS#1 padding draw from
 * `forge.random`; forge's private `createRandom` also stamps `new Date()` into the first four bytes of every
 * hello random (gmt_unix_time, RFC 4346 §7.4.1.2), so the wall clock must be replaced too for a run's bytes
 * to be a function of its seed (ARCHITECTURE.md: determinism). The run is synchronous, so nothing else sees it.
 */
export function withDeterministicForge<T>(nextBytes: (count: number) => Uint8Array, nowMs: () => number, work: () => T): T {
  const random = forge.random as unknown as RandomSource;
  const saved = { getBytes: random.getBytes, getBytesSync: random.getBytesSync };
  const seeded = (count: number): string => bytesToBinary(nextBytes(count));
  random.getBytes = (count: number, callback?: unknown) => {
    const bytes = seeded(count);
    if (typeof callback === 'function') (callback as (err: null, b: string) => void)(null, bytes);
    return bytes;
  };
  random.getBytesSync = seeded;
  const RealDate = globalThis.Date;
  globalThis.Date = virtualDate(RealDate, nowMs);
  try {
    return work();
  } finally {
    random.getBytes = saved.getBytes;
    random.getBytesSync = saved.getBytesSync;
    globalThis.Date = RealDate;
  }
}

/** A Date whose "now" is the run's virtual time; dates built from arguments behave as usual. */
function virtualDate(RealDate: DateConstructor, nowMs: () => number): DateConstructor {
  class VirtualDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(nowMs());
      else super(...(args as [string | number | Date]));
    }
    static override now(): number {
      return nowMs();
    }
  }
  return VirtualDate as DateConstructor;
}

/** forge works in "binary strings" (one char per byte); these two convert at the module boundary. */
export function bytesToBinary(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}

export function binaryToBytes(binary: string): Uint8Array {
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i) & 0xff;
  return out;
}
