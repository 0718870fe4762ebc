/**
 * The document states the text rule every route enforces (api/text.ts): no NUL anywhere. A string
 * schema with its own pattern, format or enum already excludes it; every other one gets the pattern,
 * so a client (or a fuzzer) reading the document knows such text is refused before sending it.
 * Unpaired surrogates cannot be written in UTF-8 JSON at all, so no pattern is needed for them.
 */
export const STORABLE_TEXT_PATTERN = '^[^\\u0000]*$';

type Node = Record<string, unknown>;

const isStringSchema = (n: Node) =>
  n.type === 'string' || (Array.isArray(n.type) && n.type.includes('string'));

function visit(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(visit);
  if (node === null || typeof node !== 'object') return;
  const n = node as Node;
  if (isStringSchema(n) && !('pattern' in n || 'format' in n || 'enum' in n || 'const' in n)) {
    n.pattern = STORABLE_TEXT_PATTERN;
  }
  for (const v of Object.values(n)) visit(v);
}

/** Adds the text rule to the document's string schemas, in place; answers the document. */
export function documentStorableText<T>(document: T): T {
  visit(document);
  return document;
}
