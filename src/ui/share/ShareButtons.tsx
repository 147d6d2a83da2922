import { useEffect, useRef, useState } from 'react';
import { writeClipboard } from './clipboard';

export interface ShareButtonsProps {
  /** The link to the current state (computed when the button is pressed). */
  readonly getLink: () => string;
  /** An <iframe> snippet for the current state. */
  readonly getEmbedCode: () => string;
}

type Copied = { readonly what: 'link' | 'embed code'; readonly text: string; readonly ok: boolean };


/**
 * "Copy link" and "Copy embed code". The clipboard can be refused (permissions, file://, an iframe without
 * clipboard-write): then the text is shown in a read-only box, selected, for Ctrl+C. "Copied" is announced politely.
 */
export function ShareButtons({ getLink, getEmbedCode }: ShareButtonsProps) {
  const [copied, setCopied] = useState<Copied | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const copy = async (what: Copied['what'], text: string): Promise<void> => {
    const ok = await writeClipboard(text);
    setCopied({ what, text, ok });
  };
  useEffect(() => {
    if (copied && !copied.ok && box.current) {
      box.current.focus();
      box.current.select();
    }
  }, [copied]);
  const message = copied ? (copied.ok ? `Copied the ${copied.what}.` : `Select and copy the ${copied.what} below (Ctrl+C).`) : '';
  return (
    <div className="share" role="group" aria-label="Share">
      <button type="button" onClick={() => void copy('link', getLink())}>Copy link</button>
      <button type="button" onClick={() => void copy('embed code', getEmbedCode())}>Copy embed code</button>
      <span className="share-status" role="status" aria-live="polite">{message}</span>
      {copied && !copied.ok && (
        <label className="share-fallback">
          <span>{copied.what === 'link' ? 'Link' : 'Embed code'}</span>
          <textarea ref={box} readOnly value={copied.text} rows={copied.what === 'link' ? 2 : 4} onFocus={(e) => e.currentTarget.select()} />
        </label>
      )}
    </div>
  );
}
