import { useEffect, useState } from 'react';
import { contentIfLoaded, loadContent, type Content } from '../state/content';

/**
 * The engine's prose, or null while its chunk is still on the way. `wanted` false postpones the fetch (the
 * narration asks only once a run is on screen, so the first paint does not share the main thread with it).
 */
export function useContent(wanted = true): Content | null {
  const [content, setContent] = useState<Content | null>(contentIfLoaded);
  useEffect(() => {
    if (content || !wanted) return;
    let live = true;
    void loadContent().then((c) => {
      if (live) setContent(c);
    });
    return () => {
      live = false;
    };
  }, [content, wanted]);
  return content;
}
