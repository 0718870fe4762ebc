/**
 * Warnings per clock and clocks on calendars of their own (cases opened since patch per-clock-sla):
 * the warning math, urgent first contact round the clock on a working-day policy, and a property
 * over every seeded policy, every priority and opening times across weeks (nights, weekends, the
 * seeded holidays and make-up days): no clock warns at the moment it starts, and each warns strictly
 * before its deadline.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALENDAR_24X7, type BusinessCalendar } from '../../domain/calendar/index.js';
import { calendarsNamed, clockDueAt } from '../../domain/case/clocks.js';
import { PRIORITIES, type ClockName, type Level, type Priority } from '../../domain/case/contract.js';
import { pendingThresholds } from '../../domain/case/thresholds.js';
import type { OpenCaseInput, SlaPolicy, SlaSnapshot } from '../../domain/case/types.js';
import { DEFAULT_WARN_FRACTION, warningOffset } from '../../domain/case/warnings.js';
import { DEFAULT_CALENDARS, DEFAULT_POLICIES } from '../../db/defaults.js';
import { iso } from '../../domain/time.js';
import { at, show } from '../support/calendar.js';
import { Case, cmd, H, M, openInput, types } from '../support/case-machine.js';

const SHANGHAI = 'Asia/Shanghai';
const calendarNamed = (name: string): BusinessCalendar =>
  name === CALENDAR_24X7.name ? CALENDAR_24X7 : DEFAULT_CALENDARS.find((c) => c.name === name)!;

/** The snapshot a case opened since per-clock rules keeps: calendars resolved as the API does. */
function snapshotOf(policy: SlaPolicy): SlaSnapshot {
  const names = calendarsNamed(policy);
  return {
    ...policy,
    calendar: calendarNamed(policy.calendar),
    ...(names.length ? { calendars: Object.fromEntries(names.map((n) => [n, calendarNamed(n)])) } : {}),
    perClock: true,
  };
}
const seeded = (name: string) => snapshotOf(DEFAULT_POLICIES.find((p) => p.name === name)!);

function openAt(
  sla: SlaSnapshot,
  when: number,
  priority: Priority = 'normal',
  over: Partial<OpenCaseInput> & { level?: Level } = {},
) {
  return new Case(openInput({ sla, priority, receivedAt: iso(when), type: 'complaint', ...over }), when);
}

describe('the warning of one clock', () => {
  const OFFICE = calendarNamed('cn-workdays');
  // Monday 2026-06-08 10:00 Shanghai, a working day with 8 h of work (09–12, 13–18).
  const monday = at(SHANGHAI, '2026-06-08T10:00');

  it('warns the lead before the deadline when the lead is shorter than the budget', () => {
    expect(warningOffset(CALENDAR_24X7, monday, 24 * H, 'PT2H', undefined)).toBe(22 * H);
  });

  it('counts a days part of the lead as working days, like the deadline rule', () => {
    // P3D from Monday 10:00 is due Thursday 10:00; P1D before it is Wednesday 10:00, 16 h of work in.
    expect(warningOffset(OFFICE, monday, 24 * H, 'P1D', undefined)).toBe(16 * H);
    // The rule before per-clock warnings counted P1D as 24 h of working time: at the clock's start.
  });

  it('moves a lead that reaches back to the start to the fraction (0.5 when none is given)', () => {
    expect(warningOffset(CALENDAR_24X7, monday, 2 * H, 'PT2H', undefined)).toBe(
      2 * H * DEFAULT_WARN_FRACTION,
    );
    expect(warningOffset(CALENDAR_24X7, monday, 2 * H, 'PT3H', 0.75)).toBe(1.5 * H);
  });

  it('uses the fraction alone where no lead is given, and gives no warning without either', () => {
    expect(warningOffset(CALENDAR_24X7, monday, 4 * H, undefined, 0.75)).toBe(3 * H);
    expect(warningOffset(CALENDAR_24X7, monday, 4 * H, undefined, undefined)).toBeUndefined();
  });

  it('never warns at the deadline itself or for an empty budget', () => {
    expect(warningOffset(CALENDAR_24X7, monday, 4 * H, 'PT0S', 0.5)).toBeUndefined();
    expect(warningOffset(CALENDAR_24X7, monday, 0, 'PT1H', 0.5)).toBeUndefined();
  });

  it('reads warnBefore by clock, each clock its own lead', () => {
    const sla: SlaSnapshot = {
      ...seeded('standard'),
      warnBefore: { respond: 'PT1H', resolve: 'PT6H' },
      warnAtFraction: undefined,
    };
    const c = openAt(sla, monday);
    const warnings = pendingThresholds(c.state).filter((t) => t.kind === 'warning');
    expect(warnings).toEqual([
      { clock: 'respond', kind: 'warning', at: monday + 23 * H },
      { clock: 'resolve', kind: 'warning', at: monday + 42 * H },
    ]);
  });
});

