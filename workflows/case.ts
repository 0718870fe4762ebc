/**
 * One customer-service case as a durable workflow: the state machine (domain/case) decides, this
 * file waits. It owns the case's clocks (one timer for the next threshold of any clock), projects
 * every change to the read model before answering, and keeps search attributes current for ops.
 */
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  currentUpdateInfo,
  log,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { CaseActivities } from '../activities/case.js';
import { CASE_ACTIONS, type CaseCommand } from '../domain/case/commands.js';
import { isTerminal, SA } from '../domain/case/contract.js';
import type { Outcome } from '../domain/case/decision.js';
import { idleClock } from '../domain/case/clocks.js';
import { applyCommand } from '../domain/case/machine.js';
import { moveOnEscalation, type EscalationRoute } from '../domain/case/transfer.js';
import { openCase, openedAt } from '../domain/case/opening.js';
import { fireDueThresholds, nextMoment, type Moment } from '../domain/case/thresholds.js';
import { toCaseView } from '../domain/case/view.js';
import { opsAttributes, opsKey, opsSearchAttributes } from '../domain/case/projection.js';
import type { CaseEvent, CaseState, CaseView, OpenCaseInput } from '../domain/case/types.js';
import { handleIncidentNotices } from './case-incident.js';
import { actionUpdates, openedUpdate, viewQuery, type ActionRequest } from './case-updates.js';
import { isPatched, PATCHES } from './patches.js';
import { legacyCase } from './legacy/case.js';
import { lagDetails, Projector, type CaseProjector, type ProjectionLag } from './projector.js';
import { opsText } from '../domain/case/ops-text.js';
import { refusalsAsFailures } from './refusals.js';
import { iso } from '../domain/time.js';

export type CaseWorkflowInput =
  | { open: OpenCaseInput }
  | {
      resume: {
        state: CaseState;
        unprojected: CaseEvent[];
        /** The read model was behind when the previous run continued as new. */
        lag?: ProjectionLag;
        /** Updates the previous runs applied, by update id: a retry answers as they did. */
        applied?: [string, CaseView][];
      };
    };

// A few seconds of tries, then the case goes on unassigned.
const assignment = proxyLocalActivities<CaseActivities>({
  startToCloseTimeout: '5s',
  scheduleToCloseTimeout: '15s',
  localRetryThreshold: '1 minute',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '5s' },
});

/** How many applied update ids a case carries into its next run (Temporal dedupes only within a run). */
const APPLIED_CARRIED = 32;

