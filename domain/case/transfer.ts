/**
 * Teams own work: a transfer to a department (转办) with its findings clock, the hand-back when the
 * department records findings, its refusal, and the move to another team when the level rises.
 * Pure: who is a member of which team, and which team takes a level, the caller looked up.
 */
import { ActionNotAllowed } from './commands.js';
import { isTerminal, type Level } from './contract.js';
import { clockDueAt, DEFAULT_FINDINGS_WITHIN, policyTarget, startClock, stopClock } from './clocks.js';
import { clone, Recorder, type Context, type Outcome } from './decision.js';
import type { CaseState } from './types.js';
import { iso } from '../time.js';

export interface TransferCommand {
  team: string;
  reason: string;
  findingsWithin?: string;
  ownerTeam?: string | null;
}

/** The findings target: the policy's, else the transfer's, else three working days. */
export function findingsTarget(s: CaseState, requested?: string): string {
  return policyTarget(s.sla, 'findings', s.priority) ?? requested ?? DEFAULT_FINDINGS_WITHIN;
}

/** Hands the case to a department: it becomes the case's team and its findings clock starts. */
export function transfer(r: Recorder, cmd: TransferCommand): void {
  const s = r.state;
  if (s.transfer) {
    throw new ActionNotAllowed(
      'transfer',
      s.status,
      `team '${s.transfer.team}' has the case for findings: it records them or refuses the transfer first`,
      { transferredTo: s.transfer.team },
    );
  }
  if (s.team === cmd.team) {
    throw new ActionNotAllowed('transfer', s.status, `team '${cmd.team}' already has the case`, {
      team: s.team,
    });
  }
  const target = findingsTarget(s, cmd.findingsWithin);
  s.clocks.findings = startClock(s.sla, 'findings', s.priority, r.ctx.now, target);
  const from = s.team ?? null;
  s.transfer = { team: cmd.team, from, returnTo: from ?? cmd.ownerTeam ?? null, at: iso(r.ctx.now) };
  s.team = cmd.team;
  const due = clockDueAt(s.clocks.findings, s.sla.calendar);
  r.emit('case.transferred', {
    team: cmd.team,
    from,
    reason: cmd.reason,
    findingsWithin: target,
    findingsBy: due === undefined ? null : iso(due),
  });
}

/** Ends the open transfer: the findings clock stops and the case goes back where it came from. */
function endTransfer(s: CaseState): { team: string; to: string | null } {
  const t = s.transfer!;
  s.clocks.findings = stopClock(s.clocks.findings);
  s.transfer = null;
  s.team = t.returnTo;
  return { team: t.team, to: t.returnTo };
}

/** Findings recorded by the department that has the case: handed back to the owner's team. */
export function handBackOnFindings(r: Recorder, byDepartment: boolean | undefined): void {
  if (!r.state.transfer || byDepartment !== true) return;
  const { team, to } = endTransfer(r.state);
  r.emit('case.handed_back', { team, to, owner: r.state.owner });
}

/** The department refuses the transfer: the case goes back, the findings clock stops. */
export function refuseTransfer(r: Recorder, reason: string): void {
  const s = r.state;
  if (!s.transfer) {
    throw new ActionNotAllowed('refuse-transfer', s.status, 'no transfer to a department is open', {
      team: s.team ?? null,
    });
  }
  const { team, to } = endTransfer(s);
  r.emit('case.transfer_refused', { team, to, reason });
}

/** Where an escalation sends the case: the escalation rules and the directory decided (api/db). */
export interface EscalationRoute {
  /** The level the route was looked up for: a case that moved on since ignores it. */
  level: Level;
  team: string;
  /** The least-loaded active agent of that team; null: none, the assignee stays. */
  assignee: string | null;
  reason: string;
  /** The manager a level-3 rule names, and whom else the rule says to tell. */
  manager?: string | null;
  notify?: string[];
}

/**
 * Moves an escalated case to the team that takes its new level. A department's open transfer ends
 * with it: the escalated team takes the work over. Nothing happens when the case is already there.
 */
export function moveOnEscalation(current: CaseState, route: EscalationRoute, ctx: Context): Outcome {
  const s = clone(current);
  const r = new Recorder(s, ctx);
  if (isTerminal(s.status) || s.level !== route.level || (s.team ?? null) === route.team) return r.outcome();
  const from = s.team ?? null;
  const department = s.transfer?.team;
  if (s.transfer) {
    s.clocks.findings = stopClock(s.clocks.findings);
    s.transfer = null;
  }
  s.team = route.team;
  r.emit('case.team_changed', {
    from,
    to: route.team,
    level: route.level,
    reason: route.reason,
    cause: 'escalation',
    ...(route.manager ? { manager: route.manager } : {}),
    ...(route.notify?.length ? { notify: route.notify } : {}),
    ...(department ? { transferEnded: department } : {}),
  });
  if (route.assignee && route.assignee !== s.assignee) {
    const previous = s.assignee;
    s.assignee = route.assignee;
    r.emit('case.assigned', { assignee: route.assignee, previous });
  }
  return r.outcome();
}
