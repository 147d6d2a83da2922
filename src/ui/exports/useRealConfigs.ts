import { useEffect, useMemo, useState } from 'react';
import type { Mode, RealConfig, RunOptions, SiteNames } from '../../sim/index';

type Generate = (mode: Mode, options: RunOptions, overrides?: { names?: SiteNames }) => RealConfig[];

// The generators are a couple of thousand lines of templates: fetched once, on first use, never in the first paint.
let loading: Promise<Generate> | null = null;
let loaded: Generate | null = null;
function loadGenerator(): Promise<Generate> {
  loading ??= import('../../sim/exports').then((m) => {
    loaded = m.realConfigurations;
    return loaded;
  });
  return loading;
}

/** The real configurations for `mode`, `options` and the site's names (the run's), or null while the generators load. */
export function useRealConfigs(mode: Mode, options: RunOptions, names: SiteNames | undefined): RealConfig[] | null {
  const [generate, setGenerate] = useState<Generate | null>(() => loaded);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (generate) return;
    let live = true;
    loadGenerator().then((g) => { if (live) setGenerate(() => g); }, (e: unknown) => { if (live) setError(String(e)); });
    return () => { live = false; };
  }, [generate]);
  if (error) throw new Error(`could not load the configuration generators: ${error}`);
  return useMemo(() => (generate ? generate(mode, options, names ? { names } : {}) : null), [generate, mode, options, names]);
}