export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseView> {
  let state: CaseState;
  let unprojected: CaseEvent[];
  if ('open' in input) {
    // Cases opened before this change started their clocks at the first workflow task.
    const now = isPatched(PATCHES.clockFromReceivedAt) ? openedAt(input.open, Date.now()) : Date.now();
    // Cases opened before per-clock rules keep one warning rule and the policy's calendar for all clocks.
    const sla = isPatched(PATCHES.perClockSla)
      ? { ...input.open.sla, perClock: true as const }
      : { ...input.open.sla, perClock: undefined };
    const o = openCase({ ...input.open, sla }, { now, actor: input.open.openedBy });
    state = o.state;
    unprojected = o.events;
  } else {
    ({ state, unprojected } = input.resume);
    // A run that continued as new before the findings clock existed carries no such clock.
    state.clocks.findings ??= idleClock();
  }
  let version = 0;
  let opened = false;
  // A run of a case started before `deliveries-outside-case` takes the old paths (workflows/legacy/);
  // asked once, here, at the start of the run.
  const legacy = isPatched(PATCHES.deliveriesOutsideCase) ? undefined : legacyCase;
  const projectorOptions = {
    state: () => state,
    unprojected,
    lag: 'resume' in input ? input.resume.lag : undefined,
    onLagChange: () => setCurrentDetails(phaseDetails(state) + lagDetails(projector.lag)),
  };
  const projector: CaseProjector = legacy
    ? legacy.projector(projectorOptions)
    : new Projector(projectorOptions);
  const applied = new Map<string, CaseView>('resume' in input ? (input.resume.applied ?? []) : []);

  async function commit(outcome: Outcome): Promise<void> {
    if (outcome.events.length === 0) return;
    state = outcome.state;
    projector.push(outcome.events);
    version += 1;
    publishForOps();
    await projector.project();
    const escalated = outcome.events.findLast((e) => e.type === 'case.escalated');
    if (escalated && !legacy && !isTerminal(state.status) && isPatched(PATCHES.escalationRoutes)) {
      await followEscalation(String(escalated.data.reason ?? ''));
    }
  }

  /** The escalation rules' team for the new level takes the case; a directory down leaves it where it is. */
  async function followEscalation(reason: string): Promise<void> {
    let route: EscalationRoute | null;
    const level = state.level;
    try {
      const found = await assignment.escalationRoute({ type: state.type, level, team: state.team ?? null });
      route = found && { ...found, level, reason };
    } catch (err) {
      log.warn('escalation routing failed; the case stays with its team', {
        caseId: state.id,
        error: String((err as Error)?.cause ?? err),
      });
      return;
    }
    if (route) await commit(moveOnEscalation(state, route, { now: Date.now(), actor: 'system' }));
  }

  // What the search attributes already say: at the start, what the API set when it started the case.
  let published = indexedOpsKey();
  function publishForOps(): void {
    const ops = opsAttributes(state);
    // Each upsert is a history event and a visibility write: skip it when nothing ops filter on moved.
    const key = opsKey(ops);
    if (key !== published || !isPatched(PATCHES.onlyChangedOpsUpdates)) {
      upsertSearchAttributes(opsSearchAttributes(ops));
    }
    published = key;
    setCurrentDetails(phaseDetails(state) + lagDetails(projector.lag));
  }

  /** An update an earlier run applied: the id Temporal no longer knows, with the answer it got. */
  const earlier = (): CaseView | undefined => {
    const id = currentUpdateInfo()?.id;
    return id === undefined ? undefined : applied.get(id);
  };
  function remember(view: CaseView): void {
    const id = currentUpdateInfo()?.id;
    if (legacy || id === undefined) return;
    applied.delete(id);
    applied.set(id, view);
    if (applied.size > APPLIED_CARRIED) applied.delete(applied.keys().next().value!);
  }

  setHandler(viewQuery, () => toCaseView(state));
  setHandler(openedUpdate, async () => {
    await condition(() => opened);
    return toCaseView(state);
  });
  for (const action of CASE_ACTIONS) {
    setHandler(
      actionUpdates[action],
      async (req: ActionRequest) => {
        const before = earlier();
        if (before) return before;
        await condition(() => opened);
        const command = await withAutoAssignee(req.command);
        await commit(refusalsAsFailures(() => applyCommand(state, command, handlerContextOf(req))));
        const view = toCaseView(state);
        remember(view);
        return view;
      },
      {
        validator: (req: ActionRequest) => {
          if (earlier()) return;
          refusalsAsFailures(() => applyCommand(state, req.command, contextOf(req)));
        },
      },
    );
  }

  handleIncidentNotices({ state: () => state, ready: () => opened, commit });

  /** First-contact assignment by workload; a directory that keeps failing leaves the case unassigned. */
  async function chooseAssignee(): Promise<string | null> {
    const q = { type: state.type, level: state.level };
    if (legacy) return legacy.chooseAssignee(q);
    try {
      return await assignment.chooseAssignee(q);
    } catch (err) {
      log.warn('assignment by workload failed; the case stays unassigned', {
        caseId: state.id,
        error: String((err as Error)?.cause ?? err),
      });
      return null;
    }
  }

  /** Accepting a case nobody has yet: first-contact assignment by workload. */
  async function withAutoAssignee(command: CaseCommand): Promise<CaseCommand> {
    if (command.action !== 'accept' || command.assignee || state.assignee) return command;
    const assignee = await chooseAssignee();
    return assignee ? { ...command, assignee } : command;
  }

  // Opening: assign by workload, then make the case visible before anyone is answered.
  if ('open' in input) {
    const chosen = input.open.assignee;
    const assignee = chosen !== undefined ? chosen : await chooseAssignee();
    if (assignee) {
      const o = applyCommand(state, { action: 'assign', assignee }, { now: Date.now(), actor: 'system' });
      state = o.state;
      projector.push(o.events);
    }
  }
  publishForOps();
  await projector.project();
  opened = true;

  /** Continue-as-new only between updates and writes, so nothing accepted is left behind. */
  const readyToContinue = () => allHandlersFinished() && projector.idle();

  while (!isTerminal(state.status)) {
    await commit(fireDueThresholds(state, Date.now()));
    if (isTerminal(state.status)) break;
    projector.retryIfDue(Date.now());
    if (workflowInfo().continueAsNewSuggested) {
      if (legacy) {
        await legacy.continueAsNew(state, projector, sleepUntil);
      } else if (readyToContinue()) {
        await continueAsNew<typeof caseWorkflow>({
          resume: { state, unprojected: projector.pending, lag: projector.lag, applied: [...applied] },
        });
      }
    }
    const seen = version;
    const lagSeen = projector.lagChanges;
    const next = nextMoment(state);
    // A change that leaves the next threshold where it was (a note, findings, an assignment) keeps
    // the running timer: no cancel and restart in the history. Older cases wake on every change.
    const woken = isPatched(PATCHES.onlyChangedOpsUpdates)
      ? () =>
          isTerminal(state.status) ||
          (workflowInfo().continueAsNewSuggested && (legacy !== undefined || readyToContinue())) ||
          projector.lagChanges !== lagSeen ||
          !sameMoment(nextMoment(state), next)
      : () => version !== seen || projector.lagChanges !== lagSeen;
    const retryAt = projector.retryAt();
    const wakeAt = Math.min(next?.at ?? Infinity, retryAt ?? Infinity);
    if (wakeAt === Infinity) {
      await condition(woken);
      continue;
    }
    const summary =
      next && next.at === wakeAt
        ? `${next.clock} ${next.kind} at ${iso(next.at)} (calendar ${state.sla.calendar.name})`
        : `read model retry at ${iso(wakeAt)}`;
    // Clock, time and calendar name only: ops read it in the Web UI without a codec session.
    await condition(woken, Math.max(1, wakeAt - Date.now()), { summary: opsText(summary) });
  }
  // Let in-flight actions answer and the read model take every event before the run completes.
  await condition(allHandlersFinished);
  await projector.drain(sleepUntil);
  return toCaseView(state);
}

