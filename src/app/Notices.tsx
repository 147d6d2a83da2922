import { useState } from 'react';

/** Ignored link parameters, as text (never HTML), in a small polite region the learner can dismiss. */
export function Notices({ notices }: { notices: readonly string[] }) {
  // Dismissing hides the notices there are now; one that arrives later (a lesson id checked once the lessons have
  // loaded) shows again.
  const [dismissed, setDismissed] = useState(0);
  if (notices.length <= dismissed) return null;
  const shown = notices.slice(0, 8);
  return (
    <div className="notices" role="status" aria-live="polite" data-testid="url-notices">
      <p className="notices-title">Some settings in the link were ignored; the defaults are used instead.</p>
      <ul>
        {shown.map((text, i) => <li key={i}>{text}</li>)}
        {notices.length > shown.length && <li>{`…and ${notices.length - shown.length} more.`}</li>}
      </ul>
      <button type="button" onClick={() => setDismissed(notices.length)}>Dismiss</button>
    </div>
  );
}
