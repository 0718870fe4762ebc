/**
 * The ranges every duration, instant and deadline the service accepts lies in. They keep deadline
 * arithmetic bounded: a computation walks at most {@link HORIZON_DAYS} dates, so its cost is the
 * windows it crosses in that horizon (milliseconds), never minutes or days of the duration. The API
 * refuses values beyond them with a 400; the domain refuses them again (InvalidCommand), so an old
 * client can never put an unbounded value into a workflow.
 */

/** The days part of a duration (weeks folded in): at most `P366D`. */
export const MAX_DURATION_DAYS = 366;
/** The time part of a duration: at most `PT8784H` (366 × 24 hours). */
export const MAX_DURATION_HOURS = 8784;
/** Dates one deadline computation may walk: about ten years. A deadline further out is refused. */
export const HORIZON_DAYS = 3660;
/** A deadline set by hand (extend `until`, or `by` from the current deadline): at most two years ahead. */
export const MAX_AHEAD_DAYS = 731;
/** Instants the API accepts: from 2000-01-01 until 2100-01-01 (UTC). */
export const EARLIEST_INSTANT = Date.UTC(2000, 0, 1);
export const LATEST_INSTANT = Date.UTC(2100, 0, 1);

/** A deadline that lies more than {@link HORIZON_DAYS} dates after its start. */
export class BeyondHorizon extends Error {
  constructor(calendar: string) {
    super(
      `the deadline lies more than ${HORIZON_DAYS} days (about ten years) ahead on business calendar ${JSON.stringify(calendar)}`,
    );
    this.name = 'BeyondHorizon';
  }
}
