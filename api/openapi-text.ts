/**
 * The document states the text rule every route enforces on its input (api/text.ts): no NUL
 * anywhere. A string schema with its own pattern, format or enum already excludes it; every other
 * one a request carries (parameters, bodies and the components they refer to) gets the pattern, so
 * a client (or a fuzzer) reading the document knows such text is refused before sending it.
 * Responses are left alone: a problem's detail may quote the refused text. Unpaired surrogates
 * cannot be written in UTF-8 JSON at all, so no pattern is needed for them.
 */
export const STORABLE_TEXT_PATTERN = '^[^\\u0000]*$';

type Node = Record<string, unknown>;
interface Document {
  paths?: Record<string, Record<string, Node>>;
  components?: { schemas?: Record<string, Node> };
}

const isStringSchema = (n: Node) =>
  n.type === 'string' || (Array.isArray(n.type) && n.type.includes('string'));
const REF = '#/components/schemas/';

/** Adds the text rule to the string schemas of every request, in place; answers the document. */
export function documentStorableText<T>(document: T): T {
  const doc = document as Document;
  const seen = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const n = node as Node;
    if (typeof n.$ref === 'string' && n.$ref.startsWith(REF)) {
      const name = n.$ref.slice(REF.length);
      if (!seen.has(name)) {
        seen.add(name);
        visit(doc.components?.schemas?.[name]);
      }
    }
    if (isStringSchema(n) && !('pattern' in n || 'format' in n || 'enum' in n || 'const' in n)) {
      n.pattern = STORABLE_TEXT_PATTERN;
    }
    // A map's keys are text too.
    const values = n.additionalProperties;
    if (values !== null && typeof values === 'object' && !('propertyNames' in n)) {
      n.propertyNames = { type: 'string', pattern: STORABLE_TEXT_PATTERN };
    }
    for (const v of Object.values(n)) visit(v);
  };
  for (const operations of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(operations)) {
      visit(op.parameters);
      visit(op.requestBody);
    }
  }
  return document;
}
