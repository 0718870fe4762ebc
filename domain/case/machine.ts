/**
 * The case state machine: pure functions from (state, command, time) to (state, events).
 * The workflow calls them in update validators (to refuse without touching history) and in
 * handlers (to apply); tests call them directly. No I/O, no clock of its own.
 */
import { BeyondHorizon } from '../calendar/index.js';
import {
  ActionNotAllowed,
  CASE_ACTIONS,
  InvalidCommand,
  type CaseAction,
  type CaseCommand,
} from './commands.js';
import {
  CLOCKS,
  isTerminal,
  MAX_LEVEL,
  REMEDIES_NEEDING_APPROVAL,
  workflowIdForCase,
  type CaseStatus,
  type ClockName,
  type Level,
} from './contract.js';
import {
  clockDueAt,
  clockWarnAt,
  extendClock,
  idleClock,
  pauseClock,
  resumeClock,
  retargetClock,
  startClock,
  stopClock,
} from './clocks.js';
import {
  armCustomerWait,
  customerWaitMoments,
  customerWaitView,
  NO_REPLY_CAUSE,
  NO_REPLY_REASON,
  type CustomerWaitMoment,
} from './customer-wait.js';
import { extensionTarget } from './extension.js';
import type { CaseEvent, CaseState, CaseView, OpenCaseInput } from './types.js';

export interface Context {
  now: number;
  actor: string;
  /** The deployment's four-eyes rule: whoever proposed a resolution may not approve it. */
  fourEyes?: boolean;
  /** Waiting for the customer arms the policy's reminder and close (cases past patch notify-customer-wait). */
  customerWait?: boolean;
}

/** The person behind an actor `role:name`: one person with two keys is still one person. */
export const personOf = (actor: string): string => actor.slice(actor.indexOf(':') + 1);

export interface Outcome {
  state: CaseState;
  events: CaseEvent[];
}

/** A poor rating (at or below this) reopens the case once. */
export const POOR_RATING = 2;

const iso = (t: number): string => new Date(t).toISOString();

/** Collects the events of one decision, numbering them after the state's last sequence. */
export class Recorder {
  readonly events: CaseEvent[] = [];
  constructor(
    readonly state: CaseState,
    readonly ctx: Context,
  ) {}

  emit(type: string, data: Record<string, unknown> = {}, actor = this.ctx.actor): void {
    this.state.seq += 1;
    this.events.push({ seq: this.state.seq, at: iso(this.ctx.now), type, actor, data });
  }

  outcome(): Outcome {
    if (this.events.length > 0) this.state.updatedAt = iso(this.ctx.now);
    // Whatever ended the wait (a reply, a withdrawal, an incident's resolution), its timers go with it.
    if (this.state.customerWait && this.state.status !== 'pending_customer') delete this.state.customerWait;
    return { state: this.state, events: this.events };
  }
}

/** A copy to decide on. The SLA snapshot is never changed by a decision, so it is shared, not copied. */
export function clone(s: CaseState): CaseState {
  const { sla, ...rest } = s;
  return { ...(JSON.parse(JSON.stringify(rest)) as Omit<CaseState, 'sla'>), sla };
}

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
    clocks: { respond: idleClock(), resolve: idleClock(), callback: idleClock(), rate: idleClock() },
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

/**
 * Where each action is allowed: a list of statuses, or 'live' (any status but a terminal one).
 * The one table the machine checks and the console reads to offer exactly these actions.
 */
export const ACTION_STATUSES: Record<CaseAction, readonly CaseStatus[] | 'live'> = {
  accept: ['new'],
  assign: 'live',
  reject: ['new', 'investigating'],
  findings: ['investigating'],
  'wait-for-customer': ['investigating'],
  'customer-reply': ['pending_customer'],
  resolution: ['investigating'],
  approval: ['pending_approval'],
  callback: ['resolved'],
  rating: ['awaiting_rating'],
  escalate: 'live',
  notes: 'live',
  withdraw: 'live',
  extend: 'live',
  priority: 'live',
};

