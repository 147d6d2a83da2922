import { useMemo, useState } from 'react';
import { MODE_LABELS, type RealConfig } from '../../sim/index';
import { effectiveOptions } from '../../state/derive/effectiveOptions';
import { selectCurrentRun, selectMode, selectOptionOverrides, selectScenarioId } from '../../state/selectors';
import { useDeferredSim } from '../useDeferredSim';
import { ConfigFile } from './ConfigFile';
import { ProductTabs } from './ProductTabs';
import { useRealConfigs } from './useRealConfigs';
import './exports.css';

/** The configurations grouped by product, in the generators' order. */
function byProduct(configs: readonly RealConfig[]): Map<string, RealConfig[]> {
  const groups = new Map<string, RealConfig[]>();
  for (const c of configs) groups.set(c.product, [...(groups.get(c.product) ?? []), c]);
  return groups;
}

/**
 * "Real configuration": the current mode and options written for six real products (HAProxy, nginx, Envoy,
 * Traefik, Kubernetes ingress-nginx, AWS), each with the traps that bite in this mode.
 */
export function RealConfigPanel() {
  const mode = useDeferredSim(selectMode);
  const run = useDeferredSim(selectCurrentRun);
  const scenarioId = useDeferredSim(selectScenarioId);
  const overrides = useDeferredSim(selectOptionOverrides);
  const runOptions = run?.timeline.mode === mode ? run.timeline.options : undefined;
  const options = useMemo(() => runOptions ?? effectiveOptions(scenarioId, mode, overrides), [runOptions, scenarioId, mode, overrides]);
  const configs = useRealConfigs(mode, options);
  const groups = useMemo(() => byProduct(configs ?? []), [configs]);
  const [selected, setSelected] = useState('HAProxy');
  const tabs = [...groups.keys()].map((product) => ({ id: product, label: product }));
  const product = groups.has(selected) ? selected : (tabs[0]?.id ?? '');
  const files = groups.get(product) ?? [];
  const notes = [...new Set(files.flatMap((f) => f.notes))];

  return (
    <section className="real-config panel" data-panel="config" aria-labelledby="config-heading">
      <h2 id="config-heading">Real configuration</h2>
      <p className="panel-note">
        {MODE_LABELS[mode]} with this run's options, written for real load balancers. Every line that matters is
        commented; the notes are the traps.
      </p>
      {configs === null ? <p className="panel-note">Loading the configurations…</p> : (
        <ProductTabs tabs={tabs} selected={product} onSelect={setSelected} label="Product">
          {files.map((f) => <ConfigFile key={f.filename} config={f} />)}
          {notes.length > 0 && (
            <>
              <h3>Notes and traps</h3>
              <ul className="config-notes">{notes.map((n, i) => <li key={i}>{n}</li>)}</ul>
            </>
          )}
        </ProductTabs>
      )}
    </section>
  );
}
