/**
 * The case state machine: pure functions from (state, command, time) to (state, events).
 * The workflow calls them in update validators (to refuse without touching history) and in
 * handlers (to apply); tests call them directly. No I/O, no clock of its own. Beside it: opening
 * a case (opening.ts), its SLA thresholds and timer moments (thresholds.ts), its view (view.ts).
 */
import { BeyondHorizon } from '../calendar/index.js';
import {
  ActionNotAllowed,
  CASE_ACTIONS,
  InvalidCommand,
  type CaseAction,
  type CaseCommand,
} from './commands.js';
import { CLOCKS, isTerminal, MAX_LEVEL, REMEDIES_NEEDING_APPROVAL, type CaseStatus } from './contract.js';
import {
  clockCalendar,
  clockDueAt,
  extendClock,
  pauseClock,
  resumeClock,
  retargetClock,
  startClock,
  stopClock,
} from './clocks.js';
import { armCustomerWait } from './customer-wait.js';
import { clone, close, markResolved, raiseLevel, Recorder, type Context, type Outcome } from './decision.js';
import { extensionTarget } from './extension.js';
import { handBackOnFindings, refuseTransfer, transfer } from './transfer.js';
import type { CaseState } from './types.js';
import { personOf } from '../people.js';
import { iso } from '../time.js';

/** A poor rating (at or below this) reopens the case once. */
export const POOR_RATING = 2;

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
  // The manuals hand a complaint to a department once it is accepted and under investigation.
  transfer: ['investigating'],
  'refuse-transfer': 'live',
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
      handBackOnFindings(r, cmd.byDepartment);
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
      // A clock of its own calendar (round the clock) is extended on that calendar.
      const calendar = clockCalendar(clock, s.sla.calendar);
      const newDue = extensionTarget(calendar, due, cmd, ctx.now);
      s.clocks[cmd.clock] = extendClock(clock, s.sla.calendar, newDue);
      const effective = clockDueAt(s.clocks[cmd.clock], s.sla.calendar)!;
      // Compare the deadline that results: an extension into non-working time moves nothing.
      if (!(effective > due)) {
        throw new InvalidCommand(
          `the new ${cmd.clock} deadline must add working time after the current one (${iso(due)}) on calendar ${calendar.name}`,
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
    case 'transfer':
      requireAllowed(s, cmd.action);
      transfer(r, cmd);
      break;
    case 'refuse-transfer':
      requireAllowed(s, cmd.action);
      refuseTransfer(r, cmd.reason);
      break;
  }
  return r.outcome();
}
