/**
 * The lab's certificates: a demo public root and the site's certificate (what browsers trust), an internal CA
 * and one certificate per backend (what the LB trusts when it re-encrypts), a client CA and a client
 * certificate (mTLS), and the broken ones the failure scenarios need. Keys are generated at start-up through
 * forge's asynchronous path, which hands the work to WebCrypto in a browser or to Node's crypto, so no one waits
 * for seconds of pure-JS prime search. Everything is kept as PEM so it can cross a worker boundary.
 */
import forge from './forge';

export type KeyName =
  | 'publicRootCa' | 'site' | 'internalCa' | 'backend-1' | 'backend-2' | 'backend-3' | 'rogueCa' | 'clientCa' | 'client';

export type CertName =
  | 'publicRootCa' | 'site' | 'siteWrongHost' | 'siteExpired' | 'siteUntrusted'
  | 'internalCa' | 'backend-1' | 'backend-2' | 'backend-3' | 'impostorBackend'
  | 'rogueCa' | 'clientCa' | 'clientAlice';

export interface LabCertificate {
  readonly pem: string;
  readonly key: KeyName;
  readonly description: string;
}

export interface LabPki {
  readonly privateKeys: Readonly<Record<KeyName, string>>;
  readonly certificates: Readonly<Record<CertName, LabCertificate>>;
}

/** The engine's "today": certificates are checked against this date, never the wall clock, so runs replay. */
export const SIM_DATE = new Date(Date.UTC(2026, 5, 1, 12, 0, 0));
const VALID_FROM = new Date(Date.UTC(2026, 0, 1));
const VALID_TO = new Date(Date.UTC(2027, 0, 1));
const EXPIRED_FROM = new Date(Date.UTC(2024, 0, 1));
const EXPIRED_TO = new Date(Date.UTC(2025, 0, 1));

const KEY_NAMES: readonly KeyName[] = [
  'publicRootCa', 'site', 'internalCa', 'backend-1', 'backend-2', 'backend-3', 'rogueCa', 'clientCa', 'client',
];

interface CertSpec {
  name: CertName;
  key: KeyName;
  issuer: CertName | 'self';
  subject: { CN: string; O: string };
  altNames?: { dns?: string[]; ip?: string[] };
  ca?: boolean;
  clientAuth?: boolean;
  validity?: 'current' | 'expired';
  description: string;
}

const O_PUBLIC = 'Passthrough Lab Demo Public CA';
const O_SHOP = 'Example Shop';
const O_INTERNAL = 'Example Shop Internal';

/** Issuers come before the certificates they sign. */
const CERT_SPECS: readonly CertSpec[] = [
  { name: 'publicRootCa', key: 'publicRootCa', issuer: 'self', subject: { CN: 'Passthrough Lab Demo Root CA', O: O_PUBLIC }, ca: true, description: 'Demo public root CA: the client trusts it, like a browser trusts a public CA' },
  { name: 'site', key: 'site', issuer: 'publicRootCa', subject: { CN: 'shop.example.com', O: O_SHOP }, altNames: { dns: ['shop.example.com', 'api.example.com'] }, description: "The site's certificate for shop.example.com (and api.example.com)" },
  { name: 'siteWrongHost', key: 'site', issuer: 'publicRootCa', subject: { CN: 'www.other-shop.example', O: O_SHOP }, altNames: { dns: ['www.other-shop.example'] }, description: 'A valid certificate, but for another hostname' },
  { name: 'siteExpired', key: 'site', issuer: 'publicRootCa', subject: { CN: 'shop.example.com', O: O_SHOP }, altNames: { dns: ['shop.example.com'] }, validity: 'expired', description: 'The site certificate, expired on 2025-01-01' },
  { name: 'rogueCa', key: 'rogueCa', issuer: 'self', subject: { CN: 'Unknown Rogue CA', O: 'Not Trusted By Anyone' }, ca: true, description: 'A CA nobody in the lab trusts' },
  { name: 'siteUntrusted', key: 'site', issuer: 'rogueCa', subject: { CN: 'shop.example.com', O: O_SHOP }, altNames: { dns: ['shop.example.com'] }, description: 'shop.example.com, but issued by an untrusted CA' },
  { name: 'internalCa', key: 'internalCa', issuer: 'self', subject: { CN: 'Example Shop Internal CA', O: O_INTERNAL }, ca: true, description: 'Internal CA: the LB trusts it for backend certificates when bridging' },
  { name: 'backend-1', key: 'backend-1', issuer: 'internalCa', subject: { CN: 'backend-1.internal', O: O_INTERNAL }, altNames: { dns: ['backend-1.internal'], ip: ['10.0.1.11'] }, description: "backend-1's internal certificate" },
  { name: 'backend-2', key: 'backend-2', issuer: 'internalCa', subject: { CN: 'backend-2.internal', O: O_INTERNAL }, altNames: { dns: ['backend-2.internal'], ip: ['10.0.1.12'] }, description: "backend-2's internal certificate" },
  { name: 'backend-3', key: 'backend-3', issuer: 'internalCa', subject: { CN: 'backend-3.internal', O: O_INTERNAL }, altNames: { dns: ['backend-3.internal'], ip: ['10.0.1.13'] }, description: "backend-3's internal certificate" },
  { name: 'impostorBackend', key: 'rogueCa', issuer: 'rogueCa', subject: { CN: 'backend-2.internal', O: 'Impostor' }, altNames: { dns: ['backend-2.internal'] }, description: 'An impostor claiming to be backend-2, signed by the rogue CA' },
  { name: 'clientCa', key: 'clientCa', issuer: 'self', subject: { CN: 'Example Shop Client CA', O: O_SHOP }, ca: true, description: 'CA that issues client certificates for mTLS' },
  { name: 'clientAlice', key: 'client', issuer: 'clientCa', subject: { CN: 'alice', O: O_SHOP }, clientAuth: true, description: "Alice's client certificate" },
];

