/** The duration pattern the OpenAPI document states says what the parser accepts. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSlaDuration, SLA_DURATION_PATTERN } from '../../domain/calendar/index.js';

const pattern = new RegExp(SLA_DURATION_PATTERN);
/** undefined when accepted, else the parser's reason. */
const refusal = (s: string): string | undefined => {
  try {
    parseSlaDuration(s);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
};
const accepted = (s: string) => refusal(s) === undefined;
const durationLike = fc
  .array(fc.constantFrom('P', 'T', 'W', 'D', 'H', 'M', 'S', '.', '0', '1', '3', '5', '6', '8', '9'), {
    maxLength: 12,
  })
  .map((cs) => 'P' + cs.join(''));

describe('SLA_DURATION_PATTERN', () => {
  it('matches the bounds exactly', () => {
    for (const ok of ['P366D', 'P52W', 'PT8784H', 'PT527040M', 'PT31622400S', 'PT60590M', 'PT1.5S', 'P003D'])
      expect([ok, pattern.test(ok)]).toEqual([ok, true]);
    for (const no of [
      'P367D',
      'P53W',
      'PT8785H',
      'PT527041M',
      'PT31622401S',
      'P',
      'PT',
      'P1DT',
      'P1M',
      '-P1D',
    ])
      expect([no, pattern.test(no)]).toEqual([no, false]);
  });

  it('what it matches is accepted, save a sum of time parts beyond PT8784H', () => {
    fc.assert(
      fc.property(durationLike, (s) => {
        if (!pattern.test(s)) return;
        // Each part alone is within its bound; only their sum can pass PT8784H.
        expect([s, refusal(s) ?? 'accepted']).toEqual([
          s,
          expect.stringMatching(/^accepted$|time part is at most/),
        ]);
      }),
      { numRuns: 100_000 },
    );
  });

  it('what the parser accepts it matches, save weeks written with days', () => {
    fc.assert(
      fc.property(durationLike, (s) => {
        if (!accepted(s) || /W\d/.test(s)) return;
        expect(pattern.test(s)).toBe(true);
      }),
      { numRuns: 100_000 },
    );
  });
});
