/**
 * The lab's certificates: a demo public root and the site's certificate (what browsers trust), an internal CA
 * and one certificate per backend (what the LB trusts when it re-encrypts), a client CA and a client
 * certificate (mTLS), and the broken ones the failure scenarios need. Keys are generated at start-up through
 * forge's asynchronous path, which hands the work to WebCrypto in a browser or to Node's crypto, so no one waits
 * for seconds of pure-JS prime search. Everything is kept as PEM so it can cross a worker boundary.
 */
import forge from './forge';
import type Forge from 'node-forge';
import { EXPIRED_FROM, EXPIRED_TO, KEY_NAMES, SITE_CERTS, VALID_FROM, VALID_TO, certSpecs, type CertSpec } from './pkiSpecs';
import { DEFAULT_SITE_NAMES, siteNamesKey, type SiteNames } from '../net/siteNames';
import { LAB_KEY_PARAMS } from './keyParams';

export { SIM_DATE } from './pkiSpecs';

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

/**
 * The keys and certificates generated so far. Keys are made on demand (each RSA-2048 key costs WebCrypto 70 to
 * 900 ms here), so the first run waits only for the two or three it needs; `certificatePem` / `privateKeyPem`
 * say clearly when a run asks for one that was never made.
 */
export interface LabPki {
  readonly privateKeys: Readonly<Partial<Record<KeyName, string>>>;
  readonly certificates: Readonly<Partial<Record<CertName, LabCertificate>>>;
}

export function certificatePem(pki: LabPki, name: CertName): string {
  const cert = pki.certificates[name];
  if (!cert) throw new Error(`certificate "${name}" has not been generated (ask the generator for its keys first)`);
  return cert.pem;
}

export function privateKeyPem(pki: LabPki, name: KeyName): string {
  const pem = pki.privateKeys[name];
  if (!pem) throw new Error(`private key "${name}" has not been generated (ask the generator for it first)`);
  return pem;
}

interface LabKey {
  /** WebCrypto handle, used to sign certificates in ~1 ms instead of forge's ~35 ms pure-JS RSA. */
  readonly signingKey: CryptoKey;
  readonly privateKeyPem: string;
  readonly publicKey: Forge.pki.rsa.PublicKey;
}


/**
 * WebCrypto (the browser's, a worker's, or Node's) generates the key: the fast path QUALITY.md asks for, the same
 * one forge itself takes when it can. The key is exported as PKCS#8 so forge can run TLS with it.
 */
async function generateKey(): Promise<LabKey> {
  const pair = (await globalThis.crypto.subtle.generateKey(LAB_KEY_PARAMS, true, ['sign', 'verify'])) as CryptoKeyPair;
  return labKeyOf(pair.privateKey);
}

/** A WebCrypto private key (made here, or by the page and handed over) as the lab keeps it. */
async function labKeyOf(privateKey: CryptoKey): Promise<LabKey> {
  const pkcs8 = new Uint8Array(await globalThis.crypto.subtle.exportKey('pkcs8', privateKey));
  const der = forge.util.binary.raw.encode(pkcs8);
  const privateKeyPem = forge.pem.encode({ type: 'PRIVATE KEY', body: der });
  const forgeKey = forge.pki.privateKeyFromPem(privateKeyPem) as Forge.pki.rsa.PrivateKey;
  return { signingKey: privateKey, privateKeyPem, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e) };
}

export interface PkiGenerator {
  /**
   * Takes keys generated elsewhere (the page starts the first two at navigation, while this worker is still
   * loading): extractable RSA-2048 WebCrypto private keys made with LAB_KEY_PARAMS (./keyParams.ts). `pending` keys are awaited
   * instead of generated; a key that never comes (null) is generated here after all.
   */
  adopt(pending: Promise<Partial<Record<KeyName, CryptoKey>>>, names: readonly KeyName[]): void;
  /**
   * Generates the named keys (and every certificate they make possible) unless they exist already. The site's
   * certificates are made for `names` (default shop.example.com and api.example.com): a trainer's scenario gets
   * certificates for its own names, signed by the same demo CA with the same site key.
   */
  ensure(keys: readonly KeyName[], names?: SiteNames): Promise<LabPki>;
}

