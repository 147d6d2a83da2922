/**
 * Links and embed snippets for the current state ("Copy link", "Copy embed code"). Pure functions of a UrlState,
 * so they are unit-tested without a browser. Every value is attribute-escaped: a snippet is text the learner
 * pastes elsewhere, never HTML we render.
 */
import { MODE_LABELS, findScenario } from '../sim/index';
import { serializeUrlState, type UrlState } from './urlState';

export const EMBED_WIDTH = 834;
export const EMBED_HEIGHT = 504;

/** The page's address without its query and fragment (works from any sub-path). */
export function baseUrl(href: string): string {
  const url = new URL(href);
  return `${url.origin === 'null' ? `${url.protocol}//` : url.origin}${url.pathname}`;
}

/** `fragment`: a trainer's file on screen (urlFragment.ts fragmentOf), with its '#'; '' for the lab's own. */
export function linkFor(base: string, state: UrlState, fragment = ''): string {
  return `${base}${serializeUrlState(state)}${fragment}`;
}

/** "Copy link to this scenario": a link that carries only the scenario file (its value from encodeFileForLink). */
export function scenarioLinkFor(base: string, value: string): string {
  return `${base}#scenario=${value}`;
}

const attr = (text: string): string => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** `title`: the scenario's title when the page knows it (a trainer's scenario is not in the built-in catalog). */
export function embedTitle(state: UrlState, title?: string): string {
  const scenario = title ?? findScenario(state.scenarioId)?.title ?? state.scenarioId;
  return `Passthrough Lab: ${scenario} (${MODE_LABELS[state.mode]})`;
}

/** An <iframe> for the current state with embed=1, a title (WCAG H64) and PhET's default size. */
export function embedCodeFor(base: string, state: UrlState, extra: { readonly fragment?: string; readonly title?: string } = {}): string {
  // The embedding page is not this one: its own origin is for it to add (parentOrigin=), not ours to guess.
  const src = linkFor(base, { ...state, embed: true, parentOrigin: null, autoplay: false }, extra.fragment);
  return `<iframe src="${attr(src)}" title="${attr(embedTitle(state, extra.title))}" width="${EMBED_WIDTH}" height="${EMBED_HEIGHT}" style="border:0;max-width:100%" loading="lazy"></iframe>`;
}
