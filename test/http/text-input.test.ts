/**
 * Text PostgreSQL cannot store (NUL, unpaired surrogates) is refused at the API with a 400 naming
 * the field, in every body field, path parameter and query value, so no case is ever jammed by it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaseBody, startTestStack, type TestStack } from '../support/stack.js';

let s: TestStack;
let doc: any;
let caseId: string;
beforeAll(async () => {
  s = await startTestStack();
  doc = (await s.call(null, 'GET', '/openapi.json')).body;
  const opened = await s.call('integrator', 'POST', '/v1/cases', newCaseBody());
  expect(opened.status).toBe(201);
  caseId = opened.body.id;
});
afterAll(async () => {
  await s?.stop();
});

const BAD = { nul: 'a\u0000b', 'lone surrogate': 'a\uD800b', 'lone low surrogate': '\uDC00' };

/** A valid body for every operation that takes one, with every text field the schema has filled in. */
const window = ['09:00', '18:00'];
const POLICY_TARGETS = {
  name: 'text-policy',
  calendar: '24x7',
  respondWithin: 'PT1H',
  resolveWithin: 'PT2H',
  callbackWithin: 'PT3H',
  rateWithin: 'P1D',
};

const BODIES: Record<string, unknown> = {
  'post /v1/cases': {
    ...newCaseBody(),
    customer: {
      id: 'cust-text',
      name: 'Li Wei',
      tier: 'standard',
      email: 'li@example.com',
      phone: '+86 10 1234',
      organisation: 'Minerals Co',
      locale: 'zh-CN',
    },
    priority: 'high',
    product: 'Mill',
    externalRef: 'ext-1',
    slaPolicy: 'standard',
    incidentId: 'inc-text',
  },
  'post /v1/cases/{id}/accept': { assignee: 'li.ming' },
  'post /v1/cases/{id}/assign': { assignee: 'li.ming' },
  'post /v1/cases/{id}/reject': { reason: 'out of scope' },
  'post /v1/cases/{id}/findings': { summary: 'worn', rootCause: 'age', onSite: true },
  'post /v1/cases/{id}/wait-for-customer': { question: 'Which version?' },
  'post /v1/cases/{id}/customer-reply': { message: 'v2' },
  'post /v1/cases/{id}/resolution': { summary: 'fixed', remedy: 'repair' },
  'post /v1/cases/{id}/approval': { decision: 'approve', comment: 'ok' },
  'post /v1/cases/{id}/callback': { reached: true, solved: true, notes: 'fine' },
  'post /v1/cases/{id}/rating': { score: 5, comment: 'great' },
  'post /v1/cases/{id}/escalate': { reason: 'angry' },
  'post /v1/cases/{id}/notes': { text: 'called', visibility: 'internal' },
  'post /v1/cases/{id}/withdraw': { reason: 'solved himself' },
  'post /v1/cases/{id}/extend': { clock: 'resolve', by: 'PT1H', reason: 'parts' },
  // `until` and `by` exclude each other: a second body for the other one.
  'post /v1/cases/{id}/extend#until': { clock: 'resolve', until: '2026-12-01T09:00:00Z', reason: 'parts' },
  'post /v1/cases/{id}/priority': { priority: 'low', reason: 'calm' },
  'post /v1/cases/{id}/transfer': { team: 'quality', reason: 'the cause', findingsWithin: 'P2D' },
  'post /v1/cases/{id}/refuse-transfer': { reason: 'not ours' },
  'put /v1/escalation-rules/{level}': {
    caseType: 'complaint',
    team: 'complaints-desk',
    manager: 'service-manager',
    notify: ['qa.lead'],
  },
  'put /v1/sla-policies/{name}': {
    ...POLICY_TARGETS,
    findingsWithin: 'P2D',
    warnBefore: 'PT10M',
    remindCustomerAfter: 'PT1H',
    closeWithoutReplyAfter: 'PT2H',
    notify: ['received'],
    respondOn: '24x7',
    resolveOn: '24x7',
    callbackOn: '24x7',
    rateOn: '24x7',
    findingsOn: '24x7',
    byPriority: Object.fromEntries(
      ['urgent', 'high', 'normal', 'low'].map((p) => [
        p,
        {
          respondWithin: 'PT1H',
          resolveWithin: 'PT1H',
          callbackWithin: 'PT1H',
          rateWithin: 'PT1H',
          respondOn: '24x7',
          resolveOn: '24x7',
          callbackOn: '24x7',
          rateOn: '24x7',
          findingsOn: '24x7',
          findingsWithin: 'PT1H',
        },
      ]),
    ),
  },
  // warnBefore by clock: a second body for the object form.
  'put /v1/sla-policies/{name}#warnByClock': {
    ...POLICY_TARGETS,
    warnBefore: { respond: 'PT10M', resolve: 'PT10M', callback: 'PT10M', findings: 'PT10M' },
  },
  'put /v1/business-calendars/{name}': {
    name: 'text-cal',
    timeZone: 'Asia/Shanghai',
    week: {
      mon: [window],
      tue: [window],
      wed: [window],
      thu: [window],
      fri: [window],
      sat: [window],
      sun: [window],
    },
    holidays: ['2026-10-01'],
    specialDays: { '2026-10-10': [window] },
  },
  'post /v1/business-calendars/{name}/due': {
    from: '2026-11-30T09:00:00Z',
    duration: 'PT4H',
    pauses: [{ from: '2026-11-30T10:00:00Z', to: '2026-11-30T11:00:00Z' }],
  },
  'put /v1/teams/{name}': { caseTypes: ['complaint'], minLevel: 1, maxLevel: 3, lead: 'zhang' },
  'put /v1/agents/{id}': {
    name: 'Zhang San',
    team: 'complaints-desk',
    active: true,
    email: 'zhang@example.com',
  },
  'post /v1/api-keys': { role: 'integrator', name: 'night.shift', expiresAt: '2099-01-01T00:00:00Z' },
  'post /v1/webhooks': {
    url: 'https://example.org/hooks',
    events: ['*'],
    secret: 'a-secret-of-16-chars',
    integration: 'acme',
  },
  'patch /v1/webhooks/{id}': { paused: false },
  'post /v1/webhooks/{id}/rotate-secret': { secret: 'a-secret-of-16-chars', overlapSeconds: 60 },
  'post /codec/decode': { payloads: [{ metadata: { encoding: 'YmluYXJ5L3BsYWlu' }, data: 'AA==' }] },
  'post /codec/encode': { payloads: [{ metadata: { encoding: 'YmluYXJ5L3BsYWlu' }, data: 'AA==' }] },
  'post /codec/session': { key: 'some-key' },
  'post /v1/session': { apiKey: 'some-key' },
  'post /v1/cases/reassign': { caseIds: ['some-case'], assignee: 'li.ming' },
  'post /v1/incidents': {
    title: 'Outage',
    description: 'router down',
    kind: 'outage',
    severity: 'major',
    scope: { products: ['fibre'], regions: ['Pudong'], customerIds: ['cus-1'], caseTypes: ['complaint'] },
    calendar: '24x7',
  },
  'post /v1/incidents/{id}/updates': { message: 'we are on it', status: 'monitoring' },
  'post /v1/incidents/{id}/resolve': { summary: 'fixed', remedy: 'guidance', message: 'all back' },
  'post /v1/incidents/{id}/approval': { decision: 'approve', comment: 'agreed' },
  'post /v1/incidents/{id}/cancel': { reason: 'duplicate', message: 'withdrawn' },
  'post /v1/incidents/{id}/cases': { caseIds: ['case-1'] },
};

