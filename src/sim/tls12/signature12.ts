/**
 * TLS 1.2 DigitallySigned (RFC 5246 §4.7, §7.4.1.4.1): RSASSA-PKCS1-v1_5 with SHA-256/384/512 ("rsa_pkcs1_*"),
 * or RSASSA-PSS with the certificate's rsaEncryption key ("rsa_pss_rsae_*", RFC 8446 §4.2.3 allows them in
 * TLS 1.2). The signed bytes are hashed whole: ServerKeyExchange params, or the handshake messages so far.
 */
import forge, { binaryToBytes, bytesToBinary } from '../tls/forge';
import type Forge from 'node-forge';
import { privateKeyFromPem } from '../tls/pkiCache';
import { emsaPkcs1v15, modulusOf, rsaPrivateOperation } from '../tls/rsaCrt';
import { SignatureScheme } from '../tlsShared/extensions';
import { signCertificateVerify, VERIFIABLE_SCHEMES, verifyCertificateVerify } from '../tlsShared/signature';

const PKCS1 = new Map<number, () => Forge.md.MessageDigest>([
  [SignatureScheme.rsa_pkcs1_sha256, () => forge.md.sha256.create()],
  [SignatureScheme.rsa_pkcs1_sha384, () => forge.md.sha384.create()],
  [SignatureScheme.rsa_pkcs1_sha512, () => forge.md.sha512.create()],
]);

/** Schemes this endpoint can check in a TLS 1.2 signature: PSS first, then PKCS#1 v1.5. */
export const SCHEMES_12: readonly number[] = [...VERIFIABLE_SCHEMES, ...PKCS1.keys()];

/** The scheme this end signs with: the peer's first listed one of rsa_pss_rsae_sha256 / rsa_pkcs1_sha256, else null. */
export function chooseScheme(peerSchemes: readonly number[]): number | null {
  return peerSchemes.find((s) => s === SignatureScheme.rsa_pss_rsae_sha256 || s === SignatureScheme.rsa_pkcs1_sha256) ?? null;
}

export function sign12(privateKeyPem: string, scheme: number, data: Uint8Array): Uint8Array {
  if (scheme === SignatureScheme.rsa_pss_rsae_sha256) return signCertificateVerify(privateKeyPem, data);
  const md = forge.md.sha256.create();
  md.update(bytesToBinary(data));
  const key = privateKeyFromPem(privateKeyPem);
  return binaryToBytes(rsaPrivateOperation(key, emsaPkcs1v15(md, modulusOf(key).k)));
}

/** True only for a valid signature of `data` under `scheme`; never throws. */
export function verify12(publicKey: Forge.pki.rsa.PublicKey, scheme: number, data: Uint8Array, signature: Uint8Array): boolean {
  const pkcs1 = PKCS1.get(scheme);
  if (!pkcs1) return verifyCertificateVerify(publicKey, scheme, data, signature);
  try {
    const md = pkcs1();
    md.update(bytesToBinary(data));
    return publicKey.verify(md.digest().getBytes(), bytesToBinary(signature));
  } catch {
    return false;
  }
}
