/**
 * The chaos suite inside `npm test`, on the reduced profile (the quick one takes longer than
 * `npm test` should): 8 concurrent lifecycles while the worker is SIGKILLed and restarted, and 8
 * while the API is SIGKILLed with the opens in flight and again mid-run. Nothing may be lost or
 * doubled, every case must close. `npm run chaos -- --quick` / `npm run chaos` run the rest.
 */
import { describe, expect, it } from 'vitest';
import { EXPECTED_EVENTS } from './driver.js';
import { PROFILES, runChaos, summaryTable } from './scenarios.js';
import { judgeTimeline } from './verify.js';

const lifecycle = Object.entries(EXPECTED_EVENTS).flatMap(([type, n]) => Array<string>(n).fill(type));
const timeline = (types: string[]) => types.map((type, i) => ({ seq: i + 1, type }));

describe('the chaos checks', () => {
  it('pass a complete timeline and catch a lost or a doubled event', () => {
    expect(judgeTimeline(timeline(lifecycle))).toMatchObject({ lost: 0, doubled: 0, unexpected: [] });
    // an event gone from the middle: a seq gap and a missing type, one event lost
    const gap = timeline(lifecycle).filter((e) => e.seq !== 4);
    expect(judgeTimeline(gap)).toMatchObject({ lost: 1, doubled: 0 });
    // the last event gone: no gap, but a missing type
    expect(judgeTimeline(timeline(lifecycle.slice(0, -1)))).toMatchObject({ lost: 1, doubled: 0 });
    // an action applied twice: an extra event of a type the lifecycle has once
    const twice = timeline([...lifecycle.slice(0, 4), 'case.accepted', ...lifecycle.slice(4)]);
    expect(judgeTimeline(twice)).toMatchObject({ lost: 0, doubled: 1 });
    // the same event projected twice under one seq
    const dupSeq = [...timeline(lifecycle), { seq: 3, type: lifecycle[2]! }];
    expect(judgeTimeline(dupSeq)).toMatchObject({ lost: 0, doubled: 1 });
    expect(judgeTimeline(timeline([...lifecycle, 'sla.breached'])).unexpected).toEqual(['sla.breached']);
  });
});

describe('chaos, reduced profile', () => {
  it('loses and doubles nothing when the worker and the API are killed mid-run', async () => {
    const lines: string[] = [];
    const run = await runChaos(PROFILES.reduced, {
      log: (line) => (process.env.CHAOS_VERBOSE ? console.log(line) : lines.push(line)),
    });
    console.log(`${summaryTable(run)}\n`);
    if (!run.ok) console.log(lines.join('\n'));
    expect(run.problems).toEqual([]);
    expect(run.results.map((r) => r.name)).toEqual(PROFILES.reduced.scenarios);
    for (const r of run.results) {
      const f = r.figures;
      expect({ scenario: r.name, lost: f.lost, doubled: f.doubled }).toEqual({
        scenario: r.name,
        lost: 0,
        doubled: 0,
      });
      expect(f.closed, `${r.name}: closed cases`).toBe(f.cases);
      expect(f.finished, `${r.name}: finished lifecycles`).toBe(f.cases);
      expect(f.unexpected, `${r.name}: unexpected events`).toBe(0);
      expect([...r.problems, ...f.problems], r.name).toEqual([]);
      expect(r.ok, r.name).toBe(true);
    }
  }, 330_000);
});
