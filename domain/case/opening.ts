/** A new case: its first state, clocks started, and the events `case.opened` and `case.classified`. */
import { idleClock, startClock } from './clocks.js';
import { Recorder, type Context, type Outcome } from './decision.js';
import type { CaseState, OpenCaseInput } from './types.js';
import { iso } from '../time.js';

/** The case exists from the moment the API received it, however late a worker first runs it. */
export function openedAt(input: OpenCaseInput, now: number): number {
  const received = Date.parse(input.receivedAt);
  return Number.isFinite(received) && received <= now ? received : now;
}

export function openCase(input: OpenCaseInput, ctx: Context): Outcome {
  const { classification: c } = input;
  const state: CaseState = {
    id: input.id,
    number: input.number,
    type: input.type,
    channel: input.channel,
    status: 'new',
    priority: c.priority,
    level: c.level,
    subject: input.subject,
    description: input.description,
    customer: input.customer,
    product: input.product,
    externalRef: input.externalRef,
    assignee: null,
    owner: null,
    sla: input.sla,
    clocks: {
      respond: idleClock(),
      resolve: idleClock(),
      callback: idleClock(),
      rate: idleClock(),
      findings: idleClock(),
    },
    breaches: [],
    findingsRecorded: false,
    onSite: false,
    resolution: null,
    rating: null,
    poorRatingReopened: false,
    reopenCount: 0,
    callbackAttempts: 0,
    firstContactResolution: false,
    acceptedAt: null,
    resolvedAt: null,
    createdAt: iso(ctx.now),
    updatedAt: iso(ctx.now),
    closedAt: null,
    seq: 0,
    team: input.team ?? null,
  };
  state.clocks.respond = startClock(state.sla, 'respond', state.priority, ctx.now);
  state.clocks.resolve = startClock(state.sla, 'resolve', state.priority, ctx.now);
  const r = new Recorder(state, ctx);
  r.emit('case.opened', {
    type: input.type,
    channel: input.channel,
    subject: input.subject,
    customerId: input.customer.id,
    product: input.product ?? null,
    externalRef: input.externalRef ?? null,
    slaPolicy: input.sla.name,
  });
  r.emit('case.classified', { priority: c.priority, level: c.level, reasons: c.reasons }, 'system');
  return r.outcome();
}
