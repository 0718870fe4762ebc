/**
 * The API's side of a case: opening (classification, policy, customer record, workflow start),
 * actions as Workflow Updates, and reads from the read model.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { sql } from 'kysely';
import { ulid } from 'ulid';
import type { Db } from '../db/database.js';
import type { PersonalData } from '../db/personal-data.js';
import { FALLBACK_POLICY } from '../db/defaults.js';
import { isActiveAgent, leastLoadedAgent, requireActiveAgent, UnknownAgent } from '../db/directory.js';
import { CALENDAR_24X7, type BusinessCalendar } from '../domain/calendar/index.js';
import { classify } from '../domain/case/classification.js';
import { FREE_TEXT_FIELDS, type CaseCommand } from '../domain/case/commands.js';
import { isTerminal, workflowIdForCase, type CaseStatus } from '../domain/case/contract.js';
import { startSearchAttributes } from '../domain/case/projection.js';
import { customerWaitPolicy } from '../domain/case/customer-wait.js';
import { opsText } from '../domain/case/ops-text.js';
import type { CaseView, Customer, OpenCaseInput, SlaSnapshot } from '../domain/case/types.js';
import { caseWorkflow } from '../workflows/case.js';
import { actionUpdates, FAILURE, openedUpdate } from '../workflows/case-updates.js';
import { type Principal } from './auth.js';
import { actorOf } from '../domain/people.js';
import { problem } from './problem.js';
import { caseOpenedBy, scopeOf } from './scope.js';
import type { OpenCaseBody } from './schemas.js';
import type { SlaCatalog } from './sla-catalog.js';

export interface CaseServiceDeps {
  client: Client;
  db: Db;
  taskQueue: string;
  updateTimeoutMs: number;
  fourEyes: boolean;
  personalData: PersonalData;
  catalog: SlaCatalog;
}

const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, val) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val).sort(([a], [b]) => a.localeCompare(b)))
      : val,
  );
export const requestHash = (v: unknown) => createHash('sha256').update(canonical(v)).digest('hex');

export class CaseService {
  constructor(private readonly deps: CaseServiceDeps) {}

  /** Opens a case; with an Idempotency-Key the same key and body always give the same case. */
  async open(
    body: OpenCaseBody,
    principal: Principal,
    idempotencyKey?: string,
  ): Promise<{ created: boolean; view: CaseView }> {
    let caseId = ulid().toLowerCase();
    let created = true;
    if (idempotencyKey) {
      const claim = await this.claimIdempotencyKey(principal, idempotencyKey, 'POST /v1/cases', body, caseId);
      caseId = claim.caseId;
      created = claim.fresh;
      if (!created) {
        const existing = await this.find(caseId);
        if (existing) return { created: false, view: existing };
      }
    }
    const input = await this.prepareOpening(caseId, body, principal);
    const view = await this.startCase(input);
    return { created, view };
  }

  async claimIdempotencyKey(
    principal: Principal,
    key: string,
    operation: string,
    body: unknown,
    caseId: string,
  ): Promise<{ caseId: string; fresh: boolean }> {
    const hash = requestHash({ operation, body });
    const inserted = await this.deps.db
      .insertInto('idempotency_keys')
      .values({ scope: principal.keyId, key, request_hash: hash, case_id: caseId })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .returning('case_id')
      .executeTakeFirst();
    if (inserted) return { caseId, fresh: true };
    const existing = await this.deps.db
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'case_id'])
      .where('scope', '=', principal.keyId)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    if (existing.request_hash !== hash) {
      throw problem.unprocessable(
        `Idempotency-Key '${key}' was already used with a different request; use a new key for a new request`,
      );
    }
    return { caseId: existing.case_id!, fresh: false };
  }

  private async prepareOpening(
    caseId: string,
    body: OpenCaseBody,
    principal: Principal,
  ): Promise<OpenCaseInput> {
    const { customer, number } = await this.recordCustomer(body.customer);
    const classification = classify({
      type: body.type,
      tier: customer.tier,
      subject: body.subject,
      description: body.description,
      priority: body.priority,
    });
    const sla = await this.snapshotPolicy(
      body.slaPolicy ??
        (await this.matchPolicy({
          type: body.type,
          priority: classification.priority,
          tier: customer.tier,
          channel: body.channel,
        })),
      body.slaPolicy !== undefined,
    );
    // Personal data enters the workflow sealed with the case's data key (see db/personal-data.ts).
    const { subject, description, ...contact } = await this.deps.personalData.seal(caseId, customer.id, {
      subject: body.subject,
      description: body.description,
      name: customer.name,
      email: customer.email,
      phone: customer.phone,
      organisation: customer.organisation,
    });
    const assignee = await leastLoadedAgent(this.deps.db, { type: body.type, level: classification.level });
    return {
      id: caseId,
      assignee,
      number: `CS-${new Date().getUTCFullYear()}-${String(number).padStart(6, '0')}`,
      type: body.type,
      channel: body.channel,
      subject: subject!,
      description: description!,
      customer: {
        id: customer.id,
        tier: customer.tier,
        ...dropUndefined(contact),
        name: contact.name!,
        ...(body.customer.locale ? { locale: body.customer.locale } : {}),
      },
      product: body.product,
      externalRef: body.externalRef,
      classification,
      sla,
      openedBy: actorOf(principal),
      receivedAt: new Date().toISOString(),
    };
  }

  private async startCase(input: OpenCaseInput): Promise<CaseView> {
    const { client, taskQueue, updateTimeoutMs } = this.deps;
    const c = input.classification;
    const operation = new WithStartWorkflowOperation(caseWorkflow, {
      workflowId: workflowIdForCase(input.id),
      taskQueue,
      args: [{ open: input }],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      // Shown to ops in the Web UI without a codec session: identifiers and enumerations only.
      staticSummary: opsText(`${input.type} · ${c.priority} · ${input.number}`),
      staticDetails: opsText(
        `Case ${input.number} via ${input.channel}; SLA policy ${input.sla.name} on calendar ${input.sla.calendar.name}`,
      ),
      typedSearchAttributes: startSearchAttributes(input),
    });
    try {
      const view = await client.connection.withDeadline(Date.now() + updateTimeoutMs, () =>
        client.workflow.executeUpdateWithStart(openedUpdate, { startWorkflowOperation: operation }),
      );
      return await this.deps.personalData.reveal(view);
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) {
        const view = await this.find(input.id);
        if (view) return view;
      }
      throw err;
    }
  }

  /** Runs one action as a Workflow Update; the answer already reflects it in the read model. */
  async act(
    caseId: string,
    command: CaseCommand,
    principal: Principal,
    idempotencyKey?: string,
  ): Promise<CaseView> {
    const current = await this.get(caseId, principal);
    command = await this.checkAssignee(command, current, principal);
    let retry = false;
    if (idempotencyKey) {
      const operation = `POST ${caseId} ${command.action}`;
      retry = !(await this.claimIdempotencyKey(principal, idempotencyKey, operation, command, caseId)).fresh;
    }
    // A retry goes to the workflow even when the read model says the case ended: the read model can
    // be ahead of what Temporal recorded, and only the workflow knows whether the action took effect.
    if (isTerminal(current.status) && !retry) throw notAllowed(command.action, current.status);
    const { client, updateTimeoutMs } = this.deps;
    const handle = client.workflow.getHandle(workflowIdForCase(caseId));
    const sealed = await this.sealFreeText(current, command);
    try {
      const view = await client.connection.withDeadline(Date.now() + updateTimeoutMs, () =>
        handle.executeUpdate(actionUpdates[command.action], {
          args: [
            {
              actor: actorOf(principal),
              command: sealed,
              ...(command.action === 'approval' && this.deps.fourEyes ? { fourEyes: true } : {}),
            },
          ],
          updateId: idempotencyKey ? `${principal.keyId}:${idempotencyKey}` : undefined,
        }),
      );
      return await this.deps.personalData.reveal(view);
    } catch (err) {
      // The workflow has completed: a retry of the action that ended it gets the case, not a conflict.
      if (retry && isWorkflowGone(err)) return this.get(caseId);
      throw await this.explainUpdateFailure(err, caseId, command.action);
    }
  }

  /**
   * The command with its free text sealed with the case's data key: the workflow treats it as an
   * opaque string, so it enters Temporal's history only in the sealed form (see db/personal-data.ts).
   */
  private async sealFreeText(view: CaseView, command: CaseCommand): Promise<CaseCommand> {
    const fields = command as unknown as Record<string, unknown>;
    const text = Object.fromEntries(
      FREE_TEXT_FIELDS[command.action].flatMap((f) =>
        typeof fields[f] === 'string' ? [[f, fields[f]]] : [],
      ),
    ) as Record<string, string>;
    if (Object.keys(text).length === 0) return command;
    return { ...command, ...(await this.deps.personalData.seal(view.id, view.customer.id, text)) };
  }

  /**
   * An assignee must be a known, active agent. An agent accepting an unassigned case without naming
   * anyone takes it as themself, by their directory id.
   */
  private async checkAssignee(
    command: CaseCommand,
    current: CaseView,
    principal: Principal,
  ): Promise<CaseCommand> {
    if (command.action !== 'accept' && command.action !== 'assign') return command;
    const assignee = command.assignee;
    if (assignee === undefined && current.assignee === null && principal.role === 'agent') {
      const self = await isActiveAgent(this.deps.db, principal.name);
      return self ? { ...command, assignee: principal.name } : command;
    }
    if (assignee === undefined) return command;
    try {
      await requireActiveAgent(this.deps.db, assignee);
    } catch (err) {
      if (err instanceof UnknownAgent) {
        throw problem.badRequest(`assignee: ${err.message}`, [
          { path: 'assignee', in: 'body', message: 'no such active agent' },
        ]);
      }
      throw err;
    }
    return command;
  }

  private async explainUpdateFailure(err: unknown, caseId: string, action: string): Promise<unknown> {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      const f = err.cause;
      if (f.type === FAILURE.notAllowed) {
        // The facts that refused it (level, assignee, priority) come along: `{ level: 3 }`.
        const {
          status,
          action: _,
          ...current
        } = (f.details?.[0] ?? {}) as { status?: CaseStatus; action?: string };
        return problem.conflict(f.message, { ...current, currentStatus: status, action });
      }
      if (f.type === FAILURE.invalid) return problem.badRequest(f.message);
    }
    // The workflow finished between our read and the update: answer with its final status.
    if (isWorkflowGone(err)) {
      const now = await this.get(caseId);
      return notAllowed(action, now.status);
    }
    return err;
  }

  /** The case, if it exists and (for a scoped integrator) its integration opened it. */
  async find(caseId: string, principal?: Principal): Promise<CaseView | undefined> {
    const scope = principal && scopeOf(principal);
    const row = await this.deps.db
      .selectFrom('cases')
      .select('view')
      .where('id', '=', caseId)
      .$if(scope !== undefined, (q) => q.where(caseOpenedBy(scope!)))
      .executeTakeFirst();
    return row?.view;
  }

  async get(caseId: string, principal?: Principal): Promise<CaseView> {
    const view = await this.find(caseId, principal);
    if (!view) throw problem.notFound(`no case with id '${caseId}'`);
    return view;
  }

  /**
   * The customer record and the new case's number, in one statement: the customer by id, else by
   * e-mail, else new; given contact fields replace stored ones; the tier is kept unless given.
   */
  private async recordCustomer(c: OpenCaseBody['customer']): Promise<{ customer: Customer; number: number }> {
    const newId = `cus_${randomBytes(9).toString('base64url')}`;
    const id =
      c.id ??
      (c.email
        ? sql<string>`coalesce((SELECT id FROM customers WHERE email = ${c.email} LIMIT 1), ${newId})`
        : newId);
    const now = new Date();
    const row = await this.deps.db
      .with('customer', (q) =>
        q
          .insertInto('customers')
          .values({
            id,
            name: c.name,
            tier: c.tier ?? 'standard',
            email: c.email ?? null,
            phone: c.phone ?? null,
            organisation: c.organisation ?? null,
            updated_at: now,
          })
          .onConflict((oc) =>
            oc.column('id').doUpdateSet((eb) => ({
              name: c.name,
              tier: c.tier ?? eb.ref('customers.tier'),
              ...(c.email ? { email: c.email } : {}),
              ...(c.phone ? { phone: c.phone } : {}),
              ...(c.organisation ? { organisation: c.organisation } : {}),
              updated_at: now,
            })),
          )
          .returning(['id', 'tier']),
      )
      .selectFrom('customer')
      .select(['id', 'tier', sql<number>`nextval('case_number_seq')::int`.as('number')])
      .executeTakeFirstOrThrow();
    // The case carries the contact data as given (docs/api.md, the case view); absent fields stay absent.
    const customer: Customer = {
      id: row.id,
      name: c.name,
      tier: row.tier as Customer['tier'],
      ...(c.email ? { email: c.email } : {}),
      ...(c.phone ? { phone: c.phone } : {}),
      ...(c.organisation ? { organisation: c.organisation } : {}),
    };
    return { customer, number: row.number };
  }

  private async matchPolicy(facts: Record<string, string>): Promise<string> {
    const { rules } = await this.deps.catalog.snapshot();
    const rule = rules.find((r) => Object.entries(r.match).every(([k, v]) => facts[k] === v));
    return rule?.policy ?? FALLBACK_POLICY;
  }

  async snapshotPolicy(name: string, explicit: boolean): Promise<SlaSnapshot> {
    const policy = (await this.deps.catalog.snapshot()).policies.get(name);
    if (!policy) {
      if (explicit)
        throw problem.badRequest(`unknown SLA policy '${name}'`, [
          { path: 'slaPolicy', in: 'body', message: 'unknown' },
        ]);
      throw new Error(`SLA policy '${name}' is missing from the database`);
    }
    // The case keeps the reminder it opened with: the default is written into its snapshot.
    return { ...policy, ...customerWaitPolicy(policy), calendar: await this.calendar(policy.calendar) };
  }

  async calendar(name: string): Promise<BusinessCalendar> {
    if (name === CALENDAR_24X7.name) return CALENDAR_24X7;
    const calendar = (await this.deps.catalog.snapshot()).calendars.get(name);
    if (!calendar) throw problem.notFound(`no business calendar named '${name}'`);
    return calendar;
  }
}

const dropUndefined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };

const isWorkflowGone = (err: unknown) =>
  err instanceof WorkflowNotFoundError || /workflow execution already completed/i.test(String(err));

export function notAllowed(action: string, status: CaseStatus) {
  return problem.conflict(`'${action}' is not allowed: the case is '${status}'`, {
    currentStatus: status,
    action,
  });
}
