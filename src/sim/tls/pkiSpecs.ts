/**
 * What the lab's certificates are: names, subjects, issuers, validity. Data only; pki.ts makes them real.
 */
import type { KeyName, CertName } from './pki';
import { DEFAULT_SITE_NAMES, type SiteNames } from '../net/siteNames';

/** The engine's "today": certificates are checked against this date, never the wall clock, so runs replay. */
export const SIM_DATE = new Date(Date.UTC(2026, 5, 1, 12, 0, 0));
export const VALID_FROM = new Date(Date.UTC(2026, 0, 1));
export const VALID_TO = new Date(Date.UTC(2027, 0, 1));
export const EXPIRED_FROM = new Date(Date.UTC(2024, 0, 1));
export const EXPIRED_TO = new Date(Date.UTC(2025, 0, 1));

export const KEY_NAMES: readonly KeyName[] = [
  'publicRootCa', 'site', 'internalCa', 'backend-1', 'backend-2', 'backend-3', 'rogueCa', 'clientCa', 'client',
];

export interface CertSpec {
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

/** The certificates that carry the site's public names: made again for a trainer's own names. */
export const SITE_CERTS: ReadonlySet<CertName> = new Set<CertName>(['site', 'siteExpired', 'siteUntrusted']);

/** Issuers come before the certificates they sign. */
export function certSpecs(names: SiteNames): readonly CertSpec[] {
  const { site, api } = names;
  return [
    { name: 'publicRootCa', key: 'publicRootCa', issuer: 'self', subject: { CN: 'Passthrough Lab Demo Root CA', O: O_PUBLIC }, ca: true, description: 'Demo public root CA: the client trusts it, like a browser trusts a public CA' },
    { name: 'site', key: 'site', issuer: 'publicRootCa', subject: { CN: site, O: O_SHOP }, altNames: { dns: [site, api] }, description: `The site's certificate for ${site} (and ${api})` },
    { name: 'siteWrongHost', key: 'site', issuer: 'publicRootCa', subject: { CN: 'www.other-shop.example', O: O_SHOP }, altNames: { dns: ['www.other-shop.example'] }, description: 'A valid certificate, but for another hostname' },
    { name: 'siteExpired', key: 'site', issuer: 'publicRootCa', subject: { CN: site, O: O_SHOP }, altNames: { dns: [site] }, validity: 'expired', description: 'The site certificate, expired on 2025-01-01' },
    { name: 'rogueCa', key: 'rogueCa', issuer: 'self', subject: { CN: 'Unknown Rogue CA', O: 'Not Trusted By Anyone' }, ca: true, description: 'A CA nobody in the lab trusts' },
    { name: 'siteUntrusted', key: 'site', issuer: 'rogueCa', subject: { CN: site, O: O_SHOP }, altNames: { dns: [site] }, description: `${site}, but issued by an untrusted CA` },
    { name: 'internalCa', key: 'internalCa', issuer: 'self', subject: { CN: 'Example Shop Internal CA', O: O_INTERNAL }, ca: true, description: 'Internal CA: the LB trusts it for backend certificates when bridging' },
    { name: 'backend-1', key: 'backend-1', issuer: 'internalCa', subject: { CN: 'backend-1.internal', O: O_INTERNAL }, altNames: { dns: ['backend-1.internal'], ip: ['10.0.1.11'] }, description: "backend-1's internal certificate" },
    { name: 'backend-2', key: 'backend-2', issuer: 'internalCa', subject: { CN: 'backend-2.internal', O: O_INTERNAL }, altNames: { dns: ['backend-2.internal'], ip: ['10.0.1.12'] }, description: "backend-2's internal certificate" },
    { name: 'backend-3', key: 'backend-3', issuer: 'internalCa', subject: { CN: 'backend-3.internal', O: O_INTERNAL }, altNames: { dns: ['backend-3.internal'], ip: ['10.0.1.13'] }, description: "backend-3's internal certificate" },
    { name: 'impostorBackend', key: 'rogueCa', issuer: 'rogueCa', subject: { CN: 'backend-2.internal', O: 'Impostor' }, altNames: { dns: ['backend-2.internal'] }, description: 'An impostor claiming to be backend-2, signed by the rogue CA' },
    { name: 'clientCa', key: 'clientCa', issuer: 'self', subject: { CN: 'Example Shop Client CA', O: O_SHOP }, ca: true, description: 'CA that issues client certificates for mTLS' },
    { name: 'clientAlice', key: 'client', issuer: 'clientCa', subject: { CN: 'alice', O: O_SHOP }, clientAuth: true, description: "Alice's client certificate" },
  ];
}

/** The lab's own certificates (shop.example.com and api.example.com). */
export const CERT_SPECS: readonly CertSpec[] = certSpecs(DEFAULT_SITE_NAMES);
