/**
 * The API's side of incidents: opening (number, calendar, workflow start), public updates,
 * resolution and cancellation as Workflow Updates, linking cases (at their opening or later), and
 * reads from the read model. Every POST honours an Idempotency-Key like the case routes.
 */
import { createHash } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ulid } from 'ulid';
import { knownCaseIds } from '../db/cases.js';
import type { Db } from '../db/database.js';
import { findIncidentView, listIncidentViews, nextIncidentNumber } from '../db/incidents.js';
import { CALENDAR_24X7 } from '../domain/calendar/index.js';
import { isTerminal, REMEDIES_NEEDING_APPROVAL, type Remedy } from '../domain/case/contract.js';
import type { CaseView } from '../domain/case/types.js';
import {
  INCIDENT_SA,
  isClosedIncident,
  workflowIdForIncident,
  type IncidentStatus,
} from '../domain/incident/contract.js';
import type { IncidentCommand } from '../domain/incident/machine.js';
import type { IncidentView, OpenIncidentInput } from '../domain/incident/types.js';
import {
  incidentCommand,
  incidentLink,
  incidentOpened,
  incidentUnlink,
  incidentWorkflow,
  type LinkOutcome,
} from '../workflows/incident.js';
import { FAILURE } from '../workflows/case-updates.js';
import { isStaff } from './audience.js';
import { type Principal } from './auth.js';
import { actorOf } from '../domain/people.js';
import { isWorkflowGone } from './case-failures.js';
import type { CaseService } from './case-service.js';
import { problem } from './problem.js';
import type { OpenCaseBody } from './routes/case-schemas.js';
import type { OpenIncidentBody } from './routes/incident-schemas.js';

export interface IncidentServiceDeps {
  client: Client;
  db: Db;
  taskQueue: string;
  updateTimeoutMs: number;
  cases: CaseService;
  /** The deployment's four-eyes rule (APPROVAL_FOUR_EYES), as for cases' resolutions. */
  fourEyes: boolean;
}

export type CommandBody =
  | { action: 'post'; text: string; status?: 'open' | 'monitoring' }
  | { action: 'resolve'; summary: string; remedy: Remedy; text?: string }
  | { action: 'cancel'; reason: string; text?: string };

/** A supervisor's decision on a resolution waiting for approval. */
export interface DecisionBody {
  decision: 'approve' | 'reject';
  comment?: string;
}

export class IncidentService {
  constructor(private readonly deps: IncidentServiceDeps) {}

  async open(
    body: OpenIncidentBody,
    principal: Principal,
    key?: string,
  ): Promise<{ created: boolean; view: IncidentView }> {
    let id = `inc_${ulid().toLowerCase()}`;
    if (key) {
      const claim = await this.deps.cases.claimIdempotencyKey(principal, key, 'POST /v1/incidents', body, id);
      id = claim.caseId;
      if (!claim.fresh) {
        const existing = await this.find(id);
        if (existing) return { created: false, view: existing };
      }
    }
    const calendar = body.calendar ? await this.deps.cases.calendar(body.calendar) : CALENDAR_24X7;
    const n = await nextIncidentNumber(this.deps.db);
    const input: OpenIncidentInput = {
      id,
      number: `INC-${new Date().getUTCFullYear()}-${String(n).padStart(5, '0')}`,
      title: body.title,
      description: body.description,
      kind: body.kind,
      severity: body.severity,
      scope: {
        products: body.scope?.products ?? [],
        regions: body.scope?.regions ?? [],
        customerIds: body.scope?.customerIds ?? [],
        caseTypes: body.scope?.caseTypes ?? [],
      },
      calendar,
      openedBy: actorOf(principal),
      receivedAt: new Date().toISOString(),
    };
    const { client, taskQueue, updateTimeoutMs } = this.deps;
    const start = new WithStartWorkflowOperation(incidentWorkflow, {
      workflowId: workflowIdForIncident(id),
      taskQueue,
      args: [{ open: input }],
      workflowIdConflictPolicy: 'USE_EXISTING',
      staticSummary: `incident · ${input.severity} · ${input.number} · ${input.title.slice(0, 80)}`,
      staticDetails: `Incident ${input.number} (${input.kind}), SLA by severity on calendar ${calendar.name}`,
      typedSearchAttributes: [
        { key: INCIDENT_SA.status, value: 'open' },
        { key: INCIDENT_SA.severity, value: input.severity },
        { key: INCIDENT_SA.kind, value: input.kind },
        { key: INCIDENT_SA.breached, value: false },
      ],
    });
    const view = await client.connection.withDeadline(Date.now() + updateTimeoutMs, () =>
      client.workflow.executeUpdateWithStart(incidentOpened, { startWorkflowOperation: start }),
    );
    return { created: true, view };
  }

