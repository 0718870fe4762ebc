/**
 * The whole role matrix over HTTP: every route the app declares × no key and each role. The
 * expectations are written out here from the contract (docs/api.md) (admin may do everything), not read back
 * from the code, so a wrong role in a route declaration fails this test. Only 401/403 matter: a
 * 400, 404 or 409 still shows the role got past the gate.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiPath, type RouteSpec } from '../../api/http.js';
import { newCaseBody, startTestStack, type TestRole, type TestStack } from '../support/stack.js';

const ROLES = ['integrator', 'agent', 'supervisor', 'admin'] as const satisfies readonly TestRole[];
type Role = (typeof ROLES)[number];

const PUBLIC = 'public' as const;
const EVERYONE: Role[] = ['integrator', 'agent', 'supervisor'];
const STAFF: Role[] = ['agent', 'supervisor'];
const ADMIN_ONLY: Role[] = [];

/**
 * Who may call each route besides admin (who may call them all). First the original contract;
 * the routes after it came later and follow the domain (supervisors decide extensions,
 * customer data for those who serve the customer; the directory and keys administered by admin,
 * webhooks by admin and each integration for its own).
 */
const EXPECTED: Record<string, Role[] | typeof PUBLIC> = {
  // The original contract
  'POST /v1/cases': ['integrator', 'agent'],
  'GET /v1/cases/{id}': EVERYONE,
  'GET /v1/cases': EVERYONE,
  'GET /v1/cases/{id}/timeline': EVERYONE,
  'POST /v1/cases/{id}/accept': STAFF,
  'POST /v1/cases/{id}/assign': STAFF,
  'POST /v1/cases/{id}/reject': STAFF,
  'POST /v1/cases/{id}/findings': STAFF,
  'POST /v1/cases/{id}/wait-for-customer': STAFF,
  'POST /v1/cases/{id}/customer-reply': ['integrator', 'agent'],
  'POST /v1/cases/{id}/resolution': STAFF,
  'POST /v1/cases/{id}/approval': ['supervisor'],
  'POST /v1/cases/{id}/callback': STAFF,
  'POST /v1/cases/{id}/rating': ['integrator', 'agent'],
  'POST /v1/cases/{id}/escalate': ['integrator', 'agent', 'supervisor'],
  'POST /v1/cases/{id}/notes': STAFF,
  'POST /v1/cases/{id}/withdraw': ['integrator', 'supervisor'],
  'GET /v1/sla-policies': EVERYONE,
  'PUT /v1/sla-policies/{name}': ADMIN_ONLY,
  'GET /v1/business-calendars': EVERYONE,
  'PUT /v1/business-calendars/{name}': ADMIN_ONLY,
  'POST /v1/business-calendars/{name}/due': EVERYONE,
  'GET /v1/reports/service-quality': ['supervisor'],
  'GET /healthz': PUBLIC,
  'GET /readyz': PUBLIC,
  'GET /openapi.json': PUBLIC,
  // Added since
  'POST /v1/cases/{id}/extend': ['supervisor'],
  'POST /v1/cases/{id}/priority': STAFF,
  'GET /v1/customers': EVERYONE,
  'GET /v1/customers/{id}': EVERYONE,
  'GET /v1/teams': STAFF,
  'PUT /v1/teams/{name}': ADMIN_ONLY,
  'GET /v1/agents': STAFF,
  'PUT /v1/agents/{id}': ADMIN_ONLY,
  'GET /v1/api-keys': ADMIN_ONLY,
  'POST /v1/api-keys': ADMIN_ONLY,
  'DELETE /v1/api-keys/{id}': ADMIN_ONLY,
  // Teams own work (issue 26)
  'POST /v1/cases/{id}/transfer': STAFF,
  'POST /v1/cases/{id}/refuse-transfer': STAFF,
  'GET /v1/escalation-rules': STAFF,
  'PUT /v1/escalation-rules/{level}': ADMIN_ONLY,
  // Webhooks (issue 25): an integrator key manages its own integration's subscriptions.
  'POST /v1/webhooks': ['integrator'],
  'GET /v1/webhooks': ['integrator'],
  'GET /v1/webhooks/{id}': ['integrator'],
  'DELETE /v1/webhooks/{id}': ['integrator'],
  'GET /v1/webhooks/{id}/deliveries': ['integrator'],
  'PATCH /v1/webhooks/{id}': ['integrator'],
  'POST /v1/webhooks/{id}/rotate-secret': ['integrator'],
  'POST /v1/webhooks/{id}/ping': ['integrator'],
  'POST /v1/webhooks/{id}/deliveries/{eventId}/redeliver': ['integrator'],
  'DELETE /v1/customers/{id}/personal-data': ADMIN_ONLY,
  'POST /codec/decode': ['supervisor'],
  'GET /v1/codec-access': ADMIN_ONLY,
  'GET /v1/audit-log': ADMIN_ONLY,
  'POST /codec/encode': ['supervisor'],
  'POST /codec/session': PUBLIC,
  'GET /codec/login': PUBLIC,
  // The console's (issue 15)
  'POST /v1/session': PUBLIC,
  'GET /v1/session': EVERYONE,
  'DELETE /v1/session': EVERYONE,
  'POST /v1/cases/reassign': ['supervisor'],
  'GET /v1/case-changes': ['integrator', 'agent', 'supervisor'], // a scoped integrator: its cases by id
  // Customers' case page links (docs/notifications.md): staff who serve the customer.
  'POST /v1/cases/{id}/customer-link': ['agent', 'supervisor'],
  'POST /v1/cases/{id}/customer-link/revoke': ['agent', 'supervisor'],
  // Incidents: staff run them, supervisors resolve, cancel and report.
  'POST /v1/incidents': STAFF,
  'GET /v1/incidents': STAFF,
  'GET /v1/incidents/{id}': EVERYONE,
  'POST /v1/incidents/{id}/updates': STAFF,
  'POST /v1/incidents/{id}/resolve': ['supervisor'],
  'POST /v1/incidents/{id}/approval': ['supervisor'],
  'POST /v1/incidents/{id}/cancel': ['supervisor'],
  'POST /v1/incidents/{id}/cases': STAFF,
  'DELETE /v1/incidents/{id}/cases/{caseId}': STAFF,
  'GET /v1/incidents/{id}/cases': STAFF,
  'GET /v1/incidents/{id}/report': ['supervisor'],
  // People are told (docs/notifications.md): each their own.
  'GET /v1/notifications': STAFF,
  'GET /v1/notifications/stream': STAFF,
  'POST /v1/notifications/{id}/read': STAFF,
};

