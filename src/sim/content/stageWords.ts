/**
 * The words of the topology ("the stage"), which is drawn at first paint: what a tap on each link reads, which
 * keys each node holds, and where the current connection goes. Small on purpose: src/sim/index.ts exports it as
 * a value, next to the capability verdicts.
 */
import type { LinkKind, LinkReadable, LinkSummary } from '../core/linkFacts';
import { OBSERVER_LABELS, type BackendId, type NodeId } from '../net/topology';
import type { HeldKey, KeyPlacement } from '../tls/keyPlacement';

/** The few words next to a link's lock. */
export const LINK_KIND_LABELS: Readonly<Record<LinkKind, string>> = {
  cleartext: 'cleartext HTTP',
  encrypted: 'encrypted TLS',
  handshake: 'TLS handshake only',
  idle: 'no traffic',
};

const READABLE_WORDS: Readonly<Record<LinkReadable, string>> = {
  sni: 'SNI',
  'outer-sni': 'outer (public) SNI',
  certificate: 'certificate',
  'client-ip': 'client IP',
};

/** A link's summary as a sentence: what anyone tapping it reads, so far. */
export function linkText(link: LinkSummary): string {
  const readable = link.readable.filter((r) => r !== 'client-ip' || link.kind !== 'cleartext').map((r) => READABLE_WORDS[r]).join(', ');
  switch (link.kind) {
    case 'idle':
      return link.quiet === 'waiting' ? 'waiting for the run' : link.quiet === 'none' ? 'no traffic in this run' : 'nothing sent yet';
    case 'cleartext':
      return `HTTP, cleartext: requests, cookies and bodies readable${link.readable.includes('client-ip') ? ', client IP too' : ''}`;
    case 'encrypted':
      return `TLS, encrypted: only ${readable || 'the TCP/IP headers'} readable`;
    case 'handshake':
      return `TLS handshake only: ${readable || 'TCP/IP headers'} readable`;
  }
}

const keyName = (h: HeldKey): string => (h.key === 'site' ? 'site key' : `${h.key} key`);

/** Under a node's box: its private keys (configuration) and, once it has them, its session keys. */
export function keyNoteText(held: readonly HeldKey[], sessionKeys: boolean): string | undefined {
  const words = [...held.map(keyName), ...(sessionKeys ? ['session keys'] : [])];
  return words.length > 0 ? words.join(', ') : undefined;
}

/** "Load balancer holds the site key", for every node that holds a private key. */
export function privateKeyHoldersText(placement: KeyPlacement): string {
  const holders = (Object.keys(placement) as NodeId[]).filter((node) => (placement[node] ?? []).length > 0);
  return holders.length === 0 ? 'none' : holders.map((node) => `${OBSERVER_LABELS[node]} holds the ${placement[node]!.map(keyName).join(', ')}`).join('; ');
}

/** The nodes that hold the keys of a TLS session so far (what they encrypt and decrypt this connection with). */
export function sessionKeyHoldersText(holders: readonly NodeId[]): string {
  return holders.length === 0 ? 'none yet (no TLS handshake has got that far)' : holders.map((node) => OBSERVER_LABELS[node]).join(', ');
}

/** Which backend the current connection goes to, for the caption (the drawing marks that branch). */
export function activeBackendText(backend: BackendId | null): string {
  return backend ? `This connection goes to ${OBSERVER_LABELS[backend]}; the other backends are not involved.` : 'No backend chosen yet for this connection.';
}