export function createPkiGenerator(): PkiGenerator {
  const keys = new Map<KeyName, Promise<LabKey>>();
  const made = new Map<KeyName, LabKey>();
  // Keyed by certName(spec, names): the site's certificates once per set of names, the others once.
  const certs = new Map<string, Promise<Forge.pki.Certificate>>();
  const done = new Map<string, LabCertificate>();
  const keyOf = (name: KeyName): Promise<LabKey> => {
    let key = keys.get(name);
    if (!key) {
      key = generateKey().then((k) => (made.set(name, k), k));
      keys.set(name, key);
    }
    return key;
  };
  const snapshot = (specs: readonly CertSpec[], names: SiteNames): LabPki => ({
    privateKeys: Object.fromEntries([...made].map(([n, k]) => [n, k.privateKeyPem])),
    certificates: Object.fromEntries(specs.flatMap((spec) => {
      const cert = done.get(certKey(spec.name, names));
      return cert ? [[spec.name, cert]] : [];
    })),
  });
  return {
    adopt(pending, names) {
      for (const name of names) {
        if (keys.has(name)) continue;
        const key = pending.then((given) => {
          const handed = given[name];
          return handed ? labKeyOf(handed) : generateKey();
        }).catch(() => generateKey()).then((k) => (made.set(name, k), k));
        keys.set(name, key);
      }
    },
    async ensure(wanted, names = DEFAULT_SITE_NAMES) {
      await Promise.all(wanted.map(keyOf));
      const specs = certSpecs(names);
      // The specs list issuers first, so an issuer's certificate is under way before anything it signs.
      for (const [index, spec] of specs.entries()) {
        const key = certKey(spec.name, names);
        const issuerKey = spec.issuer === 'self' ? spec.key : specOf(specs, spec.issuer).key;
        if (certs.has(key) || !made.has(spec.key) || !made.has(issuerKey)) continue;
        const issuerCert = spec.issuer === 'self' ? Promise.resolve(null) : certs.get(certKey(spec.issuer, names)) ?? Promise.resolve(null);
        const cert = issuerCert.then((issuer) => buildCertificate(spec, index + 1, specs, made, issuer));
        certs.set(key, cert);
        void cert.then((c) => done.set(key, { pem: forge.pki.certificateToPem(c), key: spec.key, description: spec.description }));
      }
      await Promise.all(certs.values());
      return snapshot(specs, names);
    },
  };
}

/** Generates every key and certificate of the lab at once (the CLI and the tests), for the given site names. */
export function generateLabPki(names: SiteNames = DEFAULT_SITE_NAMES): Promise<LabPki> {
  return createPkiGenerator().ensure(KEY_NAMES, names);
}

function specOf(specs: readonly CertSpec[], name: CertName): CertSpec {
  return specs.find((s) => s.name === name)!;
}

const certKey = (name: CertName, names: SiteNames): string => (SITE_CERTS.has(name) ? `${name}@${siteNamesKey(names)}` : name);

async function buildCertificate(
  spec: CertSpec,
  serial: number,
  specs: readonly CertSpec[],
  keys: ReadonlyMap<KeyName, LabKey>,
  issuerCert: Forge.pki.Certificate | null,
): Promise<Forge.pki.Certificate> {
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.get(spec.key)!.publicKey;
  cert.serialNumber = serial.toString(16).padStart(2, '0');
  const expired = spec.validity === 'expired';
  cert.validity.notBefore = expired ? EXPIRED_FROM : VALID_FROM;
  cert.validity.notAfter = expired ? EXPIRED_TO : VALID_TO;
  const subject = [{ shortName: 'CN', value: spec.subject.CN }, { shortName: 'O', value: spec.subject.O }];
  cert.setSubject(subject);
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
  const issuerKey = keys.get(spec.issuer === 'self' ? spec.key : specOf(specs, spec.issuer).key)!;
  await signCertificate(cert, issuerKey.signingKey);
  return cert;
}

/**
 * What forge's `cert.sign` does (RFC 5280 §4.1.1.3: sign the DER of TBSCertificate with sha256WithRSAEncryption),
 * with the RSA operation done by WebCrypto. PKCS#1 v1.5 signatures are deterministic, so the bytes are the same.
 */
async function signCertificate(cert: Forge.pki.Certificate, signingKey: CryptoKey): Promise<void> {
  const writable = cert as unknown as { signatureOid: string; siginfo: { algorithmOid: string }; md: unknown; signature: string };
  const oid = forge.pki.oids.sha256WithRSAEncryption!;
  writable.signatureOid = oid;
  writable.siginfo.algorithmOid = oid;
  writable.md = forge.md.sha256.create();
  const getTbs = (forge.pki as unknown as { getTBSCertificate(c: Forge.pki.Certificate): Forge.asn1.Asn1 }).getTBSCertificate;
  const tbs = forge.asn1.toDer(getTbs(cert)).getBytes();
  const signature = await globalThis.crypto.subtle.sign('RSASSA-PKCS1-v1_5', signingKey, forge.util.binary.raw.decode(tbs) as Uint8Array<ArrayBuffer>);
  writable.signature = forge.util.binary.raw.encode(new Uint8Array(signature));
}
