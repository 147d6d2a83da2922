/**
 * A file in a link (`#scenario=<value>`): JSON, deflated (fflate, raw deflate), then base64url without padding, so
 * a trainer can share a scenario without a server. The fragment never reaches a server, and decoding is guarded
 * at every step: the value's length and alphabet first, then inflating in small slices that stop as soon as the
 * text passes FILE_LIMITS.fileBytes (a few KB of deflate can claim gigabytes), then JSON.parse.
 */
import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate';
import { FILE_LIMITS, LINK_LIMIT } from './limits';
import type { FileProblem, FileResult } from './types';

const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** Bytes fed to the inflater per push: deflate expands at most about 1032:1, so one push yields at most ~66 KB. */
const INFLATE_SLICE = 64;

function toBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Inflates `data`, or stops as soon as the output passes `limit` bytes and says how much of the input it had read
 * by then (the rest is never inflated). Throws on data that is not deflate.
 */
export function inflateBounded(data: Uint8Array, limit: number): { readonly bytes: Uint8Array } | { readonly stoppedAt: number } {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const inflater = new Inflate((chunk) => {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  });
  for (let at = 0; at < data.length; at += INFLATE_SLICE) {
    inflater.push(data.subarray(at, at + INFLATE_SLICE), at + INFLATE_SLICE >= data.length);
    if (size > limit) return { stoppedAt: Math.min(at + INFLATE_SLICE, data.length) };
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return { bytes };
}

/** The link value of a file (a ScenarioFile or LessonFile object): the text after `#scenario=`. */
export function encodeFileForLink(file: object): string {
  return toBase64url(deflateSync(strToU8(JSON.stringify(file)), { level: 9 }));
}

/** Null when the file fits in a link; otherwise the problem to show instead of offering one. */
export function linkTooLong(file: object): FileProblem | null {
  const length = encodeFileForLink(file).length;
  return length > LINK_LIMIT ? { path: '', code: 'link-too-long', limit: LINK_LIMIT, value: String(length) } : null;
}

/** A link value -> the JSON value it carries (still to be checked by parseScenarioFile / parseLessonFile). */
export function decodeFileFromLink(value: string): FileResult<unknown> {
  const fail = (problem: FileProblem): FileResult<unknown> => ({ ok: false, problems: [problem] });
  if (value.length > LINK_LIMIT) return fail({ path: '', code: 'link-too-long', limit: LINK_LIMIT, value: String(value.length) });
  // A length of 4n+1 cannot come from base64: some characters were cut off.
  if (!BASE64URL.test(value) || value.length % 4 === 1) return fail({ path: '', code: 'link-damaged' });
  let inflated: ReturnType<typeof inflateBounded>;
  try {
    inflated = inflateBounded(fromBase64url(value), FILE_LIMITS.fileBytes);
  } catch {
    return fail({ path: '', code: 'link-damaged' });
  }
  if (!('bytes' in inflated)) return fail({ path: '', code: 'too-large-after-inflate', limit: FILE_LIMITS.fileBytes });
  try {
    return { ok: true, value: JSON.parse(strFromU8(inflated.bytes)) as unknown };
  } catch {
    return fail({ path: '', code: 'not-json' });
  }
}
