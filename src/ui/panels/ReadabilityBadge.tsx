import { OBSERVER_LABELS, type ObserverView } from '../../sim/index';
import { Icon, type IconName } from '../Icon';

const ICON: Record<ObserverView['readability'], IconName> = {
  plaintext: 'unlock',
  'handshake-only': 'unlock',
  encrypted: 'lock',
  'no-payload': 'none',
};

export const READABILITY_WORDS: Record<ObserverView['readability'], string> = {
  plaintext: 'reads it',
  'handshake-only': 'reads the handshake only',
  encrypted: 'sees ciphertext',
  'no-payload': 'no payload',
};

/** Icon plus words, never colour alone (WCAG 1.4.1). */
export function ReadabilityBadge({ view, withName = true }: { view: ObserverView; withName?: boolean }) {
  return (
    <span className={`badge badge-${view.readability}`}>
      <Icon name={ICON[view.readability]} size={13} /> {withName ? `${OBSERVER_LABELS[view.observer]}: ` : ''}{READABILITY_WORDS[view.readability]}
    </span>
  );
}
