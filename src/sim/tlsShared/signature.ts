/**
 * CertificateVerify signatures (RFC 8446 §4.4.3): RSASSA-PSS with the rsaEncryption key of an ordinary RSA
 * certificate ("rsa_pss_rsae_*", §4.2.3), salt length = hash length, MGF1 with the same hash. node-forge does
 * the PSS encoding (its salt comes from forge.random, so a run under withDeterministicForge signs the same bytes);
 * the RSA operation itself is native BigInt (tls/rsaCrt.ts), the same bytes as forge's in a tenth of the time.
 */
import forge, { binaryToBytes, bytesToBinary } from '../tls/forge';
import type Forge from 'node-forge';
import { privateKeyFromPem } from '../tls/pkiCache';
import { modulusOf, rsaPrivateOperation } from '../tls/rsaCrt';
import { asciiBytes, concatBytes } from '../core/bytes';
import { SignatureScheme } from './extensions';

type HashName = 'sha256' | 'sha384' | 'sha512';

/** The PSS schemes this endpoint can check, with their hash. It signs with rsa_pss_rsae_sha256 only. */
const PSS_HASHES = new Map<number, HashName>([
  [SignatureScheme.rsa_pss_rsae_sha256, 'sha256'],
  [SignatureScheme.rsa_pss_rsae_sha384, 'sha384'],
  [SignatureScheme.rsa_pss_rsae_sha512, 'sha512'],
]);

export const VERIFIABLE_SCHEMES: readonly number[] = [...PSS_HASHES.keys()];

/**
 * What a client offers in signature_algorithms: the PSS schemes it can verify in CertificateVerify, then the
 * PKCS#1 v1.5 ones, which TLS 1.3 allows only for certificate signatures (§4.2.3) - the lab's certificates are
 * sha256WithRSAEncryption, and a server may check that its chain is signed with something the client listed.
 */
export const OFFERED_SCHEMES: readonly number[] = [
  ...VERIFIABLE_SCHEMES,
  SignatureScheme.rsa_pkcs1_sha256, SignatureScheme.rsa_pkcs1_sha384, SignatureScheme.rsa_pkcs1_sha512,
];

function md(hash: HashName): Forge.md.MessageDigest {
  if (hash === 'sha384') return forge.md.sha384.create();
  if (hash === 'sha512') return forge.md.sha512.create();
  return forge.md.sha256.create();
}

function pssScheme(hash: HashName): unknown {
  return forge.pss.create({ md: md(hash), mgf: forge.mgf.mgf1.create(md(hash)), saltLength: md(hash).digestLength });
}

/**
 * The signed content: 64 spaces (0x20), the context string, a 0 byte, then the transcript hash (§4.4.3).
 * "TLS 1.3, server CertificateVerify" or "TLS 1.3, client CertificateVerify".
 */
export function certificateVerifyContent(signer: 'server' | 'client', transcriptHash: Uint8Array): Uint8Array {
  return concatBytes(new Uint8Array(64).fill(0x20), asciiBytes(`TLS 1.3, ${signer} CertificateVerify`), new Uint8Array([0]), transcriptHash);
}

/** Signs with rsa_pss_rsae_sha256. */
export function signCertificateVerify(privateKeyPem: string, content: Uint8Array): Uint8Array {
  const digest = md('sha256');
  digest.update(bytesToBinary(content));
  const key = privateKeyFromPem(privateKeyPem);
  const em = (pssScheme('sha256') as { encode(md: Forge.md.MessageDigest, bits: number): string }).encode(digest, modulusOf(key).bits);
  return binaryToBytes(rsaPrivateOperation(key, em));
}

/** True when `signature` is a valid signature of `content` under `scheme` by `publicKey`; false for anything else. */
export function verifyCertificateVerify(publicKey: Forge.pki.rsa.PublicKey, scheme: number, content: Uint8Array, signature: Uint8Array): boolean {
  const hash = PSS_HASHES.get(scheme);
  if (!hash) return false;
  try {
    const digest = md(hash);
    digest.update(bytesToBinary(content));
    return publicKey.verify(digest.digest().getBytes(), bytesToBinary(signature), pssScheme(hash) as never);
  } catch {
    return false; // forge throws for a signature of the wrong length or a bad encoding
  }
}
