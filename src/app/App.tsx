import { useEffect, useMemo, useState } from 'react';
import { connectEmbedBridge } from '../embed/bridge';
import { baseUrl, embedCodeFor, linkFor } from '../embed/share';
import { startUrlSync, urlStateOf } from '../embed/syncUrl';
import { PANEL_IDS, parseUrlState, type UrlState } from '../embed/urlState';
import { connectEngine, prestartWorker } from '../state/engineBridge';
import { createSimStore, type SimStore } from '../state/store';
import { ShareButtons } from '../ui/share/ShareButtons';
import { SimContext } from '../ui/SimContext';
import { Simulator, type SimulatorLayout } from '../ui/Simulator';
import { Notices } from './Notices';
import { useCheckedLesson } from './useCheckedLesson';
import { createEngineWorker } from '@engine-worker';

// The engine worker starts loading and generating keys while React renders the first view.
const takeWorker = prestartWorker(createEngineWorker);

/** The store for a parsed link: the learner's mode, scenario, options, requests, step, packet, observer and speed. */
export function storeFromUrl(url: UrlState): SimStore {
  const store = createSimStore({ scenarioId: url.scenarioId, mode: url.mode, seed: 1, options: url.options, speed: url.speed });
  // The step and packet are kept until the run arrives (storeRun clamps the cursor to the run's length).
  store.setState({ requests: url.requests, viewAs: url.viewAs, cursor: url.step, inspected: url.packet });
  if (url.lesson) store.getState().openLesson(url.lesson, url.beat);
  if (url.detail) store.getState().setDetail(url.detail);
  return store;
}

/** theme=light|dark forces a theme; auto follows the system. */
function applyTheme(theme: UrlState['theme']): void {
  if (theme === 'auto') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

/** Composition only: one store and one engine worker per simulator instance, initialised from the URL. */
export function App() {
  const [{ url, notices: linkNotices }] = useState(() => {
    const parsed = parseUrlState(window.location.search);
    return { url: parsed.state, notices: parsed.notices };
  });
  const [store] = useState(() => storeFromUrl(url));
  const lessonNotices = useCheckedLesson(store, url);
  const notices = lessonNotices.length > 0 ? [...linkNotices, ...lessonNotices] : linkNotices;
  useEffect(() => applyTheme(url.theme), [url.theme]);
  useEffect(() => {
    const bridge = connectEngine(store, takeWorker);
    return () => bridge.dispose();
  }, [store]);
  useEffect(() => {
    const sync = startUrlSync(store, url);
    return () => sync.dispose();
  }, [store, url]);
  useEffect(() => {
    const embed = connectEmbedBridge(store, { parentOrigin: url.parentOrigin, lockMode: url.lockMode, lockProtocol: url.lockProtocol });
    return () => embed.dispose();
  }, [store, url]);
  useEffect(() => {
    // A packet number beyond the run is dropped once the run is known; autoplay=1 plays one pass (and stops).
    let autoplay = url.autoplay;
    const settle = (): boolean => {
      const s = store.getState();
      const run = s.runs[s.mode];
      if (!run) return false;
      if (s.inspected !== null && s.inspected >= run.timeline.events.length) s.inspect(null);
      if (autoplay) {
        autoplay = false;
        s.play();
      }
      return true;
    };
    if (settle()) return undefined;
    const unsubscribe = store.subscribe(() => {
      if (settle()) unsubscribe();
    });
    return unsubscribe;
  }, [store, url]);

  const layout = useMemo<SimulatorLayout>(() => (url.embed
    ? { embed: true, controls: url.controls, lockMode: url.lockMode, lockProtocol: url.lockProtocol, panels: url.panels, allPanels: PANEL_IDS }
    : { embed: false, controls: url.controls, lockMode: url.lockMode, lockProtocol: url.lockProtocol, panels: url.panels, allPanels: PANEL_IDS }), [url]);
  const share = (
    <ShareButtons
      getLink={() => linkFor(baseUrl(window.location.href), urlStateOf(store.getState(), url))}
      getEmbedCode={() => embedCodeFor(baseUrl(window.location.href), urlStateOf(store.getState(), url))}
    />
  );
  return (
    <SimContext.Provider value={store}>
      <Simulator layout={layout} share={share} notices={<Notices notices={notices} />} />
    </SimContext.Provider>
  );
}
