/**
 * Parsing a PEM private key or certificate costs milliseconds in forge; a scenario opens many TLS sessions with
 * the same few keys, so parsed objects are kept per PEM text.
 */
import forge from './forge';
import type Forge from 'node-forge';

const keys = new Map<string, Forge.pki.rsa.PrivateKey>();
const certs = new Map<string, Forge.pki.Certificate>();

export function privateKeyFromPem(pem: string): Forge.pki.rsa.PrivateKey {
  let key = keys.get(pem);
  if (!key) {
    key = forge.pki.privateKeyFromPem(pem) as Forge.pki.rsa.PrivateKey;
    keys.set(pem, key);
  }
  return key;
}

export function certificateFromPem(pem: string): Forge.pki.Certificate {
  let cert = certs.get(pem);
  if (!cert) {
    cert = forge.pki.certificateFromPem(pem);
    certs.set(pem, cert);
  }
  return cert;
}

/** "CN=shop.example.com, O=Passthrough Lab" */
export function describeName(attributes: Forge.pki.CertificateField[]): string {
  return attributes.map((a) => `${a.shortName ?? a.name}=${String(a.value)}`).join(', ');
}

export function commonName(cert: Forge.pki.Certificate): string {
  const cn = cert.subject.getField('CN') as Forge.pki.CertificateField | null;
  return cn ? String(cn.value) : '';
}

/** DNS names a certificate is valid for: its subjectAltName entries, else its CN (RFC 6125 §6.4.4). */
export function certificateHostnames(cert: Forge.pki.Certificate): string[] {
  const san = cert.getExtension('subjectAltName') as { altNames?: { type: number; value: string }[] } | null;
  const dns = (san?.altNames ?? []).filter((n) => n.type === 2).map((n) => n.value.toLowerCase());
  return dns.length > 0 ? dns : [commonName(cert).toLowerCase()];
}
