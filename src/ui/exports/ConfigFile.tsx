import type { RealConfig } from '../../sim/index';
import { CopyButton } from './CopyButton';

/** One configuration file: its name, its text (as text, never as markup) and a Copy button. */
export function ConfigFile({ config }: { readonly config: RealConfig }) {
  const label = `${config.product} ${config.filename}`;
  return (
    <figure className="config-file">
      <figcaption>
        <code>{config.filename}</code>
        <CopyButton text={config.text} label={label} />
      </figcaption>
      <pre tabIndex={0} role="group" aria-label={label} className={`config-text language-${config.language}`}><code>{config.text}</code></pre>
    </figure>
  );
}
