/** The editor's input bounds, from the file format's own limits (FILE_LIMITS): a field cannot grow past them. */
import { FILE_LIMITS } from '../../../sim/index';

export const MAX_LENGTH = {
  id: FILE_LIMITS.id,
  title: FILE_LIMITS.title,
  summary: FILE_LIMITS.summary,
  lesson: FILE_LIMITS.lesson,
  hostname: FILE_LIMITS.hostname,
  clientName: FILE_LIMITS.clientName,
  path: FILE_LIMITS.path,
  purpose: FILE_LIMITS.purpose,
  body: FILE_LIMITS.body,
  /** The header lines of one request: as many as allowed, each a longest name and value with ": " and a newline. */
  headers: FILE_LIMITS.headers * (FILE_LIMITS.headerName + FILE_LIMITS.headerValue + 3),
} as const;

export const MAX_COUNT = { clients: FILE_LIMITS.clients, requests: FILE_LIMITS.requests } as const;
