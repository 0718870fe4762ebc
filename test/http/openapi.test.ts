/**
 * The served OpenAPI document: valid OpenAPI 3.1, describes every endpoint of the contract (docs/api.md), and agrees
 * with what the app really serves in both directions.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createApp } from '../../api/app.js';
import { openApiPath, type RouteSpec } from '../../api/http.js';
import { newCaseBody, startTestStack, type TestStack } from '../support/stack.js';

/** Every endpoint of the contract, written out from it. */
const API_MD: Record<string, string[]> = {
  '/v1/cases': ['get', 'post'],
  '/v1/cases/{id}': ['get'],
  '/v1/cases/{id}/timeline': ['get'],
  '/v1/cases/{id}/accept': ['post'],
  '/v1/cases/{id}/assign': ['post'],
  '/v1/cases/{id}/reject': ['post'],
  '/v1/cases/{id}/findings': ['post'],
  '/v1/cases/{id}/wait-for-customer': ['post'],
  '/v1/cases/{id}/customer-reply': ['post'],
  '/v1/cases/{id}/resolution': ['post'],
  '/v1/cases/{id}/approval': ['post'],
  '/v1/cases/{id}/callback': ['post'],
  '/v1/cases/{id}/rating': ['post'],
  '/v1/cases/{id}/escalate': ['post'],
  '/v1/cases/{id}/notes': ['post'],
  '/v1/cases/{id}/withdraw': ['post'],
  '/v1/sla-policies': ['get'],
  '/v1/sla-policies/{name}': ['put'],
  '/v1/business-calendars': ['get'],
  '/v1/business-calendars/{name}': ['put'],
  '/v1/business-calendars/{name}/due': ['post'],
  '/v1/reports/service-quality': ['get'],
  '/healthz': ['get'],
  '/readyz': ['get'],
  '/openapi.json': ['get'],
};

/** Served on purpose outside the document: the Swagger UI page that renders the document itself. */
// Not API operations: the console's pages (HTML of the single-page app) and the customer's case
// page (HTML for people with a signed link).
const UNDOCUMENTED = new Set([
  'GET /docs',
  'GET /console',
  'GET /console/*page',
  'GET /c/{token}',
  'POST /c/{token}/reply',
  'POST /c/{token}/rating',
]);

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

let s: TestStack;
let doc: any;
let app: ReturnType<typeof createApp>['app'];
let specs: RouteSpec[];
let caseId: string;
let customerId: string;
const token = randomUUID().slice(0, 8);

beforeAll(async () => {
  s = await startTestStack();
  const r = await s.call(null, 'GET', '/openapi.json');
  expect(r.status).toBe(200);
  doc = r.body;
  ({ app, specs } = s.http!);
  const opened = await s.call('integrator', 'POST', '/v1/cases', newCaseBody());
  expect(opened.status).toBe(201);
  caseId = opened.body.id;
  customerId = opened.body.customer.id;
});
afterAll(async () => {
  await s?.stop();
});

const operations = (): [string, string][] =>
  Object.entries<any>(doc.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((m) => HTTP_METHODS.includes(m))
      .map((m) => [path, m] as [string, string]),
  );

