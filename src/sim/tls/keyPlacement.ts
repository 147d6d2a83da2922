/**
 * Where certificates and private keys live in each mode. This is the configuration the actors are built from
 * (a backend without a key cannot terminate TLS; an LB without one cannot decrypt) and the keyrings the
 * visibility pass decodes with, so "who holds what" and "who can read what" come from the same source.
 */
import type { BackendId, NodeId } from '../net/topology';
import { BACKENDS } from '../net/topology';
import type { Faults, Mode } from '../scenarios/types';
import type { CertName, KeyName } from './pki';
import { MODE_FACTS } from '../scenarios/modes';
import type { KeyRole } from '../core/reasons';

export interface HeldKey {
  readonly key: KeyName;
  readonly certificate: CertName;
  /** site: terminates the client's TLS for the site; internal-tls: terminates the LB's re-encrypted TLS (content's keyRoleText words it). */
  readonly role: KeyRole;
}

export type KeyPlacement = Readonly<Record<NodeId, readonly HeldKey[]>>;

/** The certificate whoever terminates the client's TLS presents (a fault may swap in a broken one). */
export function frontCertificate(faults: Faults): CertName {
  return faults.serverCertificate ?? 'site';
}

export function backendCertificate(backend: BackendId, faults: Faults): { key: KeyName; certificate: CertName } {
  if (faults.impostorBackend && backend === 'backend-2') return { key: 'rogueCa', certificate: 'impostorBackend' };
  return { key: backend, certificate: backend };
}

export function placeKeys(mode: Mode, faults: Faults): KeyPlacement {
  const front: HeldKey = { key: 'site', certificate: frontCertificate(faults), role: 'site' };
  const none: readonly HeldKey[] = [];
  const perBackend = (held: (b: BackendId) => readonly HeldKey[]): Record<BackendId, readonly HeldKey[]> =>
    Object.fromEntries(BACKENDS.map((b) => [b.id, held(b.id)])) as Record<BackendId, readonly HeldKey[]>;
  const facts = MODE_FACTS[mode];
  // In passthrough every backend must hold a copy of the site's key: each one may receive any client's handshake.
  const onBackend = (b: BackendId): readonly HeldKey[] => [
    ...(facts.siteKeyOn === 'backends' ? [front] : []),
    ...(facts.backendOwnCertificates ? [{ ...backendCertificate(b, faults), role: 'internal-tls' as const }] : []),
  ];
  return { client: none, lb: facts.siteKeyOn === 'lb' ? [front] : none, ...perBackend(onBackend) };
}