/** The actions the machine accepts in `status` (their own checks, e.g. findings first, still apply). */
export const actionsAllowedIn = (status: CaseStatus): CaseAction[] =>
  CASE_ACTIONS.filter((a) => {
    const allowed = ACTION_STATUSES[a];
    return allowed === 'live' ? !isTerminal(status) : allowed.includes(status);
  });

function requireAllowed(s: CaseState, action: CaseAction): void {
  const allowed = ACTION_STATUSES[action];
  if (allowed === 'live') requireLive(s, action);
  else requireStatus(s, action, allowed);
}

function requireStatus(s: CaseState, action: string, allowed: readonly CaseStatus[]): void {
  if (!allowed.includes(s.status)) {
    throw new ActionNotAllowed(
      action,
      s.status,
      `'${action}' is not allowed while the case is '${s.status}' (allowed in: ${allowed.join(', ')})`,
    );
  }
}

function requireLive(s: CaseState, action: string): void {
  if (isTerminal(s.status)) {
    throw new ActionNotAllowed(
      action,
      s.status,
      `'${action}' is not allowed: the case is already '${s.status}'`,
    );
  }
}

function raiseLevel(r: Recorder, reason: string, cause: string): void {
  const s = r.state;
  if (s.level >= MAX_LEVEL) return;
  const from = s.level;
  s.level = (s.level + 1) as Level;
  r.emit('case.escalated', { from, to: s.level, reason, cause });
}

function stopAllClocks(s: CaseState): void {
  for (const c of CLOCKS) s.clocks[c] = stopClock(s.clocks[c]);
}

function close(
  r: Recorder,
  status: 'closed' | 'rejected' | 'withdrawn',
  data: Record<string, unknown>,
  actor?: string,
): void {
  const s = r.state;
  s.status = status;
  s.closedAt = iso(r.ctx.now);
  stopAllClocks(s);
  r.emit(`case.${status}`, data, actor);
}

/** Back to investigation with a fresh resolve budget and one level up (callback failed, poor rating). */
function reopen(r: Recorder, reason: string): void {
  const s = r.state;
  s.status = 'investigating';
  s.reopenCount += 1;
  s.firstContactResolution = false;
  s.resolution = null;
  s.resolvedAt = null;
  s.clocks.callback = stopClock(s.clocks.callback);
  s.clocks.rate = stopClock(s.clocks.rate);
  s.clocks.resolve = startClock(s.sla, 'resolve', s.priority, r.ctx.now);
  r.emit('case.reopened', { reason, reopenCount: s.reopenCount });
  raiseLevel(r, reason, 'reopen');
}

export function markResolved(r: Recorder): void {
  const s = r.state;
  s.status = 'resolved';
  s.resolvedAt = iso(r.ctx.now);
  s.firstContactResolution = s.reopenCount === 0;
  s.clocks.resolve = stopClock(s.clocks.resolve);
  s.clocks.callback = startClock(s.sla, 'callback', s.priority, r.ctx.now);
  r.emit('case.resolved', { resolution: s.resolution });
}

/** Four eyes: a resolution is decided by someone other than the person who proposed it. */
function requireSecondPerson(s: CaseState, ctx: Context): void {
  if (!ctx.fourEyes || s.proposedBy === undefined) return;
  if (personOf(s.proposedBy) === personOf(ctx.actor)) {
    throw new ActionNotAllowed(
      'approval',
      s.status,
      `'${personOf(ctx.actor)}' proposed this resolution and so may not approve it: someone else must (four-eyes rule)`,
    );
  }
}

function assign(r: Recorder, assignee: string): void {
  const s = r.state;
  if (s.assignee === assignee) return;
  const previous = s.assignee;
  s.assignee = assignee;
  r.emit('case.assigned', { assignee, previous });
}

/** Applies a command to a copy of the state; throws ActionNotAllowed / InvalidCommand when it cannot. */
export function applyCommand(current: CaseState, cmd: CaseCommand, ctx: Context): Outcome {
  try {
    return apply(current, cmd, ctx);
  } catch (err) {
    // A deadline the command would put past the horizon (a re-targeted clock on a sparse calendar).
    if (err instanceof BeyondHorizon) throw new InvalidCommand(err.message);
    throw err;
  }
}

