/**
 * The words for what is wrong with a trainer's file (authoring's FileProblem facts), one line per problem, led by
 * the field's path: "requests[2].method: expected one of GET, HEAD, ...". Written for a trainer who knows HTTP but
 * not TLS. A value from the file is only ever quoted, as text, through JSON.stringify (so a quote or a line break in
 * it cannot make the message look like something else); the page shows these lines as text, never as HTML.
 *
 * This module is small and imports no other prose: the page needs it the moment a file is loaded, before (or
 * without) the content chunk, so src/sim/index.ts exports it directly.
 */
import { FILE_LIMITS } from '../authoring/limits';
import type { FileProblem, FileShape } from '../authoring/types';
import { ECH_PUBLIC_NAME } from '../net/echConfig';
import { API_HOSTNAME, BACKENDS, LB_INTERNAL_ADDRESS, LB_VIP, SITE_HOSTNAME } from '../net/topology';

const LAB_ADDRESSES = [LB_VIP, LB_INTERNAL_ADDRESS, ...BACKENDS.map((b) => b.address)].join(', ');

const SHAPE_TEXT: Readonly<Record<FileShape, string>> = {
  id: `an id of lower-case letters, digits and dashes (at most ${FILE_LIMITS.id}, not starting with a dash), such as acme-login`,
  hostname: 'a DNS name such as training.acme.test (lower case, at least two parts separated by dots, not an IP address, not ending in .internal)',
  ipv4: 'an IPv4 address such as 203.0.113.10',
  'client-address': `an IPv4 address such as 203.0.113.10, other than the lab's own machines (${LAB_ADDRESSES})`,
  'client-name': `a lower-case name such as alice (letters, digits and dashes, at most ${FILE_LIMITS.clientName}, starting with a letter)`,
  'request-path': `a path that starts with / and has no spaces or control characters (at most ${FILE_LIMITS.path} characters), such as /search?q=mug`,
  'header-name': "a header name such as Content-Type (letters, digits and - _ . ! # $ % & ' * + ^ ` | ~, no spaces or colon)",
  'header-value': 'a header value on one line (no line breaks or control characters)',
  'reserved-header': 'a header other than Host, Content-Length, Transfer-Encoding and Connection: the simulated browser writes those itself',
};

const TYPE_TEXT: Readonly<Record<string, string>> = {
  string: 'text (in double quotes)',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'an object { ... }',
  array: 'a list [ ... ]',
};

/** A value from the file, as text in quotes (JSON.stringify escapes quotes, line breaks and control characters). */
const quote = (value: string): string => JSON.stringify(value);
const found = (p: FileProblem): string => (p.value !== undefined ? ` (found ${quote(p.value)})` : '');

/** The last part of a path: "requests[2].client" -> "client", "beats[0].scenario" -> "scenario". */
const lastKey = (path: string): string => path.replace(/\[\d+\]$/, '').split('.').at(-1) ?? '';

const isOptionsPath = (path: string): boolean => /(^|\.)options$|(^|\.)modeOptions\.(passthrough|offload|bridge)$/.test(path);
const parentOf = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('.')));

function unknownKeyText(p: FileProblem): string {
  const known = (p.allowed ?? []).filter((k) => k !== '$schema' && k !== 'sticky').join(', ');
  if (isOptionsPath(parentOf(p.path))) return `unknown option (the options are ${known}; sticky is another name for stickyCookie)`;
  return `unknown field${known ? ` (the fields here are ${known})` : ''}`;
}

function unknownRefText(p: FileProblem): string {
  const value = quote(p.value ?? '');
  switch (lastKey(p.path)) {
    case 'client':
      return `no client named ${value} in the file's clients (expected one of ${(p.allowed ?? []).join(', ')})`;
    case 'host':
      return `${value} is not one of this scenario's hostnames (expected one of ${(p.allowed ?? []).join(', ')})`;
    case 'scenario':
      return `no scenario ${value}: use one of the lab's scenarios (npm run sim -- --list) or the id of one in this file's scenarios`;
    default:
      return `${value} is not defined in this file`;
  }
}

