/**
 * What every lab key is: RSA-2048 with e = 65537 for RSASSA-PKCS1-v1_5 with SHA-256 (WebCrypto's parameters). In a
 * file of its own, without forge, so the page can start generating the first keys at navigation (src/app/
 * earlyKeys.ts) while the engine worker is still loading.
 */
export const LAB_KEY_PARAMS = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' } as const;

/** The keys every run needs first (the demo public root and the site's key), which the page makes in advance. */
export const FIRST_KEYS = ['publicRootCa', 'site'] as const;
