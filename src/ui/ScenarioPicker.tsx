import { SCENARIOS } from '../sim/index';
import { useSim } from './SimContext';

export function ScenarioPicker() {
  const scenarioId = useSim((s) => s.scenarioId);
  const setScenario = useSim((s) => s.setScenario);
  const current = SCENARIOS.find((s) => s.id === scenarioId);
  return (
    <div className="scenario-picker">
      <label htmlFor="scenario-select">Scenario</label>
      <select id="scenario-select" value={scenarioId} onChange={(e) => setScenario(e.target.value)}>
        {SCENARIOS.map((s) => (
          <option key={s.id} value={s.id}>{s.title}</option>
        ))}
      </select>
      {current && <p className="scenario-summary">{current.summary}</p>}
    </div>
  );
}
