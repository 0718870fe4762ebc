/** What the read model stores of a case after a change: the view plus the columns lists filter on. */
import { workingTimeBetween } from '../calendar/index.js';
import type { SearchAttributePair, SearchAttributeUpdatePair } from '@temporalio/common';
import { SA } from './contract.js';
import { applyCommand } from './machine.js';
import { openCase } from './opening.js';
import { nextThreshold } from './thresholds.js';
import { deadlines, isBreached, toCaseView } from './view.js';
import type { CaseEvent, CaseState, CaseView, OpenCaseInput } from './types.js';

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
  const byClock = {
    respond: d.respondBy,
    resolve: d.resolveBy,
    callback: d.callbackBy,
    rate: d.rateBy,
    findings: d.findingsBy ?? null,
  };
  return byClock[next.clock];
}

/** The values ops filter cases on in the Temporal UI: the case's search attributes besides kind and customer. */
export interface OpsAttributes {
  status: CaseState['status'];
  priority: CaseState['priority'];
  level: CaseState['level'];
  assignee: string | null;
  breached: boolean;
  nextDeadline: string | null;
}

export function opsAttributes(state: CaseState): OpsAttributes {
  return {
    status: state.status,
    priority: state.priority,
    level: state.level,
    assignee: state.assignee,
    breached: isBreached(state),
    nextDeadline: nextDeadline(state),
  };
}

/** Equal keys, equal attributes: the workflow upserts only when the key changes. */
export function opsKey(a: OpsAttributes): string {
  return JSON.stringify([a.status, a.priority, a.level, a.assignee, a.breached, a.nextDeadline]);
}

/** The ops attributes as search attributes; a null clears one (no assignee, no deadline ahead). */
export function opsSearchAttributes(ops: OpsAttributes): SearchAttributeUpdatePair[] {
  return [
    { key: SA.status, value: ops.status },
    { key: SA.priority, value: ops.priority },
    { key: SA.level, value: ops.level },
    { key: SA.assignee, value: ops.assignee },
    { key: SA.breached, value: ops.breached },
    { key: SA.nextDeadline, value: ops.nextDeadline ? new Date(ops.nextDeadline) : null },
  ];
}

/**
 * The search attributes a case is started with: everything the workflow will index once it has
 * opened the case (same pure functions, same instant), so its first task has nothing to upsert.
 */
export function startSearchAttributes(input: OpenCaseInput): SearchAttributePair[] {
  const now = Date.parse(input.receivedAt);
  let { state } = openCase(input, { now, actor: input.openedBy });
  if (input.assignee) {
    state = applyCommand(
      state,
      { action: 'assign', assignee: input.assignee },
      { now, actor: 'system' },
    ).state;
  }
  return [
    { key: SA.kind, value: input.type },
    { key: SA.number, value: input.number },
    { key: SA.customerId, value: input.customer.id },
    // A start cannot set an attribute to null: an absent one is read as none.
    ...opsSearchAttributes(opsAttributes(state)).filter((p) => p.value !== null),
  ] as SearchAttributePair[];
}
