/**
 * Which TLS versions the exported load balancer accepts, decided once from the run's protocol so the six products
 * say the same thing. The configurations follow the run where a real deployment may: TLS 1.3 runs export
 * "TLS 1.3 only" (Mozilla's "modern" profile), TLS 1.2 runs export "TLS 1.2 and 1.3" ("intermediate": the run's 1.2
 * client is accepted, a 1.3 client gets 1.3).
 *
 * The lab's TLS 1.1 (node-forge, TLS_RSA_WITH_AES_128_CBC_SHA) is a museum piece: OpenSSL 3 refuses TLS 1.0 and 1.1
 * at its default security level 1 (they sign the handshake with MD5+SHA-1, which level 1 no longer allows), and
 * RFC 8996 deprecated both in 2021. So a TLS 1.1 run still exports a TLS 1.2 floor, and the text says what an
 * operator would have to lower to let that client in, and that they should not.
 */
import type { TlsProtocol } from '../../scenarios/types';

export type TlsVersion = '1.2' | '1.3';

export interface TlsVersionPolicy {
  readonly protocol: TlsProtocol;
  /** Lowest and highest version the load balancer accepts from clients (and offers to backends when bridging). */
  readonly min: TlsVersion;
  readonly max: TlsVersion;
  /** The accepted versions, lowest first. */
  readonly versions: readonly TlsVersion[];
  /** Why these versions, for the comment beside the setting. */
  readonly why: string;
  /** The run's own version (TLS 1.1) is one this configuration refuses. */
  readonly museum: boolean;
}

export function tlsVersionPolicy(protocol: TlsProtocol): TlsVersionPolicy {
  switch (protocol) {
    case 'tls1.3':
      return { protocol, min: '1.3', max: '1.3', versions: ['1.3'], why: 'TLS 1.3 only, like this run: the certificate travels encrypted', museum: false };
    case 'tls1.2':
      return { protocol, min: '1.2', max: '1.3', versions: ['1.2', '1.3'], why: 'TLS 1.2 (this run) and 1.3; nothing older', museum: false };
    case 'tls1.1':
      return { protocol, min: '1.2', max: '1.3', versions: ['1.2', '1.3'], why: 'TLS 1.2 and 1.3; this run\'s TLS 1.1 is refused (see above)', museum: true };
  }
}

/**
 * The comment lines above a product's version setting when the run spoke TLS 1.1: why it is refused, and what
 * `howToAllow` (the product's own words) would take; none otherwise.
 */
export function museumComment(policy: TlsVersionPolicy, howToAllow: string): string[] {
  if (!policy.museum) return [];
  return [
    'The lab ran node-forge\'s TLS 1.1, which this configuration refuses on purpose. RFC 8996 deprecated TLS 1.0',
    'and 1.1, and OpenSSL 3 rejects both at its default security level (their handshake signs with MD5+SHA-1).',
    `Letting such a client in would take ${howToAllow}. Do not.`,
  ];
}

/** Said once per product when the run spoke TLS 1.1. */
const museumNote = 'The simulator ran node-forge\'s TLS 1.1 with TLS_RSA_WITH_AES_128_CBC_SHA, which a real OpenSSL 3 refuses at its default security level (and RFC 8996 deprecated): these configurations keep a TLS 1.2 floor. Do not lower it to match the lab; choose TLS 1.2 or 1.3 in the simulator instead.';

/** A note every product's export carries: what the run spoke and what the configuration accepts. */
export function tlsVersionNote(policy: TlsVersionPolicy, layer7: boolean): string {
  const accepted = policy.versions.map((v) => `TLS ${v}`).join(' and ');
  if (!layer7) {
    return `Passthrough: the load balancer never takes part in the handshake, so it has no TLS version setting; the backends choose (e.g. nginx \`ssl_protocols ${policy.versions.map((v) => `TLSv${v}`).join(' ')};\` on each backend).${policy.museum ? ` ${museumNote}` : ''}`;
  }
  if (policy.museum) return `This configuration accepts ${accepted}. ${museumNote}`;
  return `This configuration accepts ${accepted}, which covers the ${policy.protocol === 'tls1.3' ? 'TLS 1.3' : 'TLS 1.2'} this run spoke${policy.protocol === 'tls1.3' ? '; a client that cannot do TLS 1.3 gets a protocol_version alert. Offer TLS 1.2 as well (the "intermediate" profile) if old clients matter' : ''}.`;
}
