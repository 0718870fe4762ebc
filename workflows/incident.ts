/**
 * One incident as a durable workflow (`incident:<id>`): its lifecycle and SLA clocks (domain/incident),
 * its read model, and the fan-out of its public word to every linked case. A fan-out is one
 * heartbeating activity per message that pages through the linked cases in the read model and
 * sends each case one Workflow Update; a case deduplicates by the message's sequence, so a fan-out
 * retried after a worker dies tells nobody twice. The history grows by a few events per message or
 * link request, never per case, and the workflow continues as new when Temporal suggests it.
 */
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineUpdate,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { IncidentActivities } from '../activities/incidents.js';
import { ActionNotAllowed } from '../domain/case/commands.js';
import { INCIDENT_MSG, INCIDENT_SA, isClosedIncident } from '../domain/incident/contract.js';
import {
  applyIncidentCommand,
  fireIncidentThresholds,
  nextIncidentThreshold,
  openIncident,
  postedMessage,
  toIncidentView,
  type IncidentCommand,
  type IncidentOutcome,
} from '../domain/incident/machine.js';
import type {
  IncidentEvent,
  IncidentMessage,
  IncidentState,
  IncidentView,
  OpenIncidentInput,
} from '../domain/incident/types.js';
import { refusalsAsFailures } from './refusals.js';

/** A message still to be told to every linked case; resolution and cancellation ride on theirs. */
export interface FanOut {
  message: IncidentMessage;
  then?: 'resolve' | 'unlink';
}

export type IncidentWorkflowInput =
  | { open: OpenIncidentInput }
  | { resume: { state: IncidentState; unprojected: IncidentEvent[]; queue: FanOut[] } };

export interface IncidentRequest {
  actor: string;
  command: IncidentCommand;
}
export interface LinkRequest {
  actor: string;
  caseIds: string[];
}
export interface LinkOutcome {
  caseId: string;
  outcome: 'linked' | 'unlinked' | 'refused' | 'unknown';
  detail?: string;
}

export const incidentOpened = defineUpdate<IncidentView>(INCIDENT_MSG.opened);
export const incidentView = defineQuery<IncidentView>(INCIDENT_MSG.view);
export const incidentCommand = defineUpdate<IncidentView, [IncidentRequest]>(INCIDENT_MSG.post);
export const incidentLink = defineUpdate<LinkOutcome[], [LinkRequest]>(INCIDENT_MSG.link);
export const incidentUnlink = defineUpdate<LinkOutcome[], [LinkRequest]>(INCIDENT_MSG.unlink);

const local = proxyLocalActivities<IncidentActivities>({
  startToCloseTimeout: '10s',
  localRetryThreshold: '10s',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '30s' },
});
// A fan-out pages on after a worker dies: the heartbeat timeout gives it to another worker soon.
const fanOuts = proxyActivities<IncidentActivities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
const links = proxyActivities<IncidentActivities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '20s',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '10s', maximumAttempts: 5 },
});

