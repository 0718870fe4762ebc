/**
 * Text PostgreSQL cannot store. NUL is refused by `text` (22021) and by `jsonb` (22P05); a UTF-16
 * surrogate without its pair cannot be encoded as UTF-8 (node-postgres would silently send U+FFFD,
 * jsonb refuses the `\u` escape). Refused at the API, for every field, before anything is stored:
 * once such a value entered a workflow, its projection could never be written.
 */
import type { FieldError, ParameterIn } from './problem.js';

// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_MESSAGE = 'contains a character that cannot be stored (NUL or an unpaired surrogate)';

export const isStorableText = (s: string): boolean => !UNSTORABLE.test(s);

/** Every string (and object key) in a parsed value that cannot be stored, by its path. */
export function unstorableText(value: unknown, where: ParameterIn, path: string[] = []): FieldError[] {
  const at = (p: string[]): FieldError => ({
    path: p.length ? p.join('.') : `(${where})`,
    in: where,
    message: UNSTORABLE_MESSAGE,
  });
  if (typeof value === 'string') return isStorableText(value) ? [] : [at(path)];
  if (value === null || typeof value !== 'object') return [];
  const out: FieldError[] = [];
  for (const [key, v] of Object.entries(value)) {
    // A bad key is named as far as it can be: its own characters are what is wrong.
    if (!isStorableText(key)) out.push(at([...path, key.replace(UNSTORABLE_GLOBAL, '\uFFFD')]));
    else out.push(...unstorableText(v, where, [...path, key]));
  }
  return out;
}

const UNSTORABLE_GLOBAL = new RegExp(UNSTORABLE.source, 'g');
