/**
 * The page generates the first two keys while the worker loads and hands them over: the generator must use those
 * very keys (not make others), and make its own when none come.
 */
import { describe, expect, it } from 'vitest';
import { createPkiGenerator, FIRST_KEYS, LAB_KEY_PARAMS } from '../../src/sim/engine';
import forge from '../../src/sim/tls/forge';

async function pageKey(): Promise<CryptoKey> {
  return ((await globalThis.crypto.subtle.generateKey(LAB_KEY_PARAMS, true, ['sign', 'verify'])) as CryptoKeyPair).privateKey;
}

const modulusOf = (pem: string): string => (forge.pki.privateKeyFromPem(pem) as { n: { toString(radix: number): string } }).n.toString(16);
const modulusOfKey = async (key: CryptoKey): Promise<string> => {
  const der = forge.util.binary.raw.encode(new Uint8Array(await globalThis.crypto.subtle.exportKey('pkcs8', key)));
  return modulusOf(forge.pem.encode({ type: 'PRIVATE KEY', body: der }));
};

describe('PkiGenerator.adopt', () => {
  it('uses the keys the page made, and signs the certificates with them', async () => {
    const root = await pageKey();
    const site = await pageKey();
    const generator = createPkiGenerator();
    generator.adopt(Promise.resolve({ publicRootCa: root, site }), FIRST_KEYS);
    const pki = await generator.ensure(['publicRootCa', 'site']);
    expect(modulusOf(pki.privateKeys.site!)).toBe(await modulusOfKey(site));
    expect(modulusOf(pki.privateKeys.publicRootCa!)).toBe(await modulusOfKey(root));
    const cert = forge.pki.certificateFromPem(pki.certificates.site!.pem);
    const rootCert = forge.pki.certificateFromPem(pki.certificates.publicRootCa!.pem);
    expect(rootCert.verify(cert)).toBe(true);
    expect((cert.publicKey as { n: { toString(radix: number): string } }).n.toString(16)).toBe(await modulusOfKey(site));
  });

  it('makes its own keys when the page hands over none (or fails)', async () => {
    const generator = createPkiGenerator();
    generator.adopt(Promise.resolve({}), FIRST_KEYS);
    const pki = await generator.ensure(['publicRootCa', 'site']);
    expect(pki.privateKeys.site).toMatch(/BEGIN PRIVATE KEY/);
    const failing = createPkiGenerator();
    failing.adopt(Promise.reject(new Error('no WebCrypto here')), FIRST_KEYS);
    expect((await failing.ensure(['site'])).privateKeys.site).toMatch(/BEGIN PRIVATE KEY/);
  });
});
