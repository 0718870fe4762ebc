/** Extreme durations and dates are refused with a 400 naming the field; the service and the case keep working. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaseBody, startTestStack, type TestStack } from '../support/stack.js';

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack();
});
afterAll(async () => {
  await s?.stop();
});

async function refused(method: string, path: string, body: unknown, field: string) {
  const t = Date.now();
  const r = await s.call('admin', method, path, body);
  expect(r.status, `${path} ${JSON.stringify(body)}: ${JSON.stringify(r.body)}`).toBe(400);
  expect(r.headers.get('content-type')).toContain('application/problem+json');
  expect(r.body.errors.map((e: { path: string }) => e.path)).toContain(field);
  expect(Date.now() - t).toBeLessThan(2000);
}

const EXTREMES = ['P999999999D', 'PT99999999H', 'P100000D', 'P367D', 'PT8785H', 'P53W'];

describe('bounds of durations and dates', () => {
  it('due: extreme durations, instants and pauses are 400s, the largest allowed answers at once', async () => {
    for (const cal of ['24x7', 'cn-workdays']) {
      for (const duration of EXTREMES) {
        await refused(
          'POST',
          `/v1/business-calendars/${cal}/due`,
          { from: '2026-11-30T09:00:00Z', duration },
          'duration',
        );
      }
      const t = Date.now();
      const max = await s.call('integrator', 'POST', `/v1/business-calendars/${cal}/due`, {
        from: '2026-11-30T09:00:00Z',
        duration: 'P366DT8784H',
      });
      expect(max.status).toBe(200);
      expect(Date.now() - t).toBeLessThan(2000);
    }
    const due = '/v1/business-calendars/24x7/due';
    await refused('POST', due, { from: '9999-12-31T00:00:00Z', duration: 'PT1H' }, 'from');
    await refused('POST', due, { from: '1900-01-01T00:00:00Z', duration: 'PT1H' }, 'from');
    const pause = { from: '2026-11-30T10:00:00Z', to: '2026-11-30T09:00:00Z' };
    await refused(
      'POST',
      due,
      { from: '2026-11-30T09:00:00Z', duration: 'PT1H', pauses: [pause] },
      'pauses.0.to',
    );
    const many = Array.from({ length: 101 }, () => ({
      from: '2026-11-30T10:00:00Z',
      to: '2026-11-30T11:00:00Z',
    }));
    await refused('POST', due, { from: '2026-11-30T09:00:00Z', duration: 'PT1H', pauses: many }, 'pauses');
    await refused(
      'GET',
      '/v1/reports/service-quality?from=0001-01-01T00:00:00Z&to=2026-01-01T00:00:00Z',
      undefined,
      'from',
    );
  });

  it('policies: extreme durations, and durations past the horizon on a sparse calendar, are 400s', async () => {
    const policy = {
      calendar: '24x7',
      respondWithin: 'PT1H',
      resolveWithin: 'PT2H',
      callbackWithin: 'PT3H',
      rateWithin: 'P1D',
    };
    for (const d of EXTREMES) {
      await refused('PUT', '/v1/sla-policies/bounds', { ...policy, resolveWithin: d }, 'resolveWithin');
      await refused(
        'PUT',
        '/v1/sla-policies/bounds',
        { ...policy, byPriority: { high: { respondWithin: d } } },
        'byPriority.high.respondWithin',
      );
    }
    const minute: [string, string][] = [['09:00', '09:01']];
    const sparse = {
      timeZone: 'UTC',
      week: { mon: minute, tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      holidays: [],
    };
    expect((await s.call('admin', 'PUT', '/v1/business-calendars/bounds-sparse', sparse)).status).toBe(200);
    await refused(
      'PUT',
      '/v1/sla-policies/bounds',
      { ...policy, calendar: 'bounds-sparse', resolveWithin: 'PT8784H' },
      'resolveWithin',
    );
    const windows = Array.from({ length: 13 }, (_, i) => [
      `${String(i).padStart(2, '0')}:00`,
      `${String(i).padStart(2, '0')}:30`,
    ]);
    await refused(
      'PUT',
      '/v1/business-calendars/bounds-many',
      { ...sparse, week: { ...sparse.week, tue: windows } },
      'week.tue',
    );
  });

  it('extend: extreme by and until are 400s; the case keeps working, and the largest allowed extension works', async () => {
    const opened = await s.call('integrator', 'POST', '/v1/cases', newCaseBody());
    expect(opened.status).toBe(201);
    const id = opened.body.id;
    const extend = `/v1/cases/${id}/extend`;
    for (const by of EXTREMES) await refused('POST', extend, { clock: 'resolve', by, reason: 'r' }, 'by');
    await refused('POST', extend, { clock: 'resolve', until: '9999-12-31T00:00:00Z', reason: 'r' }, 'until');
    const tooFar = new Date(Date.now() + 800 * 86_400_000).toISOString();
    await refused('POST', extend, { clock: 'resolve', until: tooFar, reason: 'r' }, 'until');
    const t = Date.now();
    const max = await s.call('supervisor', 'POST', extend, {
      clock: 'resolve',
      by: 'P366D',
      reason: 'parts',
    });
    expect(max.status, JSON.stringify(max.body)).toBe(200);
    expect(Date.parse(max.body.deadlines.resolveBy) - Date.parse(opened.body.deadlines.resolveBy)).toBe(
      366 * 86_400_000,
    );
    // The case keeps working: later workflow tasks are not stuck on the arithmetic.
    for (const action of ['accept', 'escalate']) {
      const r = await s.call(
        'supervisor',
        'POST',
        `/v1/cases/${id}/${action}`,
        action === 'escalate' ? { reason: 'x' } : {},
      );
      expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
    }
    expect(Date.now() - t).toBeLessThan(15_000);
    expect((await s.call('integrator', 'GET', '/readyz')).status).toBe(200);
  });
});