  find(id: string): Promise<IncidentView | undefined> {
    return findIncidentView(this.deps.db, id);
  }

  async get(id: string): Promise<IncidentView> {
    const view = await this.find(id);
    if (!view) throw problem.notFound(`no incident with id '${id}'`);
    return view;
  }

  /** A public update, the resolution or the cancellation: one Workflow Update, deduplicated by key. */
  async command(id: string, body: CommandBody, principal: Principal, key?: string): Promise<IncidentView> {
    const current = await this.get(id);
    if (key) {
      await this.deps.cases.claimIdempotencyKey(principal, key, `POST ${id} ${body.action}`, body, id);
    }
    // The message id is the request's: a retried request (same key) is the same message.
    const messageId = key
      ? `upd_${createHash('sha256').update(`${principal.keyId}\n${key}\n${id}`).digest('hex').slice(0, 26)}`
      : `upd_${ulid().toLowerCase()}`;
    const existing = current.messages.find((m) => m.id === messageId);
    if (existing) return current;
    if (isClosedIncident(current.status)) throw closed(body.action, current.status);
    if (current.proposal?.messageId === messageId) return current;
    // A remedy that needs approval on a case needs it on the incident that resolves many cases: the
    // resolving supervisor proposes, another approves (POST .../approval).
    const proposes =
      body.action === 'resolve' && this.deps.fourEyes && REMEDIES_NEEDING_APPROVAL.includes(body.remedy);
    const command = { ...body, ...(proposes ? { action: 'propose' } : {}), messageId } as IncidentCommand;
    return this.update(id, body.action, (h) =>
      h.executeUpdate(incidentCommand, {
        args: [{ actor: actorOf(principal), command }],
        updateId: messageId,
      }),
    );
  }

  /** Approves or rejects the resolution waiting for approval (409 when none waits). */
  async decide(id: string, body: DecisionBody, principal: Principal, key?: string): Promise<IncidentView> {
    const current = await this.get(id);
    if (key) await this.deps.cases.claimIdempotencyKey(principal, key, `POST ${id} approval`, body, id);
    const proposal = current.proposal;
    if (!proposal) {
      // A retried approval finds the incident already resolved by it.
      if (key && current.resolution?.approvedBy === actorOf(principal)) return current;
      if (isClosedIncident(current.status)) throw closed('approval', current.status);
      throw problem.conflict('no resolution of this incident is waiting for approval', {
        currentStatus: current.status,
        action: 'approval',
      });
    }
    const command: IncidentCommand = {
      action: 'decide',
      messageId: proposal.messageId,
      decision: body.decision,
      ...(body.comment ? { comment: body.comment } : {}),
      fourEyes: this.deps.fourEyes,
    };
    return this.update(id, 'approval', (h) =>
      h.executeUpdate(incidentCommand, { args: [{ actor: actorOf(principal), command }] }),
    );
  }

  /** Links cases (all known; staff see every case). A closed incident refuses: 409. */
  async link(id: string, caseIds: string[], principal: Principal, key?: string): Promise<LinkOutcome[]> {
    const current = await this.get(id);
    if (key) await this.deps.cases.claimIdempotencyKey(principal, key, `POST ${id} link`, caseIds, id);
    if (isClosedIncident(current.status)) throw closed('link', current.status);
    const unique = [...new Set(caseIds)];
    const known = await knownCaseIds(this.deps.db, unique);
    const unknown = unique.filter((c) => !known.has(c));
    if (unknown.length) {
      throw problem.badRequest(
        `unknown case id(s): ${unknown.join(', ')}`,
        unknown.map((c) => ({ path: 'caseIds', in: 'body' as const, message: `no case with id '${c}'` })),
      );
    }
    return this.update(id, 'link', (h) =>
      h.executeUpdate(incidentLink, { args: [{ actor: actorOf(principal), caseIds: unique }] }),
    );
  }