function generateKeyPair(): Promise<forge.pki.rsa.KeyPair> {
  return new Promise((resolve, reject) => {
    // Async form: forge delegates to WebCrypto / Node crypto when present (QUALITY.md: ~90 ms vs ~1 s pure JS).
    forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 }, (err, pair) => (err ? reject(err) : resolve(pair)));
  });
}

/** Generates every key and certificate of the lab. */
export async function generateLabPki(): Promise<LabPki> {
  const pairs = await Promise.all(KEY_NAMES.map(() => generateKeyPair()));
  const keyPairs = Object.fromEntries(KEY_NAMES.map((n, i) => [n, pairs[i]!])) as Record<KeyName, forge.pki.rsa.KeyPair>;
  const issued = new Map<CertName, forge.pki.Certificate>();
  const certificates = {} as Record<CertName, LabCertificate>;
  CERT_SPECS.forEach((spec, index) => {
    const cert = buildCertificate(spec, index + 1, keyPairs, issued);
    issued.set(spec.name, cert);
    certificates[spec.name] = { pem: forge.pki.certificateToPem(cert), key: spec.key, description: spec.description };
  });
  const privateKeys = Object.fromEntries(
    KEY_NAMES.map((n) => [n, forge.pki.privateKeyToPem(keyPairs[n].privateKey)]),
  ) as Record<KeyName, string>;
  return { privateKeys, certificates };
}

function buildCertificate(
  spec: CertSpec,
  serial: number,
  keyPairs: Record<KeyName, forge.pki.rsa.KeyPair>,
  issued: Map<CertName, forge.pki.Certificate>,
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = keyPairs[spec.key].publicKey;
  cert.serialNumber = serial.toString(16).padStart(2, '0');
  const expired = spec.validity === 'expired';
  cert.validity.notBefore = expired ? EXPIRED_FROM : VALID_FROM;
  cert.validity.notAfter = expired ? EXPIRED_TO : VALID_TO;
  const subject = [{ shortName: 'CN', value: spec.subject.CN }, { shortName: 'O', value: spec.subject.O }];
  cert.setSubject(subject);
  const issuerCert = spec.issuer === 'self' ? null : issued.get(spec.issuer)!;
  cert.setIssuer(issuerCert ? issuerCert.subject.attributes : subject);
  const extensions: object[] = [{ name: 'basicConstraints', cA: spec.ca === true, critical: true }];
  if (spec.ca) {
    extensions.push({ name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true });
  } else {
    extensions.push({ name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true });
    extensions.push({ name: 'extKeyUsage', serverAuth: !spec.clientAuth, clientAuth: spec.clientAuth === true });
  }
  const altNames = [
    ...(spec.altNames?.dns ?? []).map((value) => ({ type: 2, value })),
    ...(spec.altNames?.ip ?? []).map((ip) => ({ type: 7, ip })),
  ];
  if (altNames.length > 0) extensions.push({ name: 'subjectAltName', altNames });
  cert.setExtensions(extensions);
  const issuerKey = spec.issuer === 'self' ? keyPairs[spec.key] : keyPairs[CERT_SPECS.find((s) => s.name === spec.issuer)!.key];
  cert.sign(issuerKey.privateKey, forge.md.sha256.create());
  return cert;
}