/** Method + path of every route in an Express 5 router, descending into mounted routers. */
function expressRoutes(stack: any[]): string[] {
  const out: string[] = [];
  for (const layer of stack) {
    if (layer.route) {
      const paths: unknown[] = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const p of paths) {
        for (const m of Object.keys(layer.route.methods).filter(
          (m) => m !== '_all' && layer.route.methods[m],
        )) {
          out.push(`${m.toUpperCase()} ${openApiPath(String(p))}`);
        }
      }
    } else if (Array.isArray(layer.handle?.stack)) {
      out.push(...expressRoutes(layer.handle.stack));
    }
  }
  return out;
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and valid', async () => {
    expect(String(doc.openapi).startsWith('3.1')).toBe(true);
    // validate() dereferences in place: give it a copy.
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeTruthy();
  });

  it('declares every path parameter of every operation', () => {
    const undeclared: string[] = [];
    for (const [path, method] of operations()) {
      const declared = new Set(
        (doc.paths[path][method].parameters ?? [])
          .filter((p: { in: string; required?: boolean }) => p.in === 'path' && p.required)
          .map((p: { name: string }) => p.name),
      );
      for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
        if (!declared.has(name)) undeclared.push(`${method.toUpperCase()} ${path}: ${name}`);
      }
    }
    expect(undeclared).toEqual([]);
  });

  it('describes every endpoint of the contract', () => {
    const missing = Object.entries(API_MD).flatMap(([path, methods]) =>
      methods.filter((m) => !doc.paths[path]?.[m]).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(missing).toEqual([]);
  });

  it('describes the path parameters, bodies and Idempotency-Key of case actions', () => {
    const accept = doc.paths['/v1/cases/{id}/accept'].post;
    expect(accept.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'id', in: 'path', required: true }),
        expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }),
      ]),
    );
    expect(accept.requestBody.content['application/json'].schema).toBeTruthy();
    const list = doc.paths['/v1/cases'].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining([
        'status',
        'type',
        'priority',
        'customerId',
        'assignee',
        'breached',
        'limit',
        'cursor',
      ]),
    );
    const report = doc.paths['/v1/reports/service-quality'].get;
    expect(
      report.parameters
        .filter((p: { required?: boolean }) => p.required)
        .map((p: { name: string }) => p.name)
        .sort(),
    ).toEqual(['from', 'to']);
  });

  it('lists exactly the routes the app declares', () => {
    const declared = specs.map((sp) => `${sp.method.toUpperCase()} ${openApiPath(sp.path)}`).sort();
    const documented = operations()
      .map(([p, m]) => `${m.toUpperCase()} ${p}`)
      .sort();
    expect(documented).toEqual(declared);
  });

  it('documents every route the Express app serves', () => {
    const served = [...new Set(expressRoutes((app as any).router.stack))].sort();
    expect(served.length).toBeGreaterThan(20);
    const documented = new Set(operations().map(([p, m]) => `${m.toUpperCase()} ${p}`));
    expect(served.filter((r) => !documented.has(r) && !UNDOCUMENTED.has(r))).toEqual([]);
  });

  it('an unknown route answers the "no route" problem', async () => {
    const r = await s.call('admin', 'GET', `/v1/nothing-here-${token}`);
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body.detail).toMatch(/^no route GET /);
  });

  it('every operation in the document is served', async () => {
    const unserved: string[] = [];
    for (const [path, method] of operations()) {
      const url = path
        .replace('/v1/cases/{id}', `/v1/cases/${caseId}`)
        .replace('/v1/customers/{id}', `/v1/customers/${customerId}`)
        .replace('{name}', method === 'put' ? `openapi-test-${token}` : '24x7')
        .replace(/\{[^}]+\}/g, `openapi-test-${token}`);
      expect(url, 'every path parameter was filled').not.toMatch(/[{}]/);
      // Writes get an empty body: invalid (400), so nothing changes, but the route answers.
      const body = method === 'get' || method === 'delete' ? undefined : {};
      const r = await s.call('admin', method.toUpperCase(), url, body);
      const noRoute = r.status === 404 && /^no route/.test(r.body?.detail ?? '');
      if (noRoute || r.status === 405 || r.status >= 500)
        unserved.push(`${method.toUpperCase()} ${path} → ${r.status}`);
    }
    expect(unserved).toEqual([]);
  });

  it('documents every required text of a request as not blank, as the API checks it', () => {
    // The API trims texts and refuses what is left empty; a schema without the pattern lets a
    // client (or a fuzzer: an incident titled "\u000b") send white space the document allows.
    const resolve = (s: any): any => (s?.$ref ? doc.components.schemas[s.$ref.split('/').pop()] : s);
    const bare = new Set<string>();
    const seen = new Set<any>();
    const walk = (raw: any, where: string): void => {
      const s = resolve(raw);
      if (!s || typeof s !== 'object' || seen.has(s)) return;
      seen.add(s);
      const blankAllowed = !s.pattern || new RegExp(s.pattern, 'u').test(' \u000b');
      if (s.type === 'string' && (s.minLength ?? 0) >= 1 && blankAllowed && !s.enum && !s.format)
        bare.add(where);
      for (const [k, v] of Object.entries(s.properties ?? {})) walk(v, `${where}.${k}`);
      if (s.items) walk(s.items, `${where}[]`);
      for (const alt of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) walk(alt, where);
    };
    for (const [path, ops] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(ops)) {
        const where = `${method.toUpperCase()} ${path}`;
        walk(op.requestBody?.content?.['application/json']?.schema, `${where} body`);
        for (const p of op.parameters ?? [])
          if (p.in !== 'header') walk(p.schema, `${where} ${p.in} ${p.name}`);
      }
    }
    // Taken as given, not trimmed: white space there is a value (a filter that matches nothing, a
    // key or cursor refused for what it is), so the schema allowing it is true.
    const asGiven = [
      'GET /v1/audit-log query action',
      'GET /v1/audit-log query actor',
      'GET /v1/audit-log query cursor',
      'GET /v1/audit-log query targetId',
      'GET /v1/audit-log query targetType',
      'GET /v1/case-changes query cases',
      'GET /v1/cases query assignee',
      'GET /v1/cases query cursor',
      'GET /v1/cases query customerId',
      'GET /v1/cases query team',
      'GET /v1/codec-access query actor',
      'GET /v1/codec-access query caseId',
      'GET /v1/customers query cursor',
      'GET /v1/notifications query cursor',
      'GET /v1/reports/service-quality query customerId',
      'GET /v1/reports/service-quality query incidentId',
      'POST /codec/session body.key',
      'POST /v1/cases/reassign body.caseIds[]',
      'POST /v1/session body.apiKey',
      'POST /v1/webhooks body.secret',
      'POST /v1/webhooks/{id}/rotate-secret body.secret',
      'PUT /v1/agents/{id} body.team',
      'PUT /v1/sla-policies/{name} body.calendar',
    ];
    expect([...bare].sort()).toEqual(asGiven.sort());
  });

  it("says in each operation's description (what /docs shows) which roles may call it, admin included", () => {
    const rolesIn = (description: string) => {
      const line = /\*\*Roles:\*\* ([^\n]*)/.exec(description)?.[1];
      if (line === undefined) return undefined;
      return line.startsWith('public')
        ? 'public'
        : line
            .replace(/ \(.*$|\.$/g, '')
            .split(', ')
            .sort();
    };
    for (const spec of specs) {
      const key = `${spec.method.toUpperCase()} ${openApiPath(spec.path)}`;
      const op = doc.paths[openApiPath(spec.path)][spec.method];
      const expected = spec.roles === 'public' ? 'public' : [...new Set([...spec.roles, 'admin'])].sort();
      expect(rolesIn(op.description ?? ''), key).toEqual(expected);
      if (expected !== 'public') expect([...op['x-roles']].sort(), key).toEqual(expected);
    }
    // Spot checks written out, so a wrong reading of the declarations cannot pass unnoticed.
    const described = (path: string, method: string) => doc.paths[path][method].description as string;
    expect(described('/v1/cases/{id}/approval', 'post')).toContain(
      '**Roles:** supervisor, admin (admin may do everything).',
    );
    expect(described('/v1/customers/{id}/personal-data', 'delete')).toContain('**Roles:** admin.');
    expect(described('/healthz', 'get')).toContain('**Roles:** public');
  });
});
