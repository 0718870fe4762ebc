/**
 * Rows of the read model written directly, for the query modules' tests: each test makes its own
 * customers, cases and agents under fresh ids, so test files sharing the run's database never meet.
 */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createDb, type Db } from '../../db/database.js';
import type { CaseView } from '../../domain/case/types.js';

/** A pool on the run's database (migrated by test/support/global-setup.ts); connects on first use. */
export const testDb = (): Db => createDb(inject('databaseUrl'), 4);

/** A short id unique to this run. */
export const fresh = (prefix: string) => `${prefix}${randomUUID().replace(/-/g, '').slice(0, 16)}`;

export interface CaseRow {
  id?: string;
  customerId: string;
  type?: string;
  channel?: string;
  status?: string;
  priority?: string;
  level?: number;
  assignee?: string | null;
  breached?: boolean;
  nextDeadline?: Date | null;
  createdAt?: Date;
  acceptedAt?: Date | null;
  resolvedAt?: Date | null;
  closedAt?: Date | null;
  reopenCount?: number;
  ratingScore?: number | null;
  firstContactResolution?: boolean;
  subject?: string;
  description?: string;
  customerName?: string;
  product?: string;
  breaches?: { clock: string; at: string }[];
  responseBusinessMs?: number | null;
  resolutionBusinessMs?: number | null;
  /** The actor of its case.opened event (sequence 1). */
  openedBy?: string;
}

/** One case (with its customer row if missing) and its case.opened event. */
export async function insertCase(db: Db, c: CaseRow): Promise<string> {
  const id = c.id ?? fresh('c');
  const created = c.createdAt ?? new Date();
  await db
    .insertInto('customers')
    .values({
      id: c.customerId,
      name: c.customerName ?? 'Test Customer',
      tier: 'standard',
      updated_at: created,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const view = {
    id,
    subject: c.subject ?? 'subject',
    description: c.description ?? 'description',
    customer: { id: c.customerId, name: c.customerName ?? 'Test Customer', tier: 'standard' },
    product: c.product ?? null,
    breaches: c.breaches ?? [],
  } as unknown as CaseView;
  await db
    .insertInto('cases')
    .values({
      id,
      number: `CS-T-${id}`,
      type: c.type ?? 'inquiry',
      channel: c.channel ?? 'api',
      status: c.status ?? 'new',
      priority: c.priority ?? 'normal',
      level: c.level ?? 1,
      customer_id: c.customerId,
      assignee: c.assignee ?? null,
      owner: null,
      sla_policy: 'standard',
      breached: c.breached ?? false,
      next_deadline: c.nextDeadline ?? null,
      reopen_count: c.reopenCount ?? 0,
      rating_score: c.ratingScore ?? null,
      first_contact_resolution: c.firstContactResolution ?? false,
      accepted_at: c.acceptedAt ?? null,
      resolved_at: c.resolvedAt ?? null,
      created_at: created,
      updated_at: created,
      closed_at: c.closedAt ?? null,
      seq: 1,
      view: JSON.stringify(view),
      response_business_ms: c.responseBusinessMs ?? null,
      resolution_business_ms: c.resolutionBusinessMs ?? null,
    })
    .execute();
  await db
    .insertInto('case_events')
    .values({
      case_id: id,
      seq: 1,
      at: created,
      type: 'case.opened',
      actor: c.openedBy ?? 'integrator:test',
      data: JSON.stringify({}),
    })
    .execute();
  return id;
}
