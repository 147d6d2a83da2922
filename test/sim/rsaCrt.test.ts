/**
 * The native-BigInt RSA private operation gives node-forge's bytes exactly, and takes the same random draws, so
 * switching to it changed no run (only its speed).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateLabPki } from '../../src/sim/engine';
import type { LabPki } from '../../src/sim/engine';
import forge, { withDeterministicForge } from '../../src/sim/tls/forge';
import { privateKeyFromPem } from '../../src/sim/tls/pkiCache';
import { emsaPkcs1v15, modulusOf, rsaPrivateOperation } from '../../src/sim/tls/rsaCrt';

let pki: LabPki;
beforeAll(async () => {
  pki = await generateLabPki();
});

/** A patterned random source (deterministic); returns what was signed and the next draws after it. */
function underSeed<T>(seed: number, work: () => T): { value: T; after: string } {
  let counter = seed;
  const bytes = (n: number): Uint8Array => Uint8Array.from({ length: n }, () => (counter = (counter * 1103515245 + 12345) >>> 0) >>> 24);
  return withDeterministicForge(bytes, () => 0, () => ({ value: work(), after: forge.random.getBytesSync(16) }));
}

describe('rsaPrivateOperation', () => {
  it.each(['site', 'backend-1', 'client'] as const)('signs with PSS exactly as forge does, with the same draws (%s key)', (name) => {
    const key = privateKeyFromPem(pki.privateKeys[name]!);
    const pss = () => forge.pss.create({ md: forge.md.sha256.create(), mgf: forge.mgf.mgf1.create(forge.md.sha256.create()), saltLength: 32 });
    const digest = () => forge.md.sha256.create().update('TLS 1.3, server CertificateVerify');
    const theirs = underSeed(7, () => key.sign(digest(), pss() as never));
    const ours = underSeed(7, () => rsaPrivateOperation(key, (pss() as unknown as { encode(md: unknown, bits: number): string }).encode(digest(), modulusOf(key).bits)));
    expect(ours.value).toBe(theirs.value);
    expect(ours.after).toBe(theirs.after);
    expect(key.n.bitLength()).toBe(2048);
  });

  it('signs with PKCS#1 v1.5 exactly as forge does', () => {
    const key = privateKeyFromPem(pki.privateKeys.site!);
    for (const make of [() => forge.md.sha256.create(), () => forge.md.sha384.create(), () => forge.md.sha512.create()]) {
      const md = () => make().update('ServerKeyExchange params');
      const theirs = underSeed(3, () => key.sign(md()));
      const ours = underSeed(3, () => rsaPrivateOperation(key, emsaPkcs1v15(md(), modulusOf(key).k)));
      expect(ours.value).toBe(theirs.value);
      expect(ours.after).toBe(theirs.after);
    }
  });

  it('refuses a message representative not smaller than the modulus', () => {
    const key = privateKeyFromPem(pki.privateKeys.site!);
    expect(() => underSeed(1, () => rsaPrivateOperation(key, '\xff'.repeat(256)))).toThrow(/out of range/);
  });
});
