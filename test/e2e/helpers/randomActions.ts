/**
 * An impatient learner, seeded: clicks buttons, toggles radios and checkboxes, picks scenarios, options and
 * speeds, drags the scrubber, types into the request editor and presses the playback keys, at most `maxGapMs`
 * apart. It runs inside the page (one evaluate for the whole burst), so 2000 actions take seconds, not minutes,
 * and the gaps between actions are really that short.
 *
 * Downloads, copy-to-clipboard buttons and links are left alone: they leave the page or need permissions, and
 * they send nothing to the engine.
 */
import type { Page } from 'playwright-core';

export interface RandomActionsOptions {
  readonly seed: number;
  readonly actions: number;
  readonly maxGapMs: number;
}

export interface RandomActionsReport {
  /** How many actions of each kind were taken. */
  readonly kinds: Record<string, number>;
  readonly ms: number;
}

export function runRandomActions(page: Page, options: RandomActionsOptions): Promise<RandomActionsReport> {
  return page.evaluate(async ({ seed, actions, maxGapMs }) => {
    // mulberry32: a tiny seeded generator, so a failing seed replays the same burst.
    let state = seed >>> 0;
    const random = (): number => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const visible = (el: Element): boolean => (el as HTMLElement).offsetParent !== null || el.closest('details[open]') !== null && (el as HTMLElement).getClientRects().length > 0;
    const LEAVE_ALONE = /copy|download|save/i;
    const nameOf = (el: Element): string => el.getAttribute('aria-label') ?? el.textContent ?? '';
    const setValue = (el: HTMLInputElement | HTMLTextAreaElement, value: string, event: string): void => {
      // React tracks the value property: go through the prototype's setter so the change is seen.
      const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
      Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
      el.dispatchEvent(new Event(event, { bubbles: true }));
    };
    const TEXTS = ['GET', 'POST', 'X-Note: hi', "user=alice' OR 1=1--", 'bad header line', '/cart', '<b>x</b>', ''];
    const KEYS = [' ', 'ArrowLeft', 'ArrowRight', 'Home', 'End'];
    const kinds: Record<string, number> = {};
    const count = (kind: string): void => { kinds[kind] = (kinds[kind] ?? 0) + 1; };
    const started = performance.now();
    const findControls = (): Element[] => Array.from(document.querySelectorAll('button, summary, input, select, textarea'))
      .filter((el) => !(el as HTMLButtonElement).disabled && visible(el) && !LEAVE_ALONE.test(nameOf(el)) && !el.closest('a'));
    let controls: Element[] = [];

    for (let i = 0; i < actions; i++) {
      // Looking the controls up forces a layout; every few actions is enough (a control that went away since
      // is detached, and clicking it does nothing, as for a user whose click lands a moment too late).
      if (i % 8 === 0) controls = findControls();
      const roll = random();
      if (roll < 0.15) {
        document.body.focus();
        document.dispatchEvent(new KeyboardEvent('keydown', { key: pick(KEYS), bubbles: true, cancelable: true }));
        count('key');
      } else {
        const el = controls.length > 0 ? pick(controls) : null;
        if (el instanceof HTMLSelectElement) {
          const choices = Array.from(el.options).filter((o) => !o.disabled);
          if (choices.length > 0) {
            el.value = pick(choices).value;
            el.dispatchEvent(new Event('change', { bubbles: true }));
          }
          count('select');
        } else if (el instanceof HTMLInputElement && el.type === 'range') {
          const min = Number(el.min || 0);
          const max = Number(el.max || 100);
          setValue(el, String(Math.round(min + random() * (max - min))), 'input');
          count('range');
        } else if (el instanceof HTMLInputElement && (el.type === 'text' || el.type === 'number' || el.type === '') || el instanceof HTMLTextAreaElement) {
          setValue(el, pick(TEXTS), 'input');
          count('text');
        } else if (el) {
          (el as HTMLElement).click();
          count(el instanceof HTMLInputElement ? el.type : el.tagName.toLowerCase());
        }
      }
      // Half the actions follow at once (a double click, a key held down), the rest within maxGapMs.
      const gap = random() < 0.5 ? 0 : Math.floor(random() * (maxGapMs + 1));
      await new Promise((resolve) => setTimeout(resolve, gap));
    }
    return { kinds, ms: Math.round(performance.now() - started) };
  }, options);
}
