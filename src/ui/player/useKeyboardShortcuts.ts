import { useEffect, type RefObject } from 'react';
import { stepNext, stepPrevious } from '../../state/stepping';
import { useSimStore } from '../SimContext';

/** Controls that use these keys themselves (typing, choosing, sliding, radio groups). */
function ownsKeys(target: Element): boolean {
  if (target.closest('input, textarea, select, [contenteditable="true"], [role="slider"], [role="radiogroup"]')) return true;
  return false;
}

/**
 * Space plays and pauses; the left and right arrow keys step, event by event or moment by moment as the step list shows the run (up and down too, in the step list); Home and End jump to the start and the end. Active when the focus
 * is inside this simulator (or nowhere), and never where a control needs the key (a text field, a select, the
 * scrubber, a radio group; Space and Enter on buttons and links keep their meaning).
 */
export function useKeyboardShortcuts(root: RefObject<HTMLElement | null>): void {
  const store = useSimStore();
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target instanceof Element ? event.target : null;
      const inside = target === null || target === document.body || (root.current?.contains(target) ?? false);
      if (!inside || (target && ownsKeys(target))) return;
      const onActivator = target !== null && target.closest('button, a, summary') !== null;
      // Up and Down step only inside the step list (elsewhere they scroll the page, as users expect).
      const inList = target !== null && target.closest('[data-step-list]') !== null;
      const s = store.getState();
      const action: (() => void) | null =
        event.key === ' ' && !onActivator ? s.togglePlay
        : event.key === 'ArrowRight' || (inList && event.key === 'ArrowDown') ? () => stepNext(store)
        : event.key === 'ArrowLeft' || (inList && event.key === 'ArrowUp') ? () => stepPrevious(store)
        : event.key === 'Home' ? s.toStart
        : event.key === 'End' ? s.toEnd
        : null;
      if (!action) return;
      event.preventDefault();
      action();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [root, store]);
}
