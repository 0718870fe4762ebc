/** /metrics after a lifecycle run shows HTTP, case, SLA and Temporal worker metrics. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaseBody, startTestStack, type TestStack } from '../support/stack.js';

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack();
});
afterAll(async () => {
  await s?.stop();
});

const value = (text: string, metric: string, labels: string): number => {
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${metric}{`) && labels.split(',').every((p) => l.includes(p)));
  return line ? Number(line.split(' ').at(-1)) : 0;
};

describe('metrics', () => {
  it('counts cases, SLA breaches and HTTP requests, and includes the worker metrics', async () => {
    await s.call('admin', 'PUT', '/v1/sla-policies/metrics-drill', {
      calendar: '24x7',
      respondWithin: 'PT1S',
      resolveWithin: 'PT48H',
      callbackWithin: 'PT24H',
      rateWithin: 'P7D',
    });
    const { body: c } = await s.call(
      'integrator',
      'POST',
      '/v1/cases',
      newCaseBody({ type: 'complaint', slaPolicy: 'metrics-drill' }),
    );
    await new Promise((r) => setTimeout(r, 2000));
    for (const [role, action, body] of [
      ['agent', 'accept', {}],
      ['agent', 'findings', { summary: 'f' }],
      ['agent', 'resolution', { summary: 'r', remedy: 'guidance' }],
      ['agent', 'callback', { reached: true, solved: true }],
      ['integrator', 'rating', { score: 5 }],
    ] as const) {
      expect((await s.call(role, 'POST', `/v1/cases/${c.id}/${action}`, body)).status).toBe(200);
    }
    // The workflow completes just after the last answer: scrape until the worker has reported it.
    let r = await fetch(s.metricsUrl);
    let text = await r.text();
    for (let i = 0; i < 50 && !text.includes('temporal_workflow_completed'); i++) {
      await new Promise((res) => setTimeout(res, 200));
      r = await fetch(s.metricsUrl);
      text = await r.text();
    }
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/plain');
    expect(value(text, 'cases_opened_total', 'kind="complaint"')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'cases_closed_total', 'kind="complaint",status="closed"')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'sla_breaches_total', 'clock="respond"')).toBeGreaterThanOrEqual(1);
    expect(
      value(
        text,
        'http_request_duration_seconds_count',
        'method="POST",route="/v1/cases/:id/accept",status="200"',
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(
      value(text, 'http_request_duration_seconds_count', 'route="/v1/cases",status="201"'),
    ).toBeGreaterThanOrEqual(1);
    // The Temporal SDK's own worker metrics are folded in.
    expect(text).toMatch(/^temporal_\w+/m);
    expect(text).toContain('temporal_workflow_completed');
  });

  it('serves them on their own port, not on the API port integrators reach', async () => {
    expect(new URL(s.metricsUrl).port).not.toBe(new URL(s.url).port);
    const onApi = await fetch(`${s.url}/metrics`);
    expect(onApi.status).toBe(404);
    expect(await onApi.text()).not.toContain('cases_opened_total');
  });
});
