import { useMemo, useState } from 'react';
import type { RealConfig } from '../../sim/index';
import { effectiveOptions } from '../../state/derive/effectiveOptions';
import { selectCurrentRun, selectMode, selectOptionOverrides, selectScenario } from '../../state/selectors';
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
 * The generated configurations (src/sim/export/configs, validated by haproxy -c and nginx -t in the tests) for the
 * current mode and this run's options: one tab per product, its files and its notes. The Real configuration
 * panel and the mode guide both show this, so there is one source for "how a real product is set up".
 */
export function RealConfigView({ notesHeadingLevel = 3, tabsLabel = 'Product' }: { readonly notesHeadingLevel?: 3 | 4; readonly tabsLabel?: string }) {
  const mode = useDeferredSim(selectMode);
  const run = useDeferredSim(selectCurrentRun);
  const scenario = useDeferredSim(selectScenario);
  const overrides = useDeferredSim(selectOptionOverrides);
  const runOptions = run?.timeline.mode === mode ? run.timeline.options : undefined;
  const options = useMemo(() => runOptions ?? effectiveOptions(scenario, mode, overrides), [runOptions, scenario, mode, overrides]);
  const configs = useRealConfigs(mode, options, run?.timeline.names);
  const groups = useMemo(() => byProduct(configs ?? []), [configs]);
  const [selected, setSelected] = useState('HAProxy');
  const tabs = [...groups.keys()].map((product) => ({ id: product, label: product }));
  const product = groups.has(selected) ? selected : (tabs[0]?.id ?? '');
  const files = groups.get(product) ?? [];
  const notes = [...new Set(files.flatMap((f) => f.notes))];
  const NotesHeading = notesHeadingLevel === 3 ? 'h3' : 'h4';

  if (configs === null) return <p className="panel-note">Loading the configurations…</p>;
  return (
    <ProductTabs tabs={tabs} selected={product} onSelect={setSelected} label={tabsLabel}>
      {files.map((f) => <ConfigFile key={f.filename} config={f} />)}
      {notes.length > 0 && (
        <>
          <NotesHeading>Notes and traps</NotesHeading>
          <ul className="config-notes">{notes.map((n, i) => <li key={i}>{n}</li>)}</ul>
        </>
      )}
    </ProductTabs>
  );
}
