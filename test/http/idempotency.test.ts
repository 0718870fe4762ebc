/** Idempotency-Key: the same key and body give the same case and never apply an action twice. */
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

const key = () => `idem-${randomUUID()}`;

describe('Idempotency-Key on POST /v1/cases', () => {
  it('gives 201 then 200 with the same case', async () => {
    const body = newCaseBody();
    const k = key();
    const first = await s.call('integrator', 'POST', '/v1/cases', body, { 'Idempotency-Key': k });
    const second = await s.call('integrator', 'POST', '/v1/cases', body, { 'Idempotency-Key': k });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.number).toBe(first.body.number);
  });

  it('answers 422 when the key comes back with a different body', async () => {
    const k = key();
    const first = await s.call('integrator', 'POST', '/v1/cases', newCaseBody(), { 'Idempotency-Key': k });
    expect(first.status).toBe(201);
    const other = await s.call('integrator', 'POST', '/v1/cases', newCaseBody({ subject: 'another thing' }), {
      'Idempotency-Key': k,
    });
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    expect(other.body.detail).toContain(k);
  });

  it('opens exactly one case for 16 concurrent identical requests', async () => {
    const body = newCaseBody();
    const k = key();
    const answers = await Promise.all(
      Array.from({ length: 16 }, () =>
        s.call('integrator', 'POST', '/v1/cases', body, { 'Idempotency-Key': k }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((x) => x === 201)).toHaveLength(1);
    expect(statuses.filter((x) => x === 200)).toHaveLength(15);
    const ids = new Set(answers.map((a) => a.body.id));
    expect(ids.size).toBe(1);
    const numbers = new Set(answers.map((a) => a.body.number));
    expect(numbers.size).toBe(1);
    const listed = await s.call('agent', 'GET', `/v1/cases?customerId=${body.customer.id}`);
    expect(listed.body.items).toHaveLength(1);
  });

  it('keeps keys of different API keys apart', async () => {
    const k = key();
    const a = await s.call('integrator', 'POST', '/v1/cases', newCaseBody(), { 'Idempotency-Key': k });
    const b = await s.call('agent', 'POST', '/v1/cases', newCaseBody(), { 'Idempotency-Key': k });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(a.body.id).not.toBe(b.body.id);
  });
});

describe('Idempotency-Key on actions', () => {
  it('applies a retried action once, also when retried concurrently', async () => {
    const { body: c } = await s.call('integrator', 'POST', '/v1/cases', newCaseBody());
    await s.call('agent', 'POST', `/v1/cases/${c.id}/accept`, {});
    const k = key();
    const notes = await Promise.all(
      Array.from({ length: 12 }, () =>
        s.call(
          'agent',
          'POST',
          `/v1/cases/${c.id}/notes`,
          { text: 'called the customer', visibility: 'public' },
          {
            'Idempotency-Key': k,
          },
        ),
      ),
    );
    expect(notes.map((n) => n.status)).toEqual(Array(12).fill(200));
    const tl = await s.call('agent', 'GET', `/v1/cases/${c.id}/timeline`);
    expect(tl.body.items.filter((e: { type: string }) => e.type === 'case.note_added')).toHaveLength(1);

    const again = await s.call(
      'agent',
      'POST',
      `/v1/cases/${c.id}/notes`,
      { text: 'different', visibility: 'public' },
      {
        'Idempotency-Key': k,
      },
    );
    expect(again.status).toBe(422);
  });

  it('answers a retried escalation with the case, without raising the level again', async () => {
    const { body: c } = await s.call('integrator', 'POST', '/v1/cases', newCaseBody());
    const k = key();
    const first = await s.call(
      'integrator',
      'POST',
      `/v1/cases/${c.id}/escalate`,
      { reason: 'vip' },
      { 'Idempotency-Key': k },
    );
    const retry = await s.call(
      'integrator',
      'POST',
      `/v1/cases/${c.id}/escalate`,
      { reason: 'vip' },
      { 'Idempotency-Key': k },
    );
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(first.body.level).toBe(c.level + 1);
    expect(retry.body.level).toBe(c.level + 1);
  });
});

describe('Idempotency-Key on the action that ends a case', () => {
  it('answers a retried closing rating with the closed case', async () => {
    const { body: c } = await s.call('integrator', 'POST', '/v1/cases', newCaseBody());
    await s.call('agent', 'POST', `/v1/cases/${c.id}/accept`, {});
    await s.call('agent', 'POST', `/v1/cases/${c.id}/findings`, { summary: 'x' });
    await s.call('agent', 'POST', `/v1/cases/${c.id}/resolution`, { summary: 'x', remedy: 'guidance' });
    await s.call('agent', 'POST', `/v1/cases/${c.id}/callback`, { reached: true, solved: true });
    const k = key();
    const first = await s.call(
      'integrator',
      'POST',
      `/v1/cases/${c.id}/rating`,
      { score: 5 },
      { 'Idempotency-Key': k },
    );
    const retry = await s.call(
      'integrator',
      'POST',
      `/v1/cases/${c.id}/rating`,
      { score: 5 },
      { 'Idempotency-Key': k },
    );
    expect(first.body.status).toBe('closed');
    expect(retry.status).toBe(200);
    expect(retry.body.status).toBe('closed');
    const fresh = await s.call('integrator', 'POST', `/v1/cases/${c.id}/rating`, { score: 5 });
    expect(fresh.status).toBe(409);
  });
});
