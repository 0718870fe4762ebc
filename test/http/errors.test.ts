/** Bad input gets a clear problem+json and loses nothing; rate limits answer 429 with their headers. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaseBody, startTestStack, type TestStack } from '../support/stack.js';

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack();
});
afterAll(async () => {
  await s?.stop();
});

const isProblem = (r: { headers: Headers; body: any }, status: number) => {
  expect(r.headers.get('content-type')).toContain('application/problem+json');
  expect(r.body).toMatchObject({
    status,
    title: expect.any(String),
    detail: expect.any(String),
    type: expect.any(String),
  });
  expect(JSON.stringify(r.body)).not.toMatch(/\bat .*\.ts:\d+/); // never a stack trace
};

describe('errors', () => {
  it('401 without a key or with an unknown key, 403 for a role that may not', async () => {
    const none = await s.call(null, 'GET', '/v1/cases');
    expect(none.status).toBe(401);
    isProblem(none, 401);
    const unknown = await s.call(null, 'GET', '/v1/cases', undefined, { Authorization: 'Bearer nope' });
    expect(unknown.status).toBe(401);
    const forbidden = await s.call('integrator', 'POST', '/v1/cases/x/accept', {});
    expect(forbidden.status).toBe(403);
    isProblem(forbidden, 403);
  });

  it('400 for malformed JSON', async () => {
    const r = await s.call('integrator', 'POST', '/v1/cases', '{"type": "complaint",', {
      'Content-Type': 'application/json',
    });
    expect(r.status).toBe(400);
    isProblem(r, 400);
    expect(r.body.detail).toMatch(/malformed JSON/);
  });

  it('400 listing every invalid field', async () => {
    const r = await s.call('integrator', 'POST', '/v1/cases', {
      type: 'praise',
      channel: 'pigeon',
      subject: '',
      customer: { email: 'not-an-email' },
      extra: 1,
    });
    expect(r.status).toBe(400);
    isProblem(r, 400);
    const paths = r.body.errors.map((e: { path: string }) => e.path);
    for (const p of ['type', 'channel', 'subject', 'description', 'customer.name', 'customer.email']) {
      expect(paths).toContain(p);
    }
    expect(r.body.errors.every((e: { message: string }) => e.message.length > 0)).toBe(true);
  });

  it('400 for a limit above 200 and for a cursor we never gave out', async () => {
    const big = await s.call('agent', 'GET', '/v1/cases?limit=201');
    expect(big.status).toBe(400);
    expect(big.body.errors[0].path).toBe('limit');
    const cursor = await s.call('agent', 'GET', '/v1/cases?cursor=garbage');
    expect(cursor.status).toBe(400);
    const status = await s.call('agent', 'GET', '/v1/cases?status=open');
    expect(status.status).toBe(400);
  });

  it('404 for an unknown case and an unknown route, 415 for a non-JSON body', async () => {
    const r = await s.call('agent', 'GET', '/v1/cases/does-not-exist');
    expect(r.status).toBe(404);
    isProblem(r, 404);
    const a = await s.call('agent', 'POST', '/v1/cases/does-not-exist/accept', {});
    expect(a.status).toBe(404);
    const route = await s.call('agent', 'GET', '/v1/nothing-here');
    expect(route.status).toBe(404);
    isProblem(route, 404);
    const text = await s.call('integrator', 'POST', '/v1/cases', 'type=complaint', {
      'Content-Type': 'text/plain',
    });
    expect(text.status).toBe(415);
    isProblem(text, 415);
  });

  it('puts a request id on every response, and echoes a given one', async () => {
    const r = await s.call('agent', 'GET', '/v1/cases?limit=1');
    expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const given = await s.call('agent', 'GET', '/v1/cases?limit=1', undefined, {
      'X-Request-Id': 'trace-abc.1',
    });
    expect(given.headers.get('x-request-id')).toBe('trace-abc.1');
    const err = await s.call(null, 'GET', '/v1/cases');
    expect(err.headers.get('x-request-id')).toBeTruthy();
  });

  it('pages through the list newest first with an opaque cursor', async () => {
    const customerId = `pager-${Date.now()}`;
    const opened: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await s.call(
        'integrator',
        'POST',
        '/v1/cases',
        newCaseBody({ customer: { id: customerId, name: 'P' } }),
      );
      opened.push(r.body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await s.call(
        'agent',
        'GET',
        `/v1/cases?customerId=${customerId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((c: { id: string }) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...opened].reverse());
  });
});

describe('rate limits', () => {
  let limited: TestStack;
  beforeAll(async () => {
    limited = await startTestStack({ RATE_LIMIT_PER_MINUTE: '5', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await limited?.stop();
  });

  it('answers 429 with Retry-After and RateLimit headers once a key uses up its quota', async () => {
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push(await limited.call('agent', 'GET', '/v1/cases?limit=1'));
    expect(answers.slice(0, 5).map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers[0]!.headers.get('ratelimit-policy')).toContain('5');
    expect(answers[0]!.headers.get('ratelimit')).toBeTruthy();
    const last = answers[6]!;
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    isProblem(last, 429);
    // another key has its own quota
    expect((await limited.call('supervisor', 'GET', '/v1/cases?limit=1')).status).toBe(200);
  });

  it('limits requests without a valid key per address, before looking the token up', async () => {
    const answers = [];
    const took: number[] = [];
    for (let i = 0; i < 5; i++) {
      const token = `csk_${randomUUID()}`;
      const t = performance.now();
      answers.push(
        await limited.call(null, 'GET', '/v1/cases?limit=1', undefined, { Authorization: `Bearer ${token}` }),
      );
      took.push(performance.now() - t);
    }
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 429, 429]);
    // Refusals for the address are held (RATE_LIMIT_REFUSAL_DELAY_MS, 1 s by default).
    expect(Math.min(...took.slice(3))).toBeGreaterThanOrEqual(950);
    const last = answers[4]!;
    isProblem(last, 429);
    expect(last.body.detail).toContain('without a valid key from this address');
    expect(last.body.instance).toBe('/v1/cases?limit=1');
    expect(last.headers.get('ratelimit-policy')).toBe('"default";q=3;w=60');
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    // a known key is not held back by the address's refusals
    expect((await limited.call('integrator', 'GET', '/v1/cases?limit=1')).status).toBe(200);
  });
});

describe('methods', () => {
  it('answers 405 with Allow for a known path and another method', async () => {
    const r = await s.call('admin', 'DELETE', '/v1/cases');
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('POST, GET');
    isProblem(r, 405);
  });

  it('answers OPTIONS with the methods of the most specific route', async () => {
    const reassign = await s.call(null, 'OPTIONS', '/v1/cases/reassign');
    expect(reassign.status).toBe(204);
    // a route of its own, not a case id for GET /v1/cases/{id}
    expect(reassign.headers.get('allow')).toBe('POST');
    expect((await s.call(null, 'OPTIONS', '/v1/cases')).headers.get('allow')).toBe('POST, GET');
  });
});
