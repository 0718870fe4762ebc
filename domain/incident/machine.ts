/**
 * The incident state machine: pure functions from (state, command, time) to (state, events), like
 * the case's. open → monitoring ⇄ open → resolved, or cancelled from either; SLA clocks by severity
 * (time to first public message, time to resolve) on the incident's business calendar.
 */
import { computeDue, instantAfterWorkingTime, parseSlaDuration, slaBudget } from '../calendar/index.js';
import { ActionNotAllowed, InvalidCommand } from '../case/commands.js';
import type { Remedy } from '../case/contract.js';
import {
  INCIDENT_CLOCKS,
  isClosedIncident,
  workflowIdForIncident,
  type IncidentClockName,
  type IncidentStatus,
  type Severity,
} from './contract.js';
import type {
  IncidentClock,
  IncidentEvent,
  IncidentMessage,
  IncidentState,
  IncidentTargets,
  IncidentView,
  OpenIncidentInput,
} from './types.js';
import { personOf } from '../people.js';
import { iso } from '../time.js';

export interface IncidentContext {
  now: number;
  actor: string;
}

export interface IncidentOutcome {
  state: IncidentState;
  events: IncidentEvent[];
}

/** Targets by severity (the worse the incident, the sooner the first word). */
export const INCIDENT_TARGETS: Record<Severity, IncidentTargets> = {
  critical: { firstMessageWithin: 'PT30M', resolveWithin: 'PT4H', warnBefore: 'PT10M' },
  major: { firstMessageWithin: 'PT1H', resolveWithin: 'PT8H', warnBefore: 'PT15M' },
  minor: { firstMessageWithin: 'PT4H', resolveWithin: 'P2D', warnBefore: 'PT1H' },
};

/** An incident keeps at most this many public messages (its whole history travels in its state). */
export const MAX_MESSAGES = 200;

class Recorder {
  readonly events: IncidentEvent[] = [];
  constructor(
    readonly state: IncidentState,
    readonly ctx: IncidentContext,
  ) {}
  emit(type: string, data: Record<string, unknown>, actor = this.ctx.actor): void {
    this.state.seq += 1;
    this.events.push({ seq: this.state.seq, at: iso(this.ctx.now), type, actor, data });
  }
  outcome(): IncidentOutcome {
    if (this.events.length) this.state.updatedAt = iso(this.ctx.now);
    return { state: this.state, events: this.events };
  }
}

function startClock(
  s: Pick<IncidentState, 'calendar' | 'targets'>,
  target: string,
  now: number,
): IncidentClock {
  const dueAt = computeDue(s.calendar, now, target);
  const warn = parseSlaDuration(s.targets.warnBefore);
  const { start, budgetMs } = slaBudget(s.calendar, now, target);
  const warnBudget = budgetMs - (warn.days * 86_400_000 + warn.ms);
  const warnAt = warnBudget > 0 ? instantAfterWorkingTime(s.calendar, start, warnBudget) : null;
  return { dueAt, warnAt, warned: false, breached: false, stoppedAt: null };
}

const stop = (c: IncidentClock, now: number): IncidentClock =>
  c.stoppedAt === null ? { ...c, stoppedAt: now } : c;

export function openIncident(input: OpenIncidentInput, ctx: IncidentContext): IncidentOutcome {
  const received = Date.parse(input.receivedAt);
  const now = Number.isFinite(received) && received <= ctx.now ? received : ctx.now;
  const targets = INCIDENT_TARGETS[input.severity];
  const base = { calendar: input.calendar, targets };
  const state: IncidentState = {
    id: input.id,
    number: input.number,
    title: input.title,
    description: input.description,
    kind: input.kind,
    severity: input.severity,
    scope: input.scope,
    status: 'open',
    calendar: input.calendar,
    targets,
    clocks: {
      firstMessage: startClock(base, targets.firstMessageWithin, now),
      resolve: startClock(base, targets.resolveWithin, now),
    },
    breaches: [],
    messages: [],
    resolution: null,
    cancelReason: null,
    openedBy: input.openedBy,
    createdAt: iso(now),
    updatedAt: iso(now),
    closedAt: null,
    seq: 0,
  };
  const r = new Recorder(state, { ...ctx, now });
  r.emit('incident.opened', {
    title: input.title,
    kind: input.kind,
    severity: input.severity,
    calendar: input.calendar.name,
  });
  return r.outcome();
}

const clone = (s: IncidentState): IncidentState => {
  const { calendar, ...rest } = s;
  return { ...(JSON.parse(JSON.stringify(rest)) as Omit<IncidentState, 'calendar'>), calendar };
};

