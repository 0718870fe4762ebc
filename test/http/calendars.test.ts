/** Business calendars and policies over HTTP; the due endpoint gives the examples of docs/api.md exactly. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack.js';

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack();
});
afterAll(async () => {
  await s?.stop();
});

const day: [string, string][] = [['09:00', '18:00']];
const officeWeek = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] };

describe('business calendars', () => {
  it('computes the documented deadlines on a Monday–Friday 09:00–18:00 calendar', async () => {
    const put = await s.call('admin', 'PUT', '/v1/business-calendars/office-utc', {
      name: 'office-utc',
      timeZone: 'UTC',
      week: officeWeek,
      holidays: [],
    });
    expect(put.status).toBe(200);
    const due = async (from: string, duration: string, pauses?: { from: string; to: string }[]) => {
      const r = await s.call('integrator', 'POST', '/v1/business-calendars/office-utc/due', {
        from,
        duration,
        pauses,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.due;
    };
    // 2026-11-23 is a Monday
    expect(await due('2026-11-23T10:00:00Z', 'P3D')).toBe('2026-11-26T10:00:00.000Z'); // Thursday 10:00
    expect(await due('2026-11-28T12:00:00Z', 'P3D')).toBe('2026-12-02T18:00:00.000Z'); // Saturday noon → Wednesday 18:00
    expect(await due('2026-11-27T17:00:00Z', 'PT2H')).toBe('2026-11-30T10:00:00.000Z'); // Friday 17:00 → Monday 10:00
    expect(await due('2026-11-23T16:00:00Z', 'PT2H')).toBe('2026-11-23T18:00:00.000Z'); // runs out at 18:00 exactly
    // a pause of one working hour pushes the deadline by one working hour
    expect(
      await due('2026-11-23T16:00:00Z', 'PT2H', [
        { from: '2026-11-23T16:30:00Z', to: '2026-11-23T17:30:00Z' },
      ]),
    ).toBe('2026-11-24T10:00:00.000Z');
    expect(await due('2026-11-23T10:00:00Z', 'P3D')).not.toBe(await due('2026-11-23T10:00:00Z', 'PT72H'));
    const always = await s.call('integrator', 'POST', '/v1/business-calendars/24x7/due', {
      from: '2026-11-23T10:00:00Z',
      duration: 'P3D',
    });
    expect(always.body.due).toBe('2026-11-26T10:00:00.000Z');
  });

  it('refuses invalid calendars and a name that differs from the path', async () => {
    const bad = await s.call('admin', 'PUT', '/v1/business-calendars/bad', {
      timeZone: 'Mars/Olympus',
      week: { ...officeWeek, mon: [['18:00', '09:00']] },
      holidays: ['2026-02-30'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.length).toBeGreaterThanOrEqual(2);
    const mismatch = await s.call('admin', 'PUT', '/v1/business-calendars/one', {
      name: 'two',
      timeZone: 'UTC',
      week: officeWeek,
      holidays: [],
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors[0].path).toBe('name');
    const builtin = await s.call('admin', 'PUT', '/v1/business-calendars/24x7', {
      timeZone: 'UTC',
      week: officeWeek,
      holidays: [],
    });
    expect(builtin.status).toBe(400);
    const unknown = await s.call('agent', 'POST', '/v1/business-calendars/nope/due', {
      from: '2026-11-23T10:00:00Z',
      duration: 'P1D',
    });
    expect(unknown.status).toBe(404);
    const badDuration = await s.call('agent', 'POST', '/v1/business-calendars/24x7/due', {
      from: '2026-11-23T10:00:00Z',
      duration: 'P1M',
    });
    expect(badDuration.status).toBe(400);
  });

  it('keeps the policy a case opened with, when the policy changes later', async () => {
    const policy = {
      calendar: 'office-utc',
      respondWithin: 'PT4H',
      resolveWithin: 'P2D',
      callbackWithin: 'P1D',
      rateWithin: 'P5D',
    };
    expect((await s.call('admin', 'PUT', '/v1/sla-policies/snap', { name: 'snap', ...policy })).status).toBe(
      200,
    );
    expect((await s.call('agent', 'PUT', '/v1/sla-policies/snap', policy)).status).toBe(403);
    const onSnap = {
      type: 'inquiry',
      channel: 'web',
      subject: 's',
      description: 'd',
      customer: { name: 'N' },
    };
    const { body: c } = await s.call('integrator', 'POST', '/v1/cases', { ...onSnap, slaPolicy: 'snap' });
    expect(c.slaPolicy).toBe('snap');
    await s.call('admin', 'PUT', '/v1/sla-policies/snap', { ...policy, resolveWithin: 'P10D' });
    const after = await s.call('agent', 'POST', `/v1/cases/${c.id}/notes`, {
      text: 'x',
      visibility: 'internal',
    });
    expect(after.body.deadlines.resolveBy).toBe(c.deadlines.resolveBy);
    // A case opened right after the change gets the new target (the API's policy snapshot is renewed).
    const { body: later } = await s.call('integrator', 'POST', '/v1/cases', { ...onSnap, slaPolicy: 'snap' });
    expect(Date.parse(later.deadlines.resolveBy)).toBeGreaterThan(
      Date.parse(c.deadlines.resolveBy) + 7 * 86_400_000,
    );
    const listed = await s.call('integrator', 'GET', '/v1/sla-policies');
    expect(listed.body.items.find((p: { name: string }) => p.name === 'snap').resolveWithin).toBe('P10D');
    const unknown = await s.call('integrator', 'POST', '/v1/cases', {
      ...onSnap,
      slaPolicy: 'no-such-policy',
    });
    expect(unknown.status).toBe(400);
  });
});
