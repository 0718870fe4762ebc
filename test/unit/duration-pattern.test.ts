/** The duration pattern the OpenAPI document states says what the parser accepts. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSlaDuration, SLA_DURATION_PATTERN } from '../../domain/calendar/index.js';

const pattern = new RegExp(SLA_DURATION_PATTERN);
const accepted = (s: string) => {
  try {
    parseSlaDuration(s);
    return true;
  } catch {
    return false;
  }
};
const durationLike = fc
  .array(fc.constantFrom('P', 'T', 'W', 'D', 'H', 'M', 'S', '.', '0', '1', '3', '5', '6', '8', '9'), {
    maxLength: 12,
  })
  .map((cs) => 'P' + cs.join(''));

describe('SLA_DURATION_PATTERN', () => {
  it('matches the bounds exactly', () => {
    for (const ok of ['P366D', 'P52W', 'PT8784H', 'P1DT12H', 'PT1H30M', 'PT0S', 'PT1.5S', 'P003D'])
      expect([ok, pattern.test(ok)]).toEqual([ok, true]);
    for (const no of ['P367D', 'P53W', 'PT8785H', 'P', 'PT', 'P1DT', 'P1M', 'P1Y', '-P1D', 'P1D '])
      expect([no, pattern.test(no)]).toEqual([no, false]);
  });

  it('what it matches is accepted, save a sum of time parts beyond PT8784H', () => {
    fc.assert(
      fc.property(durationLike, (s) => {
        if (!pattern.test(s)) return;
        const summedOver = /T0*8[0-9]{3}H/.test(s) && /\d[MS]$/.test(s);
        expect(accepted(s) || summedOver).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('what the parser accepts it matches, save weeks written with days', () => {
    fc.assert(
      fc.property(durationLike, (s) => {
        if (!accepted(s) || /W\d/.test(s)) return;
        expect(pattern.test(s)).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });
});
