/**
 * The contract generators rely on: every operation of the served document has a unique, stable
 * operationId and a tag, and the typed client (clients/typescript) was regenerated after the
 * routes last changed. Builds the document as the API does, without a server.
 */
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../app/openapi-document.js';
import { generatedClientFiles, staleClientFiles } from '../../scripts/generate-client.js';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

describe('the OpenAPI document for generated clients', () => {
  const document = openApiDocument() as { paths: Record<string, Record<string, any>> };
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, op]) => ({ at: `${method.toUpperCase()} ${path}`, op })),
  );

  it('gives every operation a unique verb-noun camelCase operationId and a tag', () => {
    expect(operations.length).toBeGreaterThan(50);
    const missing = operations.filter(({ op }) => !/^[a-z]+[A-Z][A-Za-z]*$/.test(op.operationId ?? ''));
    expect(missing.map((o) => `${o.at}: ${o.op.operationId}`)).toEqual([]);
    const untagged = operations.filter(({ op }) => !(op.tags?.length > 0));
    expect(untagged.map((o) => o.at)).toEqual([]);
    const ids = operations.map(({ op }) => op.operationId as string);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('keeps the names integrators already call', () => {
    const byId = Object.fromEntries(operations.map(({ at, op }) => [op.operationId, at]));
    expect(byId).toMatchObject({
      openCase: 'POST /v1/cases',
      listCases: 'GET /v1/cases',
      getCase: 'GET /v1/cases/{id}',
      getCaseTimeline: 'GET /v1/cases/{id}/timeline',
      acceptCase: 'POST /v1/cases/{id}/accept',
      proposeResolution: 'POST /v1/cases/{id}/resolution',
      decideApproval: 'POST /v1/cases/{id}/approval',
      rateCase: 'POST /v1/cases/{id}/rating',
      withdrawCase: 'POST /v1/cases/{id}/withdraw',
    });
  });
});

describe('the typed client (clients/typescript)', () => {
  const generated = generatedClientFiles();

  it('is what the routes generate now: a route changed without `npm run build` fails here', async () => {
    expect(await staleClientFiles(generated)).toEqual([]);
  });

  it('types the list filters and every operation by its operationId', async () => {
    const { 'src/schema.ts': types } = await generated;
    expect(types).toContain('externalRef?: string;');
    expect(types).toContain('updatedSince?: string;');
    expect(types).toMatch(/\n {2}openCase: \{/);
    expect(types).toMatch(/\n {2}getCaseTimeline: \{/);
  });
});
