/**
 * What a tap on a link can read, as facts: the state layer derives them from the packets that crossed the link
 * (src/state/derive/linkReadability.ts), src/sim/content/stageWords.ts words them for the topology.
 */

/** cleartext: HTTP readable; encrypted: TLS records; handshake: only a handshake so far; idle: nothing crossed. */
export type LinkKind = 'cleartext' | 'encrypted' | 'handshake' | 'idle';
/** What a keyless tap reads besides the TCP/IP headers. outer-sni: with ECH, only the public name. */
export type LinkReadable = 'sni' | 'outer-sni' | 'certificate' | 'client-ip';

export interface LinkSummary {
  readonly kind: LinkKind;
  readonly readable: readonly LinkReadable[];
  /** For an idle link: no run yet, nothing sent so far (the playhead is before the first packet), or none in the whole run. */
  readonly quiet?: 'waiting' | 'not-yet' | 'none';
}