const concretePath = (p: string) =>
  p
    .replace('{id}', caseId)
    .replace('{name}', 'text-thing')
    .replace('{caseId}', caseId)
    .replace('{level}', '2');

/** Paths of every string in a value (object keys included, as a key path ending in the key). */
function stringLeaves(v: unknown, path: string[] = []): { path: string[]; key: boolean }[] {
  if (typeof v === 'string') return [{ path, key: false }];
  if (v === null || typeof v !== 'object') return [];
  return Object.entries(v).flatMap(([k, x]) => [
    ...(Array.isArray(v) ? [] : [{ path: [...path, k], key: true }]),
    ...stringLeaves(x, [...path, k]),
  ]);
}

/** The same value with the string (or key) at `path` replaced by `bad` (or made to contain it). */
function poisoned(v: any, path: string[], bad: string, key: boolean): any {
  const copy = structuredClone(v);
  const parent = path.slice(0, -1).reduce((o, k) => o[k], copy);
  const last = path[path.length - 1]!;
  if (key) {
    parent[last + bad] = parent[last];
    delete parent[last];
  } else parent[last] = bad;
  return copy;
}

/** Property paths of every string-typed field a JSON schema declares (through $refs). */
function schemaStrings(schema: any, path: string[] = [], seen = new Set<any>()): string[] {
  if (!schema || seen.has(schema)) return [];
  if (schema.$ref) return schemaStrings(resolve(schema.$ref), path, seen);
  seen.add(schema);
  const out: string[] = [];
  if (schema.type === 'string' || (Array.isArray(schema.type) && schema.type.includes('string')))
    out.push(path.join('.'));
  for (const [k, sub] of Object.entries<any>(schema.properties ?? {}))
    out.push(...schemaStrings(sub, [...path, k], seen));
  for (const sub of [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])])
    out.push(...schemaStrings(sub, path, seen));
  if (schema.items) out.push(...schemaStrings(schema.items, [...path, '*'], seen));
  if (schema.prefixItems)
    schema.prefixItems.forEach((x: any) => out.push(...schemaStrings(x, [...path, '*'], seen)));
  if (typeof schema.additionalProperties === 'object')
    out.push(...schemaStrings(schema.additionalProperties, [...path, '*'], seen));
  return out;
}
const resolve = (ref: string) =>
  ref
    .split('/')
    .slice(1)
    .reduce((o: any, k) => o[k], doc);

