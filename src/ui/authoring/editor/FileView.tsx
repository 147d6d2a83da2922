import type { ScenarioFile } from '../../../sim/index';
import { fieldId } from './fieldIds';

/** The file the form writes, read-only, so a trainer learns the format as they go (text only, never markup). */
export function FileView({ file }: { file: ScenarioFile }) {
  return (
    <details className="se-file">
      <summary>File: what the form writes</summary>
      <p className="se-hint">The same JSON a scenario file holds; &quot;Save as scenario file&quot; writes it.</p>
      <pre id={fieldId('file')} className="se-file-text" tabIndex={0} role="region" aria-label="The scenario file (JSON)">
        {JSON.stringify(file, null, 2)}
      </pre>
    </details>
  );
}
