import { SCENARIOS } from '../../sim/index';
import { selectScenarioId } from '../../state/selectors';
import { useSim } from '../SimContext';

/** Every scenario the engine offers, with its one-line description (the narration panel carries its lesson). */
export function ScenarioPicker() {
  const scenarioId = useSim(selectScenarioId);
  const setScenario = useSim((s) => s.setScenario);
  const current = SCENARIOS.find((s) => s.id === scenarioId);
  return (
    <div className="scenario-picker">
      <label htmlFor="scenario-select">Scenario</label>
      <select id="scenario-select" value={scenarioId} onChange={(e) => setScenario(e.currentTarget.value)} aria-describedby="scenario-summary">
        {SCENARIOS.map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}
      </select>
      <p id="scenario-summary" className="scenario-summary">
        {current?.summary}
      </p>
    </div>
  );
}
