import { useEffect, useRef, useState } from 'react';

/** Copies text with the async clipboard API, or a hidden textarea and execCommand where that is unavailable. */
async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied or unavailable (an insecure context, an iframe without permission): fall back below.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  let ok: boolean;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

/** A "Copy" button with a polite announcement of the result. */
export function CopyButton({ text, label }: { readonly text: string; readonly label: string }) {
  const [announcement, setAnnouncement] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => { if (timer.current) clearTimeout(timer.current); }, []);
  const onClick = async () => {
    const ok = await copyText(text);
    setAnnouncement(ok ? 'Copied' : 'Could not copy: select the text and copy it by hand');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setAnnouncement(''), 3000);
  };
  return (
    <span className="copy">
      <button type="button" onClick={() => void onClick()} aria-label={`Copy ${label}`}>Copy</button>
      <span className="copy-status" role="status" aria-live="polite">{announcement}</span>
    </span>
  );
}