function requireOpen(s: IncidentState, action: string): void {
  if (isClosedIncident(s.status)) {
    throw new ActionNotAllowed(
      action,
      s.status,
      `'${action}' is not allowed: the incident is already '${s.status}'`,
    );
  }
}

function addMessage(r: Recorder, id: string, text: string, status: IncidentStatus): IncidentMessage {
  const s = r.state;
  if (s.messages.length >= MAX_MESSAGES) {
    throw new ActionNotAllowed(
      'updates',
      s.status,
      `an incident takes at most ${MAX_MESSAGES} public messages`,
    );
  }
  const message: IncidentMessage = {
    id,
    seq: s.messages.length + 1,
    at: iso(r.ctx.now),
    actor: r.ctx.actor,
    text,
    status,
  };
  s.messages.push(message);
  s.clocks.firstMessage = stop(s.clocks.firstMessage, r.ctx.now);
  return message;
}

/** The message a command with this id already posted (a retried request), if any. */
export const postedMessage = (s: IncidentState, id: string): IncidentMessage | undefined =>
  s.messages.find((m) => m.id === id);

export type IncidentCommand =
  | { action: 'post'; messageId: string; text: string; status?: 'open' | 'monitoring' }
  | { action: 'resolve'; messageId: string; summary: string; remedy: Remedy; text?: string }
  /** A resolution whose remedy needs a second supervisor: recorded, not yet resolved. */
  | { action: 'propose'; messageId: string; summary: string; remedy: Remedy; text?: string }
  /** The second supervisor's decision on the proposal; `messageId` is the proposal's. */
  | {
      action: 'decide';
      messageId: string;
      decision: 'approve' | 'reject';
      comment?: string;
      /** The deployment's four-eyes rule (APPROVAL_FOUR_EYES). */
      fourEyes: boolean;
    }
  | { action: 'cancel'; messageId: string; reason: string; text?: string };

export const CANCELLED_TEXT =
  'This incident notice has been withdrawn; your case continues on its own and we will keep you informed.';

/** Applies a command to a copy; a command whose message id was already posted changes nothing. */
export function applyIncidentCommand(
  current: IncidentState,
  cmd: IncidentCommand,
  ctx: IncidentContext,
): IncidentOutcome {
  const s = clone(current);
  const r = new Recorder(s, ctx);
  if (postedMessage(s, cmd.messageId)) return r.outcome();
  requireOpen(s, cmd.action);
  switch (cmd.action) {
    case 'post': {
      if (!cmd.text.trim()) throw new InvalidCommand('a public message needs text');
      const from = s.status;
      s.status = cmd.status ?? s.status;
      const m = addMessage(r, cmd.messageId, cmd.text, s.status);
      r.emit('incident.updated', { message: m, from, to: s.status });
      break;
    }
    case 'resolve':
      requireNoProposal(s, cmd.action);
      resolve(r, { ...cmd, resolvedBy: ctx.actor });
      break;
    case 'propose': {
      if (s.proposal?.messageId === cmd.messageId) break; // the same request, retried
      requireNoProposal(s, cmd.action);
      const { action: _a, ...proposal } = cmd;
      s.proposal = { ...proposal, proposedBy: ctx.actor, at: iso(ctx.now) };
      r.emit('incident.resolution_proposed', {
        summary: cmd.summary,
        remedy: cmd.remedy,
        proposedBy: ctx.actor,
      });
      break;
    }
    case 'decide': {
      const p = s.proposal;
      if (!p || p.messageId !== cmd.messageId) {
        throw new ActionNotAllowed(
          'approval',
          s.status,
          'no resolution of this incident is waiting for approval',
        );
      }
      if (cmd.decision === 'reject') {
        s.proposal = null;
        r.emit('incident.resolution_rejected', { comment: cmd.comment ?? null, proposedBy: p.proposedBy });
        break;
      }
      if (cmd.fourEyes && personOf(p.proposedBy) === personOf(ctx.actor)) {
        throw new ActionNotAllowed(
          'approval',
          s.status,
          `'${personOf(ctx.actor)}' proposed this resolution and so may not approve it: another supervisor must (four-eyes rule)`,
        );
      }
      s.proposal = null;
      r.emit('incident.resolution_approved', { comment: cmd.comment ?? null, proposedBy: p.proposedBy });
      resolve(r, { ...p, resolvedBy: p.proposedBy, approvedBy: ctx.actor });
      break;
    }
    case 'cancel': {
      s.status = 'cancelled';
      s.closedAt = iso(ctx.now);
      s.cancelReason = cmd.reason;
      if (s.proposal) s.proposal = null;
      const m = addMessage(r, cmd.messageId, cmd.text ?? CANCELLED_TEXT, s.status);
      for (const c of INCIDENT_CLOCKS) s.clocks[c] = stop(s.clocks[c], ctx.now);
      r.emit('incident.cancelled', { message: m });
      break;
    }
  }
  return r.outcome();
}