  async unlink(id: string, caseId: string, principal: Principal): Promise<LinkOutcome> {
    const current = await this.get(id);
    if (isClosedIncident(current.status)) throw closed('unlink', current.status);
    const [outcome] = await this.update(id, 'unlink', (h) =>
      h.executeUpdate(incidentUnlink, { args: [{ actor: actorOf(principal), caseIds: [caseId] }] }),
    );
    if (!outcome || outcome.outcome === 'unknown')
      throw problem.notFound(`case '${caseId}' is not linked to incident '${id}'`);
    return outcome;
  }

  /** POST /v1/cases with `incidentId`: the incident must take links (409 before anything opens). */
  async openCase(
    body: OpenCaseBody,
    principal: Principal,
    key?: string,
  ): Promise<{ created: boolean; view: CaseView }> {
    const incidentId = body.incidentId;
    if (incidentId) {
      const incident = await this.find(incidentId);
      if (!incident) {
        throw problem.badRequest(`no incident with id '${incidentId}'`, [
          { path: 'incidentId', in: 'body', message: 'unknown incident' },
        ]);
      }
      if (isClosedIncident(incident.status)) throw closed('link', incident.status);
    }
    const opened = await this.deps.cases.open(body, principal, key);
    if (!incidentId || opened.view.incident?.id === incidentId) return opened;
    const [outcome] = await this.update(incidentId, 'link', (h) =>
      h.executeUpdate(incidentLink, { args: [{ actor: actorOf(principal), caseIds: [opened.view.id] }] }),
    );
    if (outcome?.outcome !== 'linked') {
      throw problem.conflict(
        `case ${opened.view.id} was opened but not linked: ${outcome?.detail ?? 'refused'}`,
        {
          caseId: opened.view.id,
        },
      );
    }
    return { created: opened.created, view: await this.deps.cases.get(opened.view.id) };
  }

  /** Open incidents whose scope matches this open, unlinked case (staff only; never linked silently). */
  async suggestionsFor(view: CaseView, principal: Principal) {
    if (!isStaff(principal) || view.incident || isTerminal(view.status)) return undefined;
    const open = await listIncidentViews(this.deps.db, { status: ['open', 'monitoring'], limit: 50 });
    return open.flatMap((i) => {
      const matched = scopeMatch(i, view);
      return matched.length
        ? [{ id: i.id, number: i.number, title: i.title, severity: i.severity, matched }]
        : [];
    });
  }

  private async update<T>(
    id: string,
    action: string,
    fn: (h: ReturnType<Client['workflow']['getHandle']>) => Promise<T>,
  ): Promise<T> {
    const { client, updateTimeoutMs } = this.deps;
    const handle = client.workflow.getHandle(workflowIdForIncident(id));
    try {
      return await client.connection.withDeadline(Date.now() + updateTimeoutMs, () => fn(handle));
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
        const f = err.cause;
        const { status } = (f.details?.[0] ?? {}) as { status?: IncidentStatus };
        if (f.type === FAILURE.notAllowed)
          return Promise.reject(problem.conflict(f.message, { currentStatus: status, action }));
        if (f.type === FAILURE.invalid) return Promise.reject(problem.badRequest(f.message));
      }
      if (isWorkflowGone(err)) {
        const now = await this.get(id);
        throw closed(action, now.status);
      }
      throw err;
    }
  }
}

const closed = (action: string, status: IncidentStatus) =>
  problem.conflict(`'${action}' is not allowed: the incident is '${status}'`, {
    currentStatus: status,
    action,
  });

/** Which parts of the incident's scope the case matches (every non-empty list must match). */
export function scopeMatch(i: IncidentView, c: CaseView): string[] {
  const { products, customerIds, caseTypes } = i.scope;
  const checks: [string, string[], string | null][] = [
    ['product', products, c.product],
    ['customer', customerIds, c.customer.id],
    ['type', caseTypes, c.type],
  ];
  const given = checks.filter(([, list]) => list.length > 0);
  if (given.length === 0) return [];
  return given.every(([, list, v]) => v !== null && list.includes(v)) ? given.map(([name]) => name) : [];
}