const allowedRoles = (key: string): Role[] | typeof PUBLIC => {
  const e = EXPECTED[key]!;
  return e === PUBLIC ? PUBLIC : [...new Set<Role>([...e, 'admin'])];
};

let s: TestStack;
let specs: RouteSpec[];
let document: any;
let caseId: string;
let customerId: string;
const token = randomUUID().slice(0, 8);

beforeAll(async () => {
  s = await startTestStack();
  // The same declarations the running stack mounted.
  ({ specs, document } = s.http!);
  const opened = await s.call('integrator', 'POST', '/v1/cases', newCaseBody());
  expect(opened.status).toBe(201);
  caseId = opened.body.id;
  customerId = opened.body.customer.id;
});
afterAll(async () => {
  await s?.stop();
});

const keyOf = (spec: Pick<RouteSpec, 'method' | 'path'>) =>
  `${spec.method.toUpperCase()} ${openApiPath(spec.path)}`;

/** A concrete URL: a real case and customer, the 24x7 calendar, throwaway names for writes. */
function concrete(method: string, path: string): string {
  return path
    .replace('/v1/cases/{id}', `/v1/cases/${caseId}`)
    .replace('/v1/customers/{id}', `/v1/customers/${customerId}`)
    .replace('{name}', method === 'PUT' ? `roles-test-${token}` : '24x7')
    .replace('{id}', `roles-test-${token}`);
}

/**
 * An empty object as the body of every write: invalid for nearly all of them (400, nothing
 * changes), and the role gate comes before validation.
 */
async function request(role: Role | null, key: string) {
  const [method, path] = key.split(' ') as [string, string];
  const body = method === 'GET' || method === 'DELETE' ? undefined : {};
  return s.call(role, method, concrete(method, path), body);
}

describe('the role matrix', () => {
  it('has an expectation for every route the app declares, and declares every expected route', () => {
    const declared = specs.map(keyOf).sort();
    expect(new Set(declared).size, 'a route is declared twice').toBe(declared.length);
    const missingExpectation = declared.filter((k) => !(k in EXPECTED));
    expect(missingExpectation, 'declared routes with no expected roles here: add them to EXPECTED').toEqual(
      [],
    );
    const notDeclared = Object.keys(EXPECTED).filter((k) => !declared.includes(k));
    expect(notDeclared, 'expected routes the app does not declare').toEqual([]);
  });

  it("the OpenAPI document's x-roles and security say the same (admin aside)", () => {
    for (const [path, item] of Object.entries<any>(document.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        const key = `${method.toUpperCase()} ${path}`;
        if (!(key in EXPECTED)) continue; // reported by the test above
        const expected = allowedRoles(key);
        if (expected === PUBLIC) {
          expect(op.security, key).toEqual([]);
          expect(op['x-roles'], key).toBeUndefined();
        } else {
          expect(op.security, key).toEqual([{ apiKey: [] }]);
          expect([...new Set([...(op['x-roles'] as string[]), 'admin'])].sort(), key).toEqual(
            [...expected].sort(),
          );
        }
      }
    }
  });

  it.each(Object.keys(EXPECTED))('%s', async (key) => {
    const expected = allowedRoles(key);
    const anonymous = await request(null, key);
    expect(
      anonymous.status === 404 && /^no route/.test(anonymous.body?.detail ?? ''),
      `${key} is not served`,
    ).toBe(false);
    if (expected === PUBLIC) {
      expect([401, 403], `${key} without a key`).not.toContain(anonymous.status);
    } else {
      expect(anonymous.status, `${key} without a key`).toBe(401);
      expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const [method, path] = key.split(' ') as [string, string];
      const unknown = await s.call(null, method, concrete(method, path), method === 'GET' ? undefined : {}, {
        Authorization: 'Bearer not-a-key-anyone-has',
      });
      expect(unknown.status, `${key} with an unknown key`).toBe(401);
    }
    for (const role of ROLES) {
      const r = await request(role, key);
      if (expected === PUBLIC || expected.includes(role)) {
        expect([401, 403], `${role} may ${key}, got ${r.status}: ${JSON.stringify(r.body)}`).not.toContain(
          r.status,
        );
      } else {
        expect(r.status, `${role} may not ${key}`).toBe(403);
        expect(r.headers.get('content-type'), `${role} ${key}`).toContain('application/problem+json');
        expect(r.body).toMatchObject({
          status: 403,
          title: 'Forbidden',
          type: expect.any(String),
          detail: expect.any(String),
        });
      }
    }
  });
});
