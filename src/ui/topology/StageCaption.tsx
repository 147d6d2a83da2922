import {
  activeBackendText, linkText, OBSERVER_LABELS, privateKeyHoldersText, sessionKeyHoldersText, verdictText,
  type BackendId, type Capability, type KeyPlacement, type LinkId, type LinkSummary, type Mode, type NodeId, type SimEvent,
} from '../../sim/index';
import type { Content } from '../../state/content';

export interface StageCaptionProps {
  readonly links: Readonly<Record<LinkId, LinkSummary>>;
  readonly waf: Capability | undefined;
  readonly keys: KeyPlacement | undefined;
  /** Undefined before the first run: then nothing is said about sessions or backends. */
  readonly sessionHolders: readonly NodeId[] | undefined;
  readonly activeBackend: BackendId | null | undefined;
  readonly eavesdroppers: boolean;
  readonly events: readonly SimEvent[];
  readonly mode: Mode;
  readonly content: Content | null;
}

/** The topology in words, as of the current step: what the drawing shows, for screen readers and for reading. */
export function StageCaption({ links, waf, keys, sessionHolders, activeBackend, eavesdroppers, events, mode, content }: StageCaptionProps) {
  return (
    <figcaption>
      <span id="topology-caption-title" className="sr-only">Network topology</span>
      <ul className="link-captions">
        <li><strong>Internet link:</strong> {linkText(links.internet)}</li>
        <li><strong>Internal network:</strong> {linkText(links.internal)}</li>
        {activeBackend !== undefined && <li><strong>Backend:</strong> {activeBackendText(activeBackend)}</li>}
        {waf && <li><strong>WAF at the load balancer:</strong> {verdictText(waf.verdict)}.{content ? ` ${content.capabilityReason(waf.evidence, events, mode)}` : ''}</li>}
        {keys && <li><strong>Private keys:</strong> {privateKeyHoldersText(keys)}</li>}
        {sessionHolders && <li><strong>Session keys so far:</strong> {sessionKeyHoldersText(sessionHolders)}</li>}
        {!eavesdroppers && <li>Eavesdroppers are switched off in the options ({OBSERVER_LABELS['eve-internet']}, {OBSERVER_LABELS['eve-internal']}).</li>}
      </ul>
    </figcaption>
  );
}
