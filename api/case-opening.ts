/**
 * Opening a case: the Idempotency-Key, the customer record and case number, classification, the
 * SLA policy, sealing personal data, the assignee by workload, and update-with-start.
 */
import { randomBytes } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { ulid } from 'ulid';
import { recordCustomer } from '../db/customers.js';
import { leastLoadedAgent } from '../db/directory.js';
import { classify } from '../domain/case/classification.js';
import { workflowIdForCase } from '../domain/case/contract.js';
import { opsText } from '../domain/case/ops-text.js';
import { startSearchAttributes } from '../domain/case/projection.js';
import type { CaseView, Customer, OpenCaseInput } from '../domain/case/types.js';
import { actorOf } from '../domain/people.js';
import { caseWorkflow } from '../workflows/case.js';
import { openedUpdate } from '../workflows/case-updates.js';
import { type Principal } from './auth.js';
import type { CaseServiceDeps } from './case-service.js';
import { claimKey } from './idempotency.js';
import type { OpenCaseBody } from './routes/case-schemas.js';

/** Opens a case; with an Idempotency-Key the same key and body always give the same case. */
export async function openCase(
  deps: CaseServiceDeps,
  find: (caseId: string) => Promise<CaseView | undefined>,
  body: OpenCaseBody,
  principal: Principal,
  idempotencyKey?: string,
): Promise<{ created: boolean; view: CaseView }> {
  let caseId = ulid().toLowerCase();
  let created = true;
  if (idempotencyKey) {
    const claim = await claimKey(deps.db, principal, idempotencyKey, 'POST /v1/cases', body, caseId);
    caseId = claim.caseId;
    created = claim.fresh;
    if (!created) {
      const existing = await find(caseId);
      if (existing) return { created: false, view: existing };
    }
  }
  const input = await prepareOpening(deps, caseId, body, principal);
  const view = await startCase(deps, find, input);
  return { created, view };
}

async function prepareOpening(
  deps: CaseServiceDeps,
  caseId: string,
  body: OpenCaseBody,
  principal: Principal,
): Promise<OpenCaseInput> {
  const { customer, number } = await recordCustomerOf(deps, body.customer);
  const classification = classify({
    type: body.type,
    tier: customer.tier,
    subject: body.subject,
    description: body.description,
    priority: body.priority,
  });
  const sla = await deps.catalog.snapshotPolicy(
    body.slaPolicy ??
      (await deps.catalog.matchPolicy({
        type: body.type,
        priority: classification.priority,
        tier: customer.tier,
        channel: body.channel,
      })),
    body.slaPolicy !== undefined,
  );
  // Personal data enters the workflow sealed with the case's data key (see db/personal-data.ts).
  const { subject, description, ...contact } = await deps.personalData.seal(caseId, customer.id, {
    subject: body.subject,
    description: body.description,
    name: customer.name,
    email: customer.email,
    phone: customer.phone,
    organisation: customer.organisation,
  });
  const chosen = await leastLoadedAgent(deps.db, { type: body.type, level: classification.level });
  return {
    id: caseId,
    assignee: chosen?.agent ?? null,
    team: chosen?.team ?? null,
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

async function startCase(
  deps: CaseServiceDeps,
  find: (caseId: string) => Promise<CaseView | undefined>,
  input: OpenCaseInput,
): Promise<CaseView> {
  const { client, taskQueue, updateTimeoutMs } = deps;
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
    return await deps.personalData.reveal(view);
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      const view = await find(input.id);
      if (view) return view;
    }
    throw err;
  }
}

/** The customer record (by id, else e-mail, else new) and the new case's number. */
async function recordCustomerOf(
  deps: CaseServiceDeps,
  c: OpenCaseBody['customer'],
): Promise<{ customer: Customer; number: number }> {
  const row = await recordCustomer(deps.db, c, `cus_${randomBytes(9).toString('base64url')}`);
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

const dropUndefined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
