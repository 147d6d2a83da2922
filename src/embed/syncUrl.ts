/**
 * Keeps the address bar equal to the simulator's state: `history.replaceState` (never a history entry per step),
 * throttled, so a reload or a copied link opens exactly where the learner is. While a trainer's scenario or lesson
 * is on screen the fragment carries its file (`#scenario=`, `#lesson=`), so a reload keeps it too.
 */
import type { SimState, SimStore } from '../state/store';
import { fragmentOf, isFileFragment } from './urlFragment';
import { serializeUrlState, type UrlState } from './urlState';

/** The URL state for the store's state; what the store does not hold (embed settings, theme) comes from `fixed`. */
export function urlStateOf(state: SimState, fixed: UrlState): UrlState {
  return {
    ...fixed,
    mode: state.mode,
    scenarioId: state.scenarioId,
    step: state.cursor,
    options: state.options,
    requests: state.requests,
    packet: state.inspected,
    viewAs: state.viewAs,
    speed: state.speed,
    lesson: state.lesson?.id ?? null,
    beat: state.lesson?.beat ?? 0,
    detail: state.detail,
  };
}

export interface UrlSync {
  /** Writes the URL now (e.g. before copying a link). */
  flush(): void;
  dispose(): void;
}

export function startUrlSync(store: SimStore, fixed: UrlState, win: Window = window, delayMs = 250): UrlSync {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = (): void => {
    timer = null;
    const state = store.getState();
    const query = serializeUrlState(urlStateOf(state, fixed));
    // A fragment that is not ours (a glossary anchor the learner followed) stays; a file that left the screen goes.
    const current = win.location.hash;
    const hash = fragmentOf(state) || (isFileFragment(current) ? '' : current);
    const sameQuery = query === win.location.search || (query === '' && win.location.search === '?');
    if (sameQuery && hash === current) return;
    try {
      win.history.replaceState(win.history.state, '', `${win.location.pathname}${query}${hash}`);
    } catch {
      // Some hosts (sandboxed frames, odd file:// setups) refuse replaceState: the link buttons still work.
    }
  };
  const unsubscribe = store.subscribe((s, p) => {
    if (s.mode === p.mode && s.scenarioId === p.scenarioId && s.cursor === p.cursor && s.options === p.options && s.requests === p.requests
      && s.inspected === p.inspected && s.viewAs === p.viewAs && s.speed === p.speed && s.lesson === p.lesson && s.detail === p.detail
      && s.library === p.library) return;
    timer ??= setTimeout(write, delayMs);
  });
  const onHide = (): void => flush();
  const flush = (): void => {
    if (timer !== null) clearTimeout(timer);
    write();
  };
  win.addEventListener('pagehide', onHide);
  return {
    flush,
    dispose() {
      unsubscribe();
      win.removeEventListener('pagehide', onHide);
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