function apply(current: CaseState, cmd: CaseCommand, ctx: Context): Outcome {
  const s = clone(current);
  const r = new Recorder(s, ctx);
  switch (cmd.action) {
    case 'accept': {
      requireAllowed(s, cmd.action);
      const assignee = cmd.assignee ?? s.assignee ?? ctx.actor;
      assign(r, assignee);
      s.owner ??= assignee;
      s.status = 'investigating';
      s.acceptedAt = iso(ctx.now);
      s.clocks.respond = stopClock(s.clocks.respond);
      r.emit('case.accepted', { assignee, owner: s.owner });
      break;
    }
    case 'assign':
      requireAllowed(s, cmd.action);
      if (s.assignee === cmd.assignee) {
        throw new ActionNotAllowed(
          cmd.action,
          s.status,
          `the case is already assigned to '${cmd.assignee}'`,
          {
            assignee: s.assignee,
          },
        );
      }
      assign(r, cmd.assignee);
      break;
    case 'reject':
      requireAllowed(s, cmd.action);
      close(r, 'rejected', { reason: cmd.reason });
      break;
    case 'findings':
      requireAllowed(s, cmd.action);
      s.findingsRecorded = true;
      s.onSite ||= cmd.onSite === true;
      r.emit('case.findings_recorded', {
        summary: cmd.summary,
        rootCause: cmd.rootCause ?? null,
        onSite: cmd.onSite ?? false,
      });
      break;
    case 'wait-for-customer':
      requireAllowed(s, cmd.action);
      s.status = 'pending_customer';
      s.clocks.resolve = pauseClock(s.clocks.resolve, ctx.now);
      if (ctx.customerWait) {
        const wait = armCustomerWait(s.sla, ctx.now);
        if (wait) s.customerWait = wait;
      }
      r.emit('case.waiting_for_customer', { question: cmd.question });
      break;
    case 'customer-reply':
      requireAllowed(s, cmd.action);
      s.status = 'investigating';
      s.clocks.resolve = resumeClock(s.clocks.resolve, ctx.now);
      r.emit('case.customer_replied', { message: cmd.message });
      break;
    case 'resolution': {
      requireAllowed(s, cmd.action);
      if (!s.findingsRecorded) {
        throw new ActionNotAllowed(cmd.action, s.status, 'a resolution needs findings recorded first');
      }
      s.resolution = { summary: cmd.summary, remedy: cmd.remedy, amount: cmd.amount };
      s.proposedBy = ctx.actor;
      const needsApproval = REMEDIES_NEEDING_APPROVAL.includes(cmd.remedy) || s.level === MAX_LEVEL;
      r.emit('case.resolution_proposed', { ...s.resolution, needsApproval });
      if (needsApproval) {
        s.status = 'pending_approval';
        r.emit('case.approval_requested', { remedy: cmd.remedy, amount: cmd.amount ?? null, level: s.level });
      } else {
        markResolved(r);
      }
      break;
    }
    case 'approval':
      requireAllowed(s, cmd.action);
      if (cmd.decision === 'approve') {
        requireSecondPerson(s, ctx);
        r.emit('case.approved', { comment: cmd.comment ?? null, proposedBy: s.proposedBy ?? null });
        markResolved(r);
      } else {
        s.status = 'investigating';
        s.resolution = null;
        r.emit('case.approval_rejected', { comment: cmd.comment ?? null, proposedBy: s.proposedBy ?? null });
      }
      break;
    case 'callback':
      requireAllowed(s, cmd.action);
      s.callbackAttempts += 1;
      r.emit('case.callback', {
        reached: cmd.reached,
        solved: cmd.reached && cmd.solved,
        notes: cmd.notes ?? null,
        attempt: s.callbackAttempts,
      });
      if (!cmd.reached) break;
      if (cmd.solved) {
        s.status = 'awaiting_rating';
        s.clocks.callback = stopClock(s.clocks.callback);
        s.clocks.rate = startClock(s.sla, 'rate', s.priority, ctx.now);
      } else {
        reopen(r, 'the customer says the problem is not solved');
      }
      break;
    case 'rating':
      requireAllowed(s, cmd.action);
      if (!Number.isInteger(cmd.score) || cmd.score < 1 || cmd.score > 5) {
        throw new InvalidCommand('score must be an integer from 1 to 5');
      }
      s.rating = { score: cmd.score, comment: cmd.comment };
      r.emit('case.rated', { score: cmd.score, comment: cmd.comment ?? null });
      if (cmd.score <= POOR_RATING && !s.poorRatingReopened) {
        s.poorRatingReopened = true;
        r.emit('supervisor.notified', { reason: 'poor rating', score: cmd.score }, 'system');
        reopen(r, `poor rating (${cmd.score})`);
      } else {
        close(r, 'closed', { rating: cmd.score });
      }
      break;
    case 'escalate':
      requireAllowed(s, cmd.action);
      if (s.level >= MAX_LEVEL) {
        throw new ActionNotAllowed(cmd.action, s.status, 'the case is already at the highest level (3)', {
          level: s.level,
        });
      }
      raiseLevel(r, cmd.reason, 'manual');
      break;
    case 'notes':
      requireAllowed(s, cmd.action);
      r.emit('case.note_added', { text: cmd.text, visibility: cmd.visibility });
      break;
    case 'withdraw':
      requireAllowed(s, cmd.action);
      close(r, 'withdrawn', { reason: cmd.reason });
      break;
    case 'extend': {
      requireAllowed(s, cmd.action);
      const clock = s.clocks[cmd.clock];
      const due = clockDueAt(clock, s.sla.calendar);
      if (due === undefined) {
        throw new ActionNotAllowed(cmd.action, s.status, `the ${cmd.clock} clock is not running`);
      }
      const newDue = extensionTarget(s.sla.calendar, due, cmd, ctx.now);
      s.clocks[cmd.clock] = extendClock(clock, s.sla.calendar, newDue);
      const effective = clockDueAt(s.clocks[cmd.clock], s.sla.calendar)!;
      // Compare the deadline that results: an extension into non-working time moves nothing.
      if (!(effective > due)) {
        throw new InvalidCommand(
          `the new ${cmd.clock} deadline must add working time after the current one (${iso(due)}) on calendar ${s.sla.calendar.name}`,
        );
      }
      r.emit('sla.extended', {
        clock: cmd.clock,
        from: iso(due),
        to: iso(effective),
        reason: cmd.reason,
        customerFacing: true,
      });
      break;
    }
    case 'priority': {
      requireAllowed(s, cmd.action);
      if (s.priority === cmd.priority) {
        throw new ActionNotAllowed(cmd.action, s.status, `the priority is already '${cmd.priority}'`, {
          priority: s.priority,
        });
      }
      const from = s.priority;
      s.priority = cmd.priority;
      for (const c of CLOCKS) s.clocks[c] = retargetClock(s.clocks[c], s.sla, c, s.priority);
      r.emit('case.priority_changed', { from, to: cmd.priority, reason: cmd.reason ?? null });
      break;
    }
  }
  return r.outcome();
}

