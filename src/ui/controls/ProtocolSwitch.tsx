import { PROTOCOLS, TLS_PROTOCOLS, type TlsProtocol } from '../../sim/index';
import { effectiveOptions } from '../../state/derive/effectiveOptions';
import { selectCurrentRun, selectMode, selectOptionOverrides, selectScenario } from '../../state/selectors';
import { useSim } from '../SimContext';

/** The two facts that change what an observer can read, from the engine's own description of the version. */
function hintOf(protocol: TlsProtocol): string {
  const facts = PROTOCOLS[protocol];
  return `${facts.forwardSecrecy ? 'forward secrecy' : 'no forward secrecy'}, certificate ${facts.certificateInClear ? 'in the clear' : 'encrypted'}`;
}

/**
 * The "TLS version" radio group, beside the mode switch: the version every hop of the run speaks. It is a run
 * option, so choosing one runs every mode again in the worker. The checked version is the one the current run
 * used (or, while it runs, the one it will use): never a default of the UI's own.
 */
export function ProtocolSwitch() {
  const run = useSim(selectCurrentRun);
  const scenario = useSim(selectScenario);
  const mode = useSim(selectMode);
  const overrides = useSim(selectOptionOverrides);
  const setProtocol = useSim((s) => s.setProtocol);
  const current = run?.timeline.options.protocol ?? effectiveOptions(scenario, mode, overrides).protocol;
  return (
    <fieldset className="mode-switch protocol-switch">
      <legend>TLS version</legend>
      {TLS_PROTOCOLS.map((p) => (
        <label key={p} className={p === current ? 'selected' : undefined}>
          <input type="radio" name="tls-version" value={p} checked={p === current} onChange={() => setProtocol(p)} />
          <span className="mode-name">{PROTOCOLS[p].label}</span>
          <span className="mode-hint">{hintOf(p)}</span>
        </label>
      ))}
    </fieldset>
  );
}