describe('text PostgreSQL cannot store', () => {
  it('the table above covers every operation with a body and every string field of its schema', () => {
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        const schema = op?.requestBody?.content?.['application/json']?.schema;
        if (!schema) continue;
        const key = `${method} ${path}`;
        expect(BODIES, key).toHaveProperty([key]);
        const bodies = Object.keys(BODIES).filter((k) => k === key || k.startsWith(`${key}#`));
        const filled = new Set(bodies.flatMap((k) => stringLeaves(BODIES[k]).map((l) => l.path.join('.'))));
        for (const field of schemaStrings(schema)) {
          // `*` is any array index or record key (a record's keys are text too: they are filled in).
          const pattern = new RegExp(
            `^${field
              .split('.')
              .map((k) => (k === '*' ? '[^.]+' : k))
              .join('\\.')}$`,
          );
          expect(
            [...filled].some((f) => pattern.test(f)),
            `${key} ${field}`,
          ).toBe(true);
        }
      }
    }
  });

  it('is a 400 naming the field, in every text field of every body', async () => {
    const failures: string[] = [];
    for (const [key, body] of Object.entries(BODIES)) {
      const [method, path] = key.split('#')[0]!.split(' ') as [string, string];
      for (const leaf of stringLeaves(body)) {
        for (const [what, bad] of Object.entries(BAD)) {
          const r = await s.call(
            'admin',
            method.toUpperCase(),
            concretePath(path),
            poisoned(body, leaf.path, bad, leaf.key),
          );
          const named = (r.body?.errors ?? []).some(
            (e: { path: string; in?: string }) =>
              e.in === 'body' &&
              (leaf.key
                ? e.path.startsWith(leaf.path.slice(0, -1).concat(leaf.path.at(-1)!).join('.'))
                : e.path === leaf.path.join('.')),
          );
          if (r.status !== 400 || !named || !String(r.headers.get('content-type')).includes('problem+json')) {
            failures.push(
              `${key} ${leaf.path.join('.')}${leaf.key ? ' (key)' : ''} ${what}: ${r.status} ${JSON.stringify(r.body)}`,
            );
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('is a 400 naming the parameter in the path and the query, and bad percent-encoding is a 400', async () => {
    const expectNamed = async (url: string, where: string, name: string, method = 'GET') => {
      const r = await s.call('admin', method, url, method === 'GET' ? undefined : {});
      expect(r.status, url).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.body.errors, url).toContainEqual(expect.objectContaining({ in: where, path: name }));
    };
    await expectNamed('/v1/cases?customerId=a%00b', 'query', 'customerId');
    await expectNamed('/v1/cases?assignee=%00', 'query', 'assignee');
    await expectNamed('/v1/cases?cursor=%00', 'query', 'cursor');
    await expectNamed('/v1/customers?query=li%00', 'query', 'query');
    await expectNamed('/v1/cases/a%00b', 'path', 'id');
    await expectNamed('/v1/cases/a%00b/timeline', 'path', 'id');
    await expectNamed('/v1/customers/%00', 'path', 'id');
    await expectNamed('/v1/business-calendars/x%00/due', 'path', 'name', 'POST');
    // A cursor whose decoded content holds NUL is not one the API gave out.
    const forged = Buffer.from(JSON.stringify({ c: '2026-01-01T00:00:00Z', i: 'a\u0000' })).toString(
      'base64url',
    );
    await expectNamed(`/v1/cases?cursor=${forged}`, 'query', 'cursor');
    // An unknown query parameter is named as such, where it is.
    await expectNamed('/v1/cases?colour=red', 'query', 'colour');
    for (const url of ['/v1/cases/%ff%fe', '/v1/cases/%E0%A4%A/timeline']) {
      const r = await s.call('admin', 'GET', url);
      expect(r.status, url).toBe(400);
      expect(r.body.errors[0]).toMatchObject({ in: 'path' });
    }
  });

  it('harms no case: after every refusal the case answers and acts, and a refused open frees its key', async () => {
    const view = await s.call('integrator', 'GET', `/v1/cases/${caseId}`);
    expect(view.status).toBe(200);
    const escalated = await s.call('integrator', 'POST', `/v1/cases/${caseId}/escalate`, {
      reason: 'still fine',
    });
    expect(escalated.status).toBe(200);
    expect(escalated.body.level).toBe(view.body.level + 1);
    const timeline = await s.call('agent', 'GET', `/v1/cases/${caseId}/timeline`);
    expect(JSON.stringify(timeline.body)).not.toMatch(/\\u0000|\\ud800/i);

    const key = { 'Idempotency-Key': `text-${caseId}` };
    const refused = await s.call('integrator', 'POST', '/v1/cases', newCaseBody({ subject: 'a\u0000' }), key);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toContainEqual(expect.objectContaining({ path: 'subject', in: 'body' }));
    const opened = await s.call('integrator', 'POST', '/v1/cases', newCaseBody(), key);
    expect(opened.status).toBe(201);
  });
});
