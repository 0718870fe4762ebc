/** Opaque page cursors: base64url JSON of the last row's sort keys, checked before any query uses them. */
import { problem } from './problem.js';
import { isStorableText } from './text.js';

export const encodeCursor = (c: Record<string, string>): string =>
  Buffer.from(JSON.stringify(c)).toString('base64url');

export function decodeCursor<K extends string>(
  raw: string,
  keys: readonly K[],
  valid: (c: Record<K, string>) => boolean = () => true,
): Record<K, string> {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString()) as Record<K, unknown>;
    const ok =
      typeof c === 'object' &&
      c !== null &&
      keys.every((k) => typeof c[k] === 'string' && isStorableText(c[k]) && c[k].length <= 1000);
    if (ok && valid(c as Record<K, string>)) return c as Record<K, string>;
  } catch {
    // not base64url JSON
  }
  throw problem.badRequest('cursor is not one this API gave out', [
    { path: 'cursor', in: 'query', message: 'invalid' },
  ]);
}