function formatText(p: FileProblem): string {
  const formats = (p.expected ?? '').split(', ').map(quote);
  return formats.length > 1 ? `expected "format" to be one of ${formats.join(', ')}${found(p)}` : `expected "format": ${formats[0]}${found(p)}`;
}

function describe(p: FileProblem): string {
  switch (p.code) {
    case 'not-json':
      return p.expected === 'object' ? 'expected a JSON object { ... } holding the file' : 'not JSON: check for a missing comma, quote or bracket';
    case 'file-too-large':
      return `the file is larger than ${Math.round((p.limit ?? FILE_LIMITS.fileBytes) / 1024)} KB, the most the lab reads`;
    case 'format':
      return formatText(p);
    case 'required':
      return 'required, but missing';
    case 'type':
      return `expected ${TYPE_TEXT[p.expected ?? ''] ?? p.expected ?? 'another type'}`;
    case 'one-of':
      return `expected one of ${(p.allowed ?? []).join(', ')}${found(p)}`;
    case 'pattern':
      return `expected ${SHAPE_TEXT[p.expected as FileShape] ?? p.expected ?? 'another value'}${found(p)}`;
    case 'too-long':
      return `too long: at most ${p.limit} characters`;
    case 'too-short':
      return p.limit === 1 ? 'must not be empty' : `too short: at least ${p.limit} characters`;
    case 'too-many':
      return `too many entries: at most ${p.limit}`;
    case 'too-few':
      return p.limit === 1 ? 'needs at least one entry' : `needs at least ${p.limit} entries`;
    case 'range':
      return `expected a whole number from ${p.min} to ${p.max}${found(p)}`;
    case 'unknown-key':
      return unknownKeyText(p);
    case 'forbidden-key':
      return `${quote(p.value ?? '')} is never accepted as a name in a file (it has a special meaning in JavaScript)`;
    case 'markup':
      return 'plain text only, without < or >';
    case 'duplicate':
      return lastKey(p.path) === 'sticky' ? `"sticky" is another name for ${quote(p.value ?? '')}: give only one of them` : `${quote(p.value ?? '')} is used twice: each must be different`;
    case 'built-in-id':
      return `${quote(p.value ?? '')} is already the id of one of the lab's built-in scenarios or lessons; choose another, such as ${quote(`my-${p.value ?? ''}`.slice(0, FILE_LIMITS.id))}`;
    case 'unknown-ref':
      return unknownRefText(p);
    case 'same-value':
      return `${quote(p.value ?? '')} is used for two names: hostname, apiHostname and the Encrypted Client Hello name the lab derives from hostname (public. in front of its domain) must all differ (the defaults are ${SITE_HOSTNAME}, ${API_HOSTNAME} and ${ECH_PUBLIC_NAME})`;
    case 'link-too-long':
      return `too long for a link (${p.value ?? 'more than'} characters; a link holds at most ${p.limit}): share the file itself instead`;
    case 'link-damaged':
      return 'the link is damaged (cut off or changed on the way): copy the whole link again';
    case 'too-large-after-inflate':
      return `the link unpacks to more than ${Math.round((p.limit ?? FILE_LIMITS.fileBytes) / 1024)} KB, the most the lab reads`;
  }
}

/** Where a problem is: the field's path, or the file or link as a whole. */
function locationOf(p: FileProblem): string {
  if (p.path) return p.path;
  return p.code === 'link-too-long' || p.code === 'link-damaged' || p.code === 'too-large-after-inflate' ? 'the link' : 'the file';
}

/** One line for a trainer: "<field path>: <what was expected>". */
export function problemText(p: FileProblem): string {
  return `${locationOf(p)}: ${describe(p)}`;
}
