import { OBSERVER_LABELS, type ObserverView } from '../sim/index';

const ICON: Record<ObserverView['readability'], string> = {
  plaintext: '🔓',
  'handshake-only': '🤝',
  encrypted: '🔒',
  'no-payload': '·',
};

const WORDS: Record<ObserverView['readability'], string> = {
  plaintext: 'reads it',
  'handshake-only': 'reads handshake only',
  encrypted: 'sees ciphertext',
  'no-payload': 'no payload',
};

/** Icon plus words, never colour alone (WCAG 1.4.1). */
export function ReadabilityBadge({ view }: { view: ObserverView }) {
  return (
    <span className={`badge badge-${view.readability}`} title={view.reason}>
      <span aria-hidden="true">{ICON[view.readability]}</span> {OBSERVER_LABELS[view.observer]}: {WORDS[view.readability]}
    </span>
  );
}
