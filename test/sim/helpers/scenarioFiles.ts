/** The trainer-file fixtures (test/fixtures/scenario-files): the valid examples and the malformed corpus with its expectations. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../../fixtures/scenario-files/', import.meta.url));

export interface ExpectedProblem { readonly path: string; readonly code: string }
export interface MalformedCase { readonly file: string; readonly about: string; readonly expect: readonly ExpectedProblem[] }
export interface LinkCase { readonly name: string; readonly about: string; readonly link: string; readonly expect: readonly ExpectedProblem[] }

export const fixtureText = (name: string): string => readFileSync(`${DIR}${name}`, 'utf8');
export const MALFORMED: readonly MalformedCase[] = JSON.parse(fixtureText('malformed/cases.json')) as MalformedCase[];
export const MALFORMED_LINKS: readonly LinkCase[] = JSON.parse(fixtureText('malformed/links.json')) as LinkCase[];
export const malformedText = (c: MalformedCase): string => fixtureText(`malformed/${c.file}`);
export const VALID_FILES = ['acme-login.json', 'acme-lesson.json'] as const;
