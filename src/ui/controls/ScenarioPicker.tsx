import { SCENARIOS } from '../../sim/index';
import { selectLibrary, selectScenario, selectScenarioId } from '../../state/selectors';
import { useSim } from '../SimContext';

/**
 * Every scenario the engine offers, with its one-line description (the narration panel carries its lesson), and
 * after them the ones a trainer loaded, in a group of their own and named honestly as coming from a file.
 */
export function ScenarioPicker() {
  const scenarioId = useSim(selectScenarioId);
  const current = useSim(selectScenario);
  const library = useSim(selectLibrary);
  const setScenario = useSim((s) => s.setScenario);
  return (
    <div className="scenario-picker">
      <label htmlFor="scenario-select">Scenario</label>
      <select id="scenario-select" value={scenarioId} onChange={(e) => setScenario(e.currentTarget.value)} aria-describedby="scenario-summary">
        {SCENARIOS.map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}
        {library.scenarios.length > 0 && (
          <optgroup label="Your scenarios">
            {library.scenarios.map((s) => <option key={s.id} value={s.id}>{`${s.title} (from a file)`}</option>)}
          </optgroup>
        )}
      </select>
      <p id="scenario-summary" className="scenario-summary">
        {current?.fromFile ? `From a file, not one of the lab's own scenarios. ${current.summary}` : current?.summary}
      </p>
    </div>
  );
}
