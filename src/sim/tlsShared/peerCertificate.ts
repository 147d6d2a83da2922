/**
 * What one end does with the certificate chain the other presented (RFC 8446 §4.4.2.4): parse it, check it
 * against the CAs this end trusts at the run's date (forge's `verifyCertificateChain`), and on the client check
 * the hostname (RFC 6125, through the SAN list). The same alert choices as the forge endpoint: unknown_ca,
 * certificate_expired, bad_certificate.
 */
import forge, { binaryToBytes, bytesToBinary } from '../tls/forge';
import type Forge from 'node-forge';
import { certificateHostnames, commonName } from '../tls/pkiCache';
import { AlertCode, AlertError, alertError } from './alerts';

const derCache = new Map<string, Uint8Array>();

/** The DER bytes inside a certificate PEM (what goes on the wire in a Certificate entry). */
export function pemToDer(pem: string): Uint8Array {
  let der = derCache.get(pem);
  if (!der) {
    const block = forge.pem.decode(pem)[0];
    if (!block) throw new Error('no PEM block in certificate text');
    der = binaryToBytes(block.body);
    derCache.set(pem, der);
  }
  return der;
}

/** Parses each DER certificate; anything forge cannot read, or a non-RSA key, is bad_certificate. */
export function parseChain(ders: readonly Uint8Array[]): Forge.pki.Certificate[] {
  return ders.map((der, depth) => {
    try {
      return forge.pki.certificateFromAsn1(forge.asn1.fromDer(bytesToBinary(der)));
    } catch (error) {
      throw alertError('bad_certificate', `certificate at depth ${depth} could not be parsed (${error instanceof Error ? error.message : String(error)})`);
    }
  });
}

const stores = new Map<string, Forge.pki.CAStore>();

/** forge wants PEM text for its CA store (QUALITY.md); parsing it costs milliseconds, so stores are kept. */
function caStore(pems: readonly string[]): Forge.pki.CAStore {
  const key = pems.join('\n');
  let store = stores.get(key);
  if (!store) {
    store = forge.pki.createCaStore([...pems]);
    stores.set(key, store);
  }
  return store;
}

const ERRORS = (forge.pki as unknown as { certificateError: Record<string, string> }).certificateError;

/**
 * Throws AlertError unless `chain` leads to one of `trustedCaPem` and every certificate is valid on `date`;
 * with `hostname`, the leaf must also name that host.
 */
export function verifyChain(chain: readonly Forge.pki.Certificate[], trustedCaPem: readonly string[], date: Date, hostname: string | null): void {
  let failedAt: Forge.pki.Certificate | undefined;
  try {
    const store = caStore(trustedCaPem);
    // verifyCertificateChain shifts certificates off the array it is given: hand it a copy.
    (forge.pki.verifyCertificateChain as unknown as (s: unknown, c: Forge.pki.Certificate[], o: object) => boolean)(store, [...chain], {
      validityCheckDate: date,
      verify: (verified: unknown, depth: number, certs: Forge.pki.Certificate[]) => {
        if (verified !== true) failedAt = certs[depth];
        return verified;
      },
    });
  } catch (error) {
    throw describe(error, failedAt);
  }
  if (hostname !== null) {
    const names = certificateHostnames(chain[0]!);
    if (!hostnameMatches(hostname, names)) {
      throw alertError('bad_certificate', `certificate is for ${names.join(', ')}, not ${hostname}`);
    }
  }
}

function describe(error: unknown, cert: Forge.pki.Certificate | undefined): AlertError {
  const who = cert ? `certificate "${commonName(cert)}"` : 'certificate';
  const code = typeof error === 'object' && error !== null ? (error as { error?: string }).error : undefined;
  if (code === ERRORS.certificate_expired) return new AlertError(AlertCode.certificate_expired, `${who} has expired or is not yet valid`);
  if (code === ERRORS.unknown_ca) return new AlertError(AlertCode.unknown_ca, `${who} was issued by a CA this side does not trust`);
  if (code === ERRORS.unsupported_certificate) return new AlertError(AlertCode.unsupported_certificate, `${who} has an unsupported critical extension`);
  if (code === ERRORS.bad_certificate) return new AlertError(AlertCode.bad_certificate, `${who} failed verification (bad signature or structure)`);
  const detail = error instanceof Error ? error.message : typeof error === 'object' && error !== null ? String((error as { message?: unknown }).message) : String(error);
  return new AlertError(AlertCode.bad_certificate, `${who} was rejected (${detail})`);
}

/** Exact match, or a "*." wildcard covering exactly one leftmost label (RFC 6125 §6.4.3). */
export function hostnameMatches(name: string, certNames: readonly string[]): boolean {
  const wanted = name.toLowerCase();
  return certNames.some((n) => n === wanted || (n.startsWith('*.') && wanted.endsWith(n.slice(1)) && wanted.split('.').length === n.split('.').length));
}

export function rsaPublicKey(cert: Forge.pki.Certificate): Forge.pki.rsa.PublicKey {
  const key = cert.publicKey as Forge.pki.rsa.PublicKey | undefined;
  if (!key || typeof (key as { verify?: unknown }).verify !== 'function') throw alertError('unsupported_certificate', 'the certificate does not hold an RSA key');
  return key;
}

export { commonName };
