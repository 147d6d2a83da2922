/**
 * The engine's prose (narration, glossary, mode guides, protocol note) is fetched as its own chunk after the first
 * paint: it is text-heavy and only needed once a run is on screen, so it stays out of the main bundle. The same
 * types are exported by src/sim/index.ts for the UI.
 */
import type * as ContentModule from '../sim/content/index';
import { eventLabel, type Mode, type SimEvent } from '../sim/index';

export type Content = typeof ContentModule;

let loading: Promise<Content> | null = null;
let loaded: Content | null = null;

export function loadContent(): Promise<Content> {
  loading ??= import('../sim/content/index').then((module) => {
    loaded = module;
    return module;
  });
  return loading;
}

/** The content if it has arrived, for synchronous readers. */
export function contentIfLoaded(): Content | null {
  return loaded;
}

/** One sentence for an event from the content, or the event type's short label until the content has arrived. */
export function eventWords(event: SimEvent, mode?: Mode, content: Content | null = loaded): string {
  if (content) return content.eventText(event, mode);
  return event.type === 'tcp.segmentSent' ? event.label : eventLabel(event.type);
}
