import { useState } from 'react';

/** Ignored link parameters, as text (never HTML), in a small polite region the learner can dismiss. */
export function Notices({ notices }: { notices: readonly string[] }) {
  const [open, setOpen] = useState(notices.length > 0);
  if (!open || notices.length === 0) return null;
  const shown = notices.slice(0, 8);
  return (
    <div className="notices" role="status" aria-live="polite" data-testid="url-notices">
      <p className="notices-title">Some settings in the link were ignored; the defaults are used instead.</p>
      <ul>
        {shown.map((text, i) => <li key={i}>{text}</li>)}
        {notices.length > shown.length && <li>{`…and ${notices.length - shown.length} more.`}</li>}
      </ul>
      <button type="button" onClick={() => setOpen(false)}>Dismiss</button>
    </div>
  );
}
