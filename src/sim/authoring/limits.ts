/**
 * Every size and count a trainer's file is held to, in one table: the validator, the link codec, the JSON Schema
 * tests, the docs (docs/scenario-format.md) and the page's messages all quote these numbers. The request rules
 * shared with the editor (path, headers) come from scenarios/validate.ts, so both paths agree.
 */
import { LIMITS } from '../scenarios/validate';

export const FILE_LIMITS = {
  /** The file's text, in bytes of UTF-8 (a file from disk, or a link's text after inflating). */
  fileBytes: 256 * 1024,
  /** A `#scenario=` link's value, in characters (browsers and chat tools cut longer URLs). */
  linkChars: 8000,
  /** Problems reported for one file: past this many the rest would only repeat the same mistake. */
  problems: 50,
  id: 40,
  title: 80,
  summary: 200,
  lesson: 600,
  purpose: LIMITS.purpose,
  hostname: 253,
  hostnameLabel: 63,
  clients: 8,
  clientName: 24,
  requests: LIMITS.requests,
  path: LIMITS.path,
  headers: LIMITS.headers,
  headerName: LIMITS.headerName,
  headerValue: LIMITS.headerValue,
  body: 8192,
  optionNumber: LIMITS.optionNumber,
  lessonScenarios: 10,
  beats: 30,
  beatText: 800,
  prompt: 300,
  explain: 800,
  nth: 99,
} as const;

/** The `#scenario=` link limit on its own, for the page's "too long for a link" message. */
export const LINK_LIMIT = FILE_LIMITS.linkChars;

/** The methods a scenario file may use: the ones the shop and every real load balancer know. */
export const FILE_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** Headers the simulated browser writes itself, because they frame the message: a file may not set them. */
export const RESERVED_HEADERS = ['host', 'content-length', 'transfer-encoding', 'connection'] as const;

/** Keys that reach an object's prototype in JavaScript: refused as keys anywhere in a file. */
export const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