async function sleepUntil(at: number): Promise<void> {
  if (at > Date.now()) await sleep(at - Date.now());
}

const sameMoment = (a: Moment | undefined, b: Moment | undefined): boolean =>
  a === b || (!!a && !!b && a.clock === b.clock && a.kind === b.kind && a.at === b.at);

/** The key of the ops attributes the case is indexed with now, if they are set. */
function indexedOpsKey(): string | undefined {
  const sa = workflowInfo().typedSearchAttributes;
  const [status, priority, level, assignee, breached, next] = [
    sa.get(SA.status),
    sa.get(SA.priority),
    sa.get(SA.level),
    sa.get(SA.assignee),
    sa.get(SA.breached),
    sa.get(SA.nextDeadline),
  ];
  // No assignee attribute means none (a keyword cannot be set to null at the start); cases started
  // before the API set the next deadline lack it, and their first publish upserts as it always did.
  if ([status, priority, level, breached, next].some((v) => v === undefined)) return undefined;
  return opsKey({
    status: status as CaseState['status'],
    priority: priority as CaseState['priority'],
    level: level as CaseState['level'],
    assignee: assignee ?? null,
    breached: breached!,
    nextDeadline: next!.toISOString(),
  });
}

/** The decision's context; the deployment flags come with the request, so replays see what was asked. */
function contextOf(req: ActionRequest) {
  return { now: Date.now(), actor: req.actor, fourEyes: req.fourEyes };
}

/** Applying (not validating): a wait for the customer asks the patch, so the marker is recorded then. */
function handlerContextOf(req: ActionRequest) {
  const waits = req.command.action === 'wait-for-customer' && isPatched(PATCHES.customerWait);
  return { ...contextOf(req), ...(waits ? { customerWait: true } : {}) };
}

function phaseDetails(s: CaseState): string {
  const who = s.assignee ? ` · assignee ${s.assignee}` : '';
  const breaches = s.breaches.length ? ` · ${s.breaches.length} breach(es)` : '';
  return `**${s.status}** · level ${s.level} · ${s.priority}${who}${breaches}`;
}