describe('urgent first contact round the clock', () => {
  // The example: Wednesday 30 Sep 2026 18:30 Shanghai, after office hours, before the holidays.
  const wednesdayEvening = at(SHANGHAI, '2026-09-30T18:30');

  it('an urgent complaint on complaint-3wd is due for first contact within 2 hours, at night', () => {
    const c = openAt(seeded('complaint-3wd'), wednesdayEvening, 'urgent', { level: 3 });
    expect(show(SHANGHAI, Date.parse(c.deadlines.respondBy!))).toBe('2026-09-30T20:30+08:00');
    // The resolve clock stays on working days: P1D from the first working instant after the holidays.
    expect(show(SHANGHAI, Date.parse(c.deadlines.resolveBy!))).toBe('2026-10-08T18:00+08:00');
    // Warned halfway (the 1 h lead of the 2 h target is moved to the fraction), never at opening.
    expect(types(c.tick(wednesdayEvening))).toEqual([]);
    expect(types(c.tick(wednesdayEvening + H))).toEqual(['sla.warning']);
  });

  it('a normal complaint keeps office hours for its first contact', () => {
    const c = openAt(seeded('complaint-3wd'), wednesdayEvening, 'normal');
    expect(show(SHANGHAI, Date.parse(c.deadlines.respondBy!))).toBe('2026-10-08T14:00+08:00');
  });

  it('raising the priority to urgent counts the first contact round the clock from the opening', () => {
    const c = openAt(seeded('complaint-3wd'), wednesdayEvening, 'normal');
    c.act({ action: 'priority', priority: 'urgent', reason: 'fire' }, wednesdayEvening + 30 * M);
    expect(show(SHANGHAI, Date.parse(c.deadlines.respondBy!))).toBe('2026-09-30T20:30+08:00');
    // An extension of the round-the-clock clock is counted on its own calendar too.
    c.act(
      { action: 'extend', clock: 'respond', by: 'PT1H', reason: 'site closed' },
      wednesdayEvening + 40 * M,
    );
    expect(show(SHANGHAI, Date.parse(c.deadlines.respondBy!))).toBe('2026-09-30T21:30+08:00');
  });

  it('cases opened before per-clock rules keep every clock on the policy calendar', () => {
    const { perClock: _, ...before } = seeded('complaint-3wd');
    const c = openAt(before, wednesdayEvening, 'urgent');
    expect(show(SHANGHAI, Date.parse(c.deadlines.respondBy!))).toBe('2026-10-08T11:00+08:00');
  });
});

describe('no seeded policy warns any clock at the moment it starts (property)', () => {
  // Two weeks around the National Day holidays (make-up Sunday 27 Sep, Saturday 10 Oct), any minute.
  const from = at(SHANGHAI, '2026-09-21T00:00');
  const span = 21 * 24 * 60;
  const policies = DEFAULT_POLICIES.map(snapshotOf);

  function checkWarnings(c: Case, started: Partial<Record<ClockName, number>>) {
    for (const t of pendingThresholds(c.state)) {
      if (t.kind !== 'warning') continue;
      const start = started[t.clock]!;
      const due = clockDueAt(c.state.clocks[t.clock], c.state.sla.calendar)!;
      expect(t.at, `${t.clock} warns after its start ${show(SHANGHAI, start)}`).toBeGreaterThan(start);
      expect(t.at, `${t.clock} warns before its due ${show(SHANGHAI, due)}`).toBeLessThan(due);
    }
  }

  it('opening, resolution and callback: each clock warns strictly between its start and its due', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...policies),
        fc.constantFrom(...PRIORITIES),
        fc.integer({ min: 0, max: span }),
        fc.integer({ min: 1, max: 4 * 24 * 60 }),
        (sla, priority, minute, later) => {
          const opened = from + minute * M;
          const c = openAt(sla, opened, priority);
          // Nothing fires at the opening: no clock warns at birth.
          expect(types(c.tick(opened))).toEqual([]);
          checkWarnings(c, { respond: opened, resolve: opened });
          // The callback clock starts at the resolution, some minutes or days later.
          const resolvedAt = opened + later * M;
          c.act(cmd.accept('agent.wang'), opened + 1);
          c.act(cmd.findings, opened + 2);
          c.act(cmd.guidance, resolvedAt);
          expect(c.state.clocks.callback.state).toBe('running');
          c.tick(resolvedAt);
          expect(c.state.clocks.callback.warned).toBe(false);
          checkWarnings(c, { callback: resolvedAt });
        },
      ),
      { numRuns: 400 },
    );
  });
});