export interface Threshold {
  clock: ClockName;
  kind: 'warning' | 'breach' | 'expiry';
  at: number;
}

/** All pending thresholds of running clocks, earliest first. */
export function pendingThresholds(s: CaseState): Threshold[] {
  const out: Threshold[] = [];
  for (const name of CLOCKS) {
    const clock = s.clocks[name];
    if (clock.breached) continue;
    const due = clockDueAt(clock, s.sla.calendar);
    if (due === undefined) continue;
    const warnAt = name === 'rate' ? undefined : clockWarnAt(clock, s.sla);
    if (warnAt !== undefined && warnAt < due) out.push({ clock: name, kind: 'warning', at: warnAt });
    out.push({ clock: name, kind: name === 'rate' ? 'expiry' : 'breach', at: due });
  }
  return out.sort((a, b) => a.at - b.at);
}

export const nextThreshold = (s: CaseState): Threshold | undefined => pendingThresholds(s)[0];

/** What the case's durable timer waits for: an SLA threshold or a moment of the wait for the customer. */
export type Moment = Threshold | CustomerWaitMoment;

export function nextMoment(s: CaseState): Moment | undefined {
  const t = nextThreshold(s);
  const w = customerWaitMoments(s)[0];
  return w && (!t || w.at < t.at) ? w : t;
}

