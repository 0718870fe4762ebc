/** What the read model stores of a case after a change: the view plus the columns lists filter on. */
import { workingTimeBetween } from '../calendar/index.js';
import { deadlines, isBreached, nextThreshold, toCaseView } from './machine.js';
import type { CaseEvent, CaseState, CaseView } from './types.js';

export interface CaseProjection {
  view: CaseView;
  seq: number;
  breached: boolean;
  nextDeadline: string | null;
  firstContactResolution: boolean;
  acceptedAt: string | null;
  resolvedAt: string | null;
  /** Working time on the case's calendar from opening to first response / to resolution. */
  responseBusinessMs: number | null;
  resolutionBusinessMs: number | null;
  events: CaseEvent[];
}

export function toProjection(state: CaseState, events: CaseEvent[]): CaseProjection {
  return {
    view: toCaseView(state),
    seq: state.seq,
    breached: isBreached(state),
    nextDeadline: nextDeadline(state),
    firstContactResolution: state.firstContactResolution,
    acceptedAt: state.acceptedAt,
    resolvedAt: state.resolvedAt,
    responseBusinessMs: businessTime(state, state.acceptedAt),
    resolutionBusinessMs: businessTime(state, state.resolvedAt),
    events,
  };
}

function businessTime(state: CaseState, until: string | null): number | null {
  return until === null
    ? null
    : workingTimeBetween(state.sla.calendar, Date.parse(state.createdAt), Date.parse(until));
}

/** The earliest deadline still ahead of a running clock (breaches excluded: they already happened). */
export function nextDeadline(state: CaseState): string | null {
  const next = nextThreshold(state);
  if (!next) return null;
  const d = deadlines(state);
  const byClock = { respond: d.respondBy, resolve: d.resolveBy, callback: d.callbackBy, rate: d.rateBy };
  return byClock[next.clock];
}
