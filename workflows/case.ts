/**
 * One customer-service case as a durable workflow: the state machine (domain/case) decides, this
 * file waits. It owns the case's clocks (one timer for the next threshold of any clock), projects
 * every change to the read model before answering, and keeps search attributes current for ops.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { CaseActivities } from '../activities/index.js';
import { ActionNotAllowed, CASE_ACTIONS, InvalidCommand, type CaseCommand } from '../domain/case/commands.js';
import { isTerminal, SA } from '../domain/case/contract.js';
import {
  applyCommand,
  fireDueThresholds,
  nextThreshold,
  openCase,
  openedAt,
  toCaseView,
  type Outcome,
  type Threshold,
} from '../domain/case/machine.js';
import { opsAttributes, opsKey, opsSearchAttributes, toProjection } from '../domain/case/projection.js';
import type { CaseEvent, CaseState, CaseView, OpenCaseInput } from '../domain/case/types.js';
import { actionUpdates, FAILURE, openedUpdate, viewQuery, type ActionRequest } from './messages.js';
import { isPatched, PATCHES } from './patches.js';

export type CaseWorkflowInput =
  { open: OpenCaseInput } | { resume: { state: CaseState; unprojected: CaseEvent[] } };

// Local activities: the projection is on the answer path of every action, so it skips the task queue.
const { projectCase, chooseAssignee } = proxyLocalActivities<CaseActivities>({
  startToCloseTimeout: '30s',
  localRetryThreshold: '10s',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '30s' },
});

// Webhooks: a regular activity, retried with exponential backoff while a receiver is down.
const { deliverWebhooks } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '2 minutes',
  // A worker that died mid-delivery is noticed in seconds, not at the start-to-close timeout.
  heartbeatTimeout: '15 seconds',
  scheduleToCloseTimeout: '3 days',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

const iso = (t: number) => new Date(t).toISOString();

export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseView> {
  let state: CaseState;
  let unprojected: CaseEvent[];
  if ('open' in input) {
    // Cases opened before this change started their clocks at the first workflow task.
    const now = isPatched(PATCHES.clockFromReceivedAt) ? openedAt(input.open, Date.now()) : Date.now();
    const o = openCase(input.open, { now, actor: input.open.openedBy });
    state = o.state;
    unprojected = o.events;
  } else {
    ({ state, unprojected } = input.resume);
  }
  let version = 0;
  let opened = false;
  let projecting: Promise<void> = Promise.resolve();

  /** Projections run one after another, so the read model sees events in sequence order. */
  function project(): Promise<void> {
    const events = unprojected;
    unprojected = [];
    const snapshot = toProjection(state, events);
    projecting = projecting.then(async () => {
      const result = await projectCase(snapshot);
      if (result?.deliveries) deliverInBackground(snapshot.seq);
    });
    return projecting;
  }

  /**
   * Nobody waits for webhooks to answer; the case only waits for them before it completes. One
   * delivery activity at a time per case, so a receiver sees a case's events in sequence order.
   */
  const deliveries = new Set<Promise<void>>();
  let deliveryTarget = 0;
  let deliveryLoop: Promise<void> | undefined;
  function deliverInBackground(upToSeq: number): void {
    if (!isPatched(PATCHES.serialWebhookDelivery)) {
      // Cases started before the patch keep their concurrent deliveries.
      const delivery: Promise<void> = deliverWebhooks({ caseId: state.id, upToSeq }).then(
        () => void deliveries.delete(delivery),
        () => void deliveries.delete(delivery),
      );
      deliveries.add(delivery);
      return;
    }
    deliveryTarget = Math.max(deliveryTarget, upToSeq);
    deliveryLoop ??= (async () => {
      for (let done = 0; done < deliveryTarget;) {
        const target = deliveryTarget;
        // Gave up after the schedule-to-close timeout: the rows stay pending in the delivery log.
        await deliverWebhooks({ caseId: state.id, upToSeq: target }).catch(() => undefined);
        done = target;
      }
      deliveryLoop = undefined;
    })();
  }

  async function drain(): Promise<void> {
    await condition(allHandlersFinished);
    await projecting;
    await Promise.all([...deliveries]);
    while (deliveryLoop) await deliveryLoop;
  }

  async function commit(outcome: Outcome): Promise<void> {
    if (outcome.events.length === 0) return;
    state = outcome.state;
    unprojected.push(...outcome.events);
    version += 1;
    publishForOps();
    await project();
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
    setCurrentDetails(phaseDetails(state));
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
        await condition(() => opened);
        const command = await withAutoAssignee(req.command);
        await commit(decide(() => applyCommand(state, command, { now: Date.now(), actor: req.actor })));
        return toCaseView(state);
      },
      {
        validator: (req: ActionRequest) =>
          void decide(() => applyCommand(state, req.command, validationContext(req))),
      },
    );
  }

  /** Accepting a case nobody has yet: first-contact assignment by workload. */
  async function withAutoAssignee(command: CaseCommand): Promise<CaseCommand> {
    if (command.action !== 'accept' || command.assignee || state.assignee) return command;
    const assignee = await chooseAssignee({ type: state.type, level: state.level });
    return assignee ? { ...command, assignee } : command;
  }

  // Opening: assign by workload, then make the case visible before anyone is answered.
  if ('open' in input) {
    const chosen = input.open.assignee;
    const assignee =
      chosen !== undefined ? chosen : await chooseAssignee({ type: state.type, level: state.level });
    if (assignee) {
      const o = applyCommand(state, { action: 'assign', assignee }, { now: Date.now(), actor: 'system' });
      state = o.state;
      unprojected.push(...o.events);
    }
  }
  publishForOps();
  await project();
  opened = true;

  while (!isTerminal(state.status)) {
    await commit(fireDueThresholds(state, Date.now()));
    if (isTerminal(state.status)) break;
    if (workflowInfo().continueAsNewSuggested) {
      await drain();
      await continueAsNew<typeof caseWorkflow>({ resume: { state, unprojected } });
    }
    const seen = version;
    const next = nextThreshold(state);
    // A change that leaves the next threshold where it was (a note, findings, an assignment) keeps
    // the running timer: no cancel and restart in the history. Older cases wake on every change.
    const woken = isPatched(PATCHES.onlyChangedOpsUpdates)
      ? () =>
          isTerminal(state.status) ||
          workflowInfo().continueAsNewSuggested ||
          !sameThreshold(nextThreshold(state), next)
      : () => version !== seen;
    if (!next) {
      await condition(woken);
      continue;
    }
    await condition(woken, Math.max(1, next.at - Date.now()), {
      summary: `${next.clock} ${next.kind} at ${iso(next.at)} (calendar ${state.sla.calendar.name})`,
    });
  }
  // Let in-flight actions answer and webhooks go out before the run completes.
  await drain();
  return toCaseView(state);
}

const sameThreshold = (a: Threshold | undefined, b: Threshold | undefined): boolean =>
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

/** Validators see no clock of their own; the time only matters to handlers. */
function validationContext(req: ActionRequest) {
  return { now: Date.now(), actor: req.actor };
}

/** Turns domain refusals into failures the client can read (type → HTTP status). */
function decide(fn: () => Outcome): Outcome {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ActionNotAllowed) {
      throw ApplicationFailure.create({
        type: FAILURE.notAllowed,
        message: err.message,
        details: [{ ...err.current, status: err.status, action: err.action }],
        nonRetryable: true,
      });
    }
    if (err instanceof InvalidCommand) {
      throw ApplicationFailure.create({ type: FAILURE.invalid, message: err.message, nonRetryable: true });
    }
    throw err;
  }
}

function phaseDetails(s: CaseState): string {
  const who = s.assignee ? ` · assignee ${s.assignee}` : '';
  const breaches = s.breaches.length ? ` · ${s.breaches.length} breach(es)` : '';
  return `**${s.status}** · level ${s.level} · ${s.priority}${who}${breaches}`;
}