/** The reminder (once per wait), then the automatic close, each when its moment has come. */
function fireCustomerWait(r: Recorder, now: number): void {
  for (const m of customerWaitMoments(r.state)) {
    const w = r.state.customerWait!;
    if (m.at > now || r.state.status !== 'pending_customer') break;
    if (m.kind === 'reminder') {
      w.reminded = true;
      r.emit(
        'case.customer_reminded',
        { waitingSince: iso(w.since), closeAt: w.closeAt === undefined ? null : iso(w.closeAt) },
        'system',
      );
    } else {
      close(
        r,
        'withdrawn',
        { reason: NO_REPLY_REASON, cause: NO_REPLY_CAUSE, waitingSince: iso(w.since) },
        'system',
      );
    }
  }
}

/** Fires every threshold whose moment has come, each exactly once (flags on the clock). */
export function fireDueThresholds(current: CaseState, now: number): Outcome {
  const s = clone(current);
  const r = new Recorder(s, { now, actor: 'sla' });
  for (const t of pendingThresholds(s)) {
    if (t.at > now || isTerminal(s.status)) break;
    const clock = s.clocks[t.clock];
    if (t.kind === 'warning') {
      if (clock.warned) continue;
      clock.warned = true;
      r.emit('sla.warning', { clock: t.clock, dueAt: iso(clockDueAt(clock, s.sla.calendar)!) });
    } else if (t.kind === 'breach') {
      clock.breached = true;
      clock.warned = true;
      const breach = { clock: t.clock, at: iso(t.at) };
      s.breaches.push(breach);
      r.emit('sla.breached', { ...breach, detectedAt: iso(now) });
      r.emit('supervisor.notified', { reason: `${t.clock} deadline missed` });
      raiseLevel(r, `${t.clock} deadline missed`, 'breach');
    } else {
      r.emit('sla.rating_expired', { dueAt: iso(t.at) });
      close(r, 'closed', { rating: null, reason: 'no rating before the deadline' });
    }
  }
  if (!isTerminal(s.status)) fireCustomerWait(r, now);
  return r.outcome();
}

export function deadlines(s: CaseState): CaseView['deadlines'] {
  const at = (c: ClockName): string | null => {
    const t = clockDueAt(s.clocks[c], s.sla.calendar);
    return t === undefined ? null : iso(t);
  };
  return {
    respondBy: at('respond'),
    resolveBy: at('resolve'),
    callbackBy: at('callback'),
    rateBy: at('rate'),
  };
}

export const isBreached = (s: CaseState): boolean => s.breaches.length > 0;

export function toCaseView(s: CaseState): CaseView {
  return {
    id: s.id,
    number: s.number,
    type: s.type,
    channel: s.channel,
    status: s.status,
    priority: s.priority,
    level: s.level,
    subject: s.subject,
    description: s.description,
    customer: s.customer,
    product: s.product ?? null,
    externalRef: s.externalRef ?? null,
    assignee: s.assignee,
    owner: s.owner,
    slaPolicy: s.sla.name,
    deadlines: deadlines(s),
    sla: {
      calendar: s.sla.calendar.name,
      timeZone: s.sla.calendar.timeZone,
      thresholds: pendingThresholds(s).map((t) => ({ clock: t.clock, kind: t.kind, at: iso(t.at) })),
      // A fired warning leaves the thresholds; the clock is still in its warning phase until it ends.
      warned: CLOCKS.filter(
        (c) => s.clocks[c].warned && !s.clocks[c].breached && s.clocks[c].state === 'running',
      ),
    },
    breaches: s.breaches,
    rating: s.rating,
    reopenCount: s.reopenCount,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    closedAt: s.closedAt,
    workflowId: workflowIdForCase(s.id),
    ...(s.customerWait ? { customerWait: customerWaitView(s.customerWait) } : {}),
    // Only while linked: views of cases never linked stay as they were.
    ...(s.incident
      ? { incident: { id: s.incident.id, number: s.incident.number, title: s.incident.title } }
      : {}),
  };
}
