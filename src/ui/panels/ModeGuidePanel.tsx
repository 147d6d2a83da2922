import { MODE_LABELS } from '../../sim/index';
import { selectMode } from '../../state/selectors';
import { useContent } from '../useContent';
import { useDeferredSim } from '../useDeferredSim';

/** The current mode explained (the engine's mode guide): how it works, what it gains and loses, real setups. */
export function ModeGuidePanel() {
  const mode = useDeferredSim(selectMode);
  const content = useContent();
  const guide = content?.MODE_GUIDES[mode];
  if (!guide) return null;
  return (
    <section className="mode-guide panel" aria-labelledby="guide-heading">
      <h2 id="guide-heading">About {MODE_LABELS[mode]}: {guide.title}</h2>
      <p><strong>{guide.oneLine}</strong></p>
      <p>{guide.howItWorks}</p>
      <div className="guide-lists">
        <div>
          <h3>Gains</h3>
          <ul>{guide.pros.map((p, i) => <li key={i}>{p}</li>)}</ul>
        </div>
        <div>
          <h3>Costs</h3>
          <ul>{guide.cons.map((c, i) => <li key={i}>{c}</li>)}</ul>
        </div>
      </div>
      <p><strong>When to use it:</strong> {guide.whenToUse}</p>
      <details>
        <summary>How real products are set up for it</summary>
        {guide.setup.map((example) => (
          <div key={example.product} className="setup-example">
            <h3>{example.product}</h3>
            <pre tabIndex={0} role="group" aria-label={`${example.product} configuration`}>{example.snippet}</pre>
            <p>{example.note}</p>
          </div>
        ))}
      </details>
    </section>
  );
}
