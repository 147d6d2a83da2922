/**
 * Test-only: the lab's certificates and keys as PEM files in a directory, for real servers (HAProxy, nginx,
 * node:tls) to load. They come from the lab PKI (generateLabPki). Real software checks validity against the wall
 * clock, and the lab's certificates are valid only from 2026-01-01 to 2027-01-01; outside that window, with
 * `realClock`, the same certificates (subjects, names, issuers and extensions from CERT_SPECS) are made again
 * by OpenSSL with dates around today, so the fidelity test keeps meaning the same thing.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateLabPki } from '../../../src/sim/engine';
import type { CertName, KeyName, LabPki } from '../../../src/sim/engine';
import { certificatePem, privateKeyPem } from '../../../src/sim/tls/pki';
import { CERT_SPECS, VALID_FROM, VALID_TO } from '../../../src/sim/tls/pkiSpecs';

export interface PkiFiles {
  /** Absolute path of `<cert>.crt`. */
  cert(name: CertName): string;
  /** Absolute path of `<key>.key`. */
  key(name: KeyName): string;
  /** Absolute path of `<cert>.pem`: certificate then key, as HAProxy's `crt` wants. */
  bundle(name: CertName): string;
  /** The PEM text of a certificate (for node:tls `ca`, `cert`). */
  certPem(name: CertName): string;
  keyPem(name: KeyName): string;
  readonly source: 'lab' | 'openssl';
}

export function clockInLabWindow(now = Date.now()): boolean {
  return now >= VALID_FROM.getTime() && now < VALID_TO.getTime();
}

/** `forceReplica` exercises the OpenSSL path while the clock is still inside the lab's window. */
export async function writePkiFiles(dir: string, options: { realClock: boolean; forceReplica?: boolean; pki?: LabPki }): Promise<PkiFiles> {
  const replica = options.forceReplica === true || (options.realClock && !clockInLabWindow());
  const pems = replica ? opensslReplica(dir) : labPems(options.pki ?? (await generateLabPki()));
  const file = (name: string, text: string): string => {
    const p = path.join(dir, name);
    writeFileSync(p, text, { mode: 0o600 });
    return p;
  };
  for (const spec of CERT_SPECS) {
    file(`${spec.name}.crt`, pems.certs[spec.name]);
    file(`${spec.name}.pem`, `${pems.certs[spec.name]}${pems.keys[spec.key]}`);
  }
  for (const [name, pem] of Object.entries(pems.keys)) file(`${name}.key`, pem);
  return {
    cert: (name) => path.join(dir, `${name}.crt`),
    key: (name) => path.join(dir, `${name}.key`),
    bundle: (name) => path.join(dir, `${name}.pem`),
    certPem: (name) => pems.certs[name],
    keyPem: (name) => pems.keys[name],
    source: pems.source,
  };
}

interface Pems { certs: Record<CertName, string>; keys: Record<KeyName, string>; source: 'lab' | 'openssl' }

function labPems(pki: LabPki): Pems {
  const certs = Object.fromEntries(CERT_SPECS.map((s) => [s.name, ensureNewline(certificatePem(pki, s.name))])) as Record<CertName, string>;
  const keys = Object.fromEntries(CERT_SPECS.map((s) => [s.key, ensureNewline(privateKeyPem(pki, s.key))])) as Record<KeyName, string>;
  return { certs, keys, source: 'lab' };
}

/**
 * CERT_SPECS made by OpenSSL, valid from now for 30 days (issuers come first in CERT_SPECS). The one deliberately
 * expired certificate is not reproduced as expired: no test that runs real servers uses it.
 */
function opensslReplica(dir: string): Pems {
  const run = (...args: string[]): void => void execFileSync('openssl', args, { stdio: 'pipe', timeout: 10_000 });
  const keyFile = (k: KeyName): string => path.join(dir, `replica-${k}.key`);
  const certFile = (c: CertName): string => path.join(dir, `replica-${c}.crt`);
  const keys = new Set<KeyName>();
  for (const spec of CERT_SPECS) {
    if (!keys.has(spec.key)) {
      run('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', keyFile(spec.key));
      keys.add(spec.key);
    }
    const ext = path.join(dir, `replica-${spec.name}.ext`);
    const alt = [...(spec.altNames?.dns ?? []).map((d) => `DNS:${d}`), ...(spec.altNames?.ip ?? []).map((i) => `IP:${i}`)];
    writeFileSync(ext, [
      '[req]', 'distinguished_name = dn', '[dn]', '[v3]',
      spec.ca ? 'basicConstraints = critical, CA:TRUE' : 'basicConstraints = critical, CA:FALSE',
      spec.ca ? 'keyUsage = critical, keyCertSign, cRLSign' : 'keyUsage = critical, digitalSignature, keyEncipherment',
      ...(spec.ca ? [] : [`extendedKeyUsage = ${spec.clientAuth ? 'clientAuth' : 'serverAuth'}`]),
      ...(alt.length > 0 ? [`subjectAltName = ${alt.join(', ')}`] : []),
      '',
    ].join('\n'));
    const subject = `/O=${spec.subject.O}/CN=${spec.subject.CN}`;
    if (spec.issuer === 'self') {
      run('req', '-x509', '-new', '-key', keyFile(spec.key), '-subj', subject, '-config', ext, '-extensions', 'v3', '-days', '30', '-out', certFile(spec.name));
    } else {
      const issuer = CERT_SPECS.find((s) => s.name === spec.issuer);
      if (!issuer) throw new Error(`no issuer spec for ${spec.name}`);
      const csr = path.join(dir, `replica-${spec.name}.csr`);
      run('req', '-new', '-key', keyFile(spec.key), '-subj', subject, '-config', ext, '-out', csr);
      run('x509', '-req', '-in', csr, '-CA', certFile(issuer.name), '-CAkey', keyFile(issuer.key), '-set_serial', String(1000 + CERT_SPECS.indexOf(spec)),
        '-extfile', ext, '-extensions', 'v3', '-days', '30', '-out', certFile(spec.name));
    }
  }
  const read = (p: string): string => readFileSync(p, 'utf8');
  const certs = Object.fromEntries(CERT_SPECS.map((s) => [s.name, read(certFile(s.name))])) as Record<CertName, string>;
  const keyPems = Object.fromEntries([...keys].map((k) => [k, read(keyFile(k))])) as Record<KeyName, string>;
  return { certs, keys: keyPems, source: 'openssl' };
}

const ensureNewline = (pem: string): string => (pem.endsWith('\n') ? pem : `${pem}\n`);