export async function incidentWorkflow(input: IncidentWorkflowInput): Promise<IncidentView> {
  let state: IncidentState;
  let unprojected: IncidentEvent[];
  let queue: FanOut[];
  if ('open' in input) {
    ({ state, events: unprojected } = openIncident(input.open, {
      now: Date.now(),
      actor: input.open.openedBy,
    }));
    queue = [];
  } else {
    ({ state, unprojected, queue } = input.resume);
  }
  let opened = false;
  let version = 0;
  /** Link requests in flight, each with the message sequence it tells its cases. */
  const linking = new Map<number, number>();
  let linkJobs = 0;

  let projecting: Promise<void> = Promise.resolve();
  function project(): Promise<void> {
    projecting = projecting.then(async () => {
      const events = unprojected.slice();
      await local.projectIncident({ view: toIncidentView(state), events });
      unprojected.splice(0, events.length);
    });
    return projecting;
  }

  async function commit(o: IncidentOutcome): Promise<void> {
    if (o.events.length === 0) return;
    state = o.state;
    unprojected.push(...o.events);
    version += 1;
    publish();
    await project();
  }

  function publish(): void {
    upsertSearchAttributes([
      { key: INCIDENT_SA.status, value: state.status },
      { key: INCIDENT_SA.breached, value: state.breaches.length > 0 },
    ]);
    const next = nextIncidentThreshold(state);
    setCurrentDetails(
      `**${state.status}** · ${state.severity} · ${state.messages.length} public message(s)` +
        (state.breaches.length ? ` · breached: ${state.breaches.map((b) => b.clock).join(', ')}` : '') +
        (next ? `\n\nnext: ${next.clock} ${next.kind} at ${new Date(next.at).toISOString()}` : '') +
        (queue.length ? `\n\ntelling linked cases message #${queue[0]!.message.seq}` : ''),
    );
  }

  setHandler(incidentView, () => toIncidentView(state));
  setHandler(incidentOpened, async () => {
    await condition(() => opened);
    return toIncidentView(state);
  });
  setHandler(
    incidentCommand,
    async (req: IncidentRequest) => {
      await condition(() => opened);
      const cmd = req.command;
      const outcome = refusalsAsFailures(() =>
        applyIncidentCommand(state, cmd, { now: Date.now(), actor: req.actor }),
      );
      const committed = commit(outcome);
      // Queued in the same task as the state changes: the main loop never sees a resolved incident
      // without the fan-out that tells its cases.
      // A proposal posts nothing (its message waits for the approval), so it tells no case.
      const message = outcome.events.length > 0 ? postedMessage(state, cmd.messageId) : undefined;
      if (message) {
        queue.push({
          message,
          then: state.status === 'resolved' ? 'resolve' : cmd.action === 'cancel' ? 'unlink' : undefined,
        });
      }
      await committed;
      return toIncidentView(state);
    },
    {
      validator: (req: IncidentRequest) =>
        void refusalsAsFailures(() =>
          applyIncidentCommand(state, req.command, { now: Date.now(), actor: req.actor }),
        ),
    },
  );
  setHandler(
    incidentLink,
    async (req: LinkRequest) => {
      await condition(() => opened);
      const job = ++linkJobs;
      const latest = state.messages[state.messages.length - 1] ?? null;
      linking.set(job, latest?.seq ?? 0);
      try {
        return await links.linkCases({
          incident: { id: state.id, number: state.number, title: state.title },
          latest,
          caseIds: req.caseIds,
          actor: req.actor,
        });
      } finally {
        linking.delete(job);
      }
    },
    { validator: (_req: LinkRequest) => void refusalsAsFailures(() => requireOpen(state, 'link')) },
  );
  setHandler(
    incidentUnlink,
    async (req: LinkRequest) => {
      await condition(() => opened);
      return links.unlinkCases({
        incidentId: state.id,
        caseIds: req.caseIds,
        reason: `unlinked by ${req.actor}`,
      });
    },
    { validator: (_req: LinkRequest) => void refusalsAsFailures(() => requireOpen(state, 'unlink')) },
  );

  publish();
  await project();
  opened = true;

  for (;;) {
    await commit(fireIncidentThresholds(state, Date.now()));
    const job = queue[0];
    if (job) {
      // A link that began before this message was posted tells its cases the one before: the
      // fan-out starts once such links are in the read model, so it finds their cases.
      await condition(() => [...linking.values()].every((seq) => seq >= job.message.seq));
      await fanOuts.fanOutMessage({
        incident: { id: state.id, number: state.number, title: state.title },
        message: job.message,
        then: job.then,
        resolution: job.then === 'resolve' ? state.resolution : null,
      });
      queue.shift();
      publish();
      continue;
    }
    if (isClosedIncident(state.status)) break;
    if (workflowInfo().continueAsNewSuggested && allHandlersFinished()) {
      await projecting;
      await continueAsNew<typeof incidentWorkflow>({ resume: { state, unprojected, queue } });
    }
    const seen = version;
    const next = nextIncidentThreshold(state);
    const woken = () =>
      queue.length > 0 ||
      version !== seen ||
      (workflowInfo().continueAsNewSuggested && allHandlersFinished());
    if (next) await condition(woken, Math.max(1, next.at - Date.now()));
    else await condition(woken);
  }
  await condition(allHandlersFinished);
  await projecting;
  return toIncidentView(state);
}

function requireOpen(s: IncidentState, action: string): void {
  if (isClosedIncident(s.status)) {
    throw new ActionNotAllowed(
      action,
      s.status,
      `the incident is already '${s.status}': cases can no longer be ${action}ed`,
    );
  }
}