/** A proposal waiting for approval blocks another resolution until it is decided. */
function requireNoProposal(s: IncidentState, action: string): void {
  if (s.proposal) {
    throw new ActionNotAllowed(
      action,
      s.status,
      `a resolution proposed by '${personOf(s.proposal.proposedBy)}' is waiting for approval: approve or reject it first`,
    );
  }
}

function resolve(
  r: Recorder,
  c: {
    messageId: string;
    summary: string;
    remedy: Remedy;
    text?: string;
    resolvedBy: string;
    approvedBy?: string;
  },
): void {
  const s = r.state;
  const now = r.ctx.now;
  s.status = 'resolved';
  s.closedAt = iso(now);
  s.resolution = {
    summary: c.summary,
    remedy: c.remedy,
    resolvedBy: c.resolvedBy,
    ...(c.approvedBy ? { approvedBy: c.approvedBy } : {}),
    at: iso(now),
  };
  const m = addMessage(r, c.messageId, c.text ?? c.summary, s.status);
  for (const k of INCIDENT_CLOCKS) s.clocks[k] = stop(s.clocks[k], now);
  r.emit('incident.resolved', { message: m, resolution: s.resolution });
}

export interface IncidentThreshold {
  clock: IncidentClockName;
  kind: 'warning' | 'breach';
  at: number;
}

export function pendingIncidentThresholds(s: IncidentState): IncidentThreshold[] {
  const out: IncidentThreshold[] = [];
  for (const name of INCIDENT_CLOCKS) {
    const c = s.clocks[name];
    if (c.stoppedAt !== null || c.breached) continue;
    if (!c.warned && c.warnAt !== null && c.warnAt < c.dueAt)
      out.push({ clock: name, kind: 'warning', at: c.warnAt });
    out.push({ clock: name, kind: 'breach', at: c.dueAt });
  }
  return out.sort((a, b) => a.at - b.at);
}

export const nextIncidentThreshold = (s: IncidentState) => pendingIncidentThresholds(s)[0];

/** Fires every warning and breach whose moment has come, each once. */
export function fireIncidentThresholds(current: IncidentState, now: number): IncidentOutcome {
  const s = clone(current);
  const r = new Recorder(s, { now, actor: 'sla' });
  for (const t of pendingIncidentThresholds(s)) {
    if (t.at > now) break;
    const c = s.clocks[t.clock];
    if (t.kind === 'warning') {
      c.warned = true;
      r.emit('incident.sla_warning', { clock: t.clock, dueAt: iso(c.dueAt) });
    } else {
      c.warned = true;
      c.breached = true;
      s.breaches.push({ clock: t.clock, at: iso(t.at) });
      r.emit('incident.sla_breached', { clock: t.clock, at: iso(t.at), detectedAt: iso(now) });
    }
  }
  return r.outcome();
}

const due = (c: IncidentClock) => (c.stoppedAt === null ? iso(c.dueAt) : null);

export function toIncidentView(s: IncidentState): IncidentView {
  return {
    id: s.id,
    number: s.number,
    title: s.title,
    description: s.description,
    kind: s.kind,
    severity: s.severity,
    scope: s.scope,
    status: s.status,
    calendar: s.calendar.name,
    deadlines: { firstMessageBy: due(s.clocks.firstMessage), resolveBy: due(s.clocks.resolve) },
    breaches: s.breaches,
    messages: s.messages,
    resolution: s.resolution,
    proposal: s.proposal ?? null,
    openedBy: s.openedBy,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    closedAt: s.closedAt,
    workflowId: workflowIdForIncident(s.id),
  };
}

/** What integrators (and webhooks) may see: the public word, never the description, scope or reasons. */
export function publicIncident(v: IncidentView) {
  return {
    id: v.id,
    number: v.number,
    title: v.title,
    kind: v.kind,
    severity: v.severity,
    status: v.status,
    messages: v.messages.map(({ actor: _a, ...m }) => m),
    resolution: v.resolution
      ? { summary: v.resolution.summary, remedy: v.resolution.remedy, at: v.resolution.at }
      : null,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
    closedAt: v.closedAt,
  };
}
