import { useEffect, useMemo, useState } from 'react';
import { connectEmbedBridge } from '../embed/bridge';
import { baseUrl, embedCodeFor, linkFor, scenarioLinkFor } from '../embed/share';
import { startUrlSync, urlStateOf } from '../embed/syncUrl';
import { fragmentOf, readLinkFiles, type LinkFiles } from '../embed/urlFragment';
import { PANEL_IDS, parseUrlState, type UrlState } from '../embed/urlState';
import { connectEngine } from '../state/engineBridge';
import { scenarioById } from '../state/selectors';
import { createSimStore, type SimStore } from '../state/store';
import { refuseFile } from '../state/trainerFiles';
import { ScenarioFiles } from '../ui/authoring/ScenarioFiles';
import { WriteScenario } from '../ui/authoring/WriteScenario';
import { ShareButtons } from '../ui/share/ShareButtons';
import { ThemeSwitch } from '../ui/share/ThemeSwitch';
import { SimContext } from '../ui/SimContext';
import { Simulator, type SimulatorLayout } from '../ui/Simulator';
import { Notices } from './Notices';
import { useCheckedLesson } from './useCheckedLesson';
import { takeWorker } from './earlyWorker';


/** How a notice names a file that came in the link's fragment. */
const IN_THE_LINK = 'the link';

/**
 * The store for a parsed link: the learner's mode, scenario, options, requests, step, packet, observer and speed,
 * and the trainer's scenario the fragment carries (`#scenario=`, in the library from the start, so the first run
 * is of it). A refused file is said in the notices area, and the lab opens as if the fragment were not there.
 */
export function storeFromUrl(url: UrlState, files: LinkFiles = { scenario: null, lesson: null }): SimStore {
  const fileScenario = files.scenario?.ok ? files.scenario.value : null;
  const store = createSimStore({
    scenarioId: url.scenarioId, mode: url.mode, seed: 1, options: url.options, speed: url.speed,
    ...(fileScenario ? { library: { scenarios: [fileScenario], lessons: [] } } : {}),
  });
  if (files.scenario && !files.scenario.ok) refuseFile(store, IN_THE_LINK, files.scenario.problems);
  if (fileScenario) store.getState().showFileNotice({ kind: 'loaded', what: 'scenario', title: fileScenario.title, source: IN_THE_LINK });
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
  const [{ url, notices: linkNotices, files }] = useState(() => {
    const linked = readLinkFiles(window.location.hash);
    const parsed = parseUrlState(window.location.search, {
      ...(linked.scenario?.ok ? { fileScenario: linked.scenario.value.id } : {}),
      fileLesson: linked.lesson?.ok === true,
    });
    return { url: parsed.state, notices: parsed.notices, files: linked };
  });
  const [store] = useState(() => storeFromUrl(url, files));
  // The theme is the page's, not the simulator's: chosen in the header, kept in the address as theme=.
  const [theme, setTheme] = useState(url.theme);
  const fixed = useMemo<UrlState>(() => ({ ...url, theme }), [url, theme]);
  const lessonNotices = useCheckedLesson(store, url, files.lesson);
  const notices = lessonNotices.length > 0 ? [...linkNotices, ...lessonNotices] : linkNotices;
  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => {
    const bridge = connectEngine(store, takeWorker);
    return () => bridge.dispose();
  }, [store]);
  useEffect(() => {
    const sync = startUrlSync(store, fixed);
    // A theme chosen in the page goes into the address at once (the store did not change, so nothing else writes it).
    if (fixed.theme !== url.theme) sync.flush();
    return () => sync.dispose();
  }, [store, fixed, url.theme]);
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
    <>
      <ShareButtons
        getLink={() => linkFor(baseUrl(window.location.href), urlStateOf(store.getState(), fixed), fragmentOf(store.getState()))}
        getEmbedCode={() => {
          const s = store.getState();
          return embedCodeFor(baseUrl(window.location.href), urlStateOf(s, fixed), { fragment: fragmentOf(s), title: scenarioById(s, s.scenarioId)?.title });
        }}
      />
      <ThemeSwitch theme={theme} onChange={setTheme} />
    </>
  );
  const trainerFiles = (
    <ScenarioFiles scenarioLink={(value) => scenarioLinkFor(baseUrl(window.location.href), value)}>
      <WriteScenario />
    </ScenarioFiles>
  );
  return (
    <SimContext.Provider value={store}>
      <Simulator layout={layout} share={share} files={trainerFiles} notices={<Notices notices={notices} />} />
    </SimContext.Provider>
  );
}
