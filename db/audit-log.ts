/**
 * The audit log's queries: append, list (newest first, cursor by id), and the retention
 * pass. The table refuses updates itself (migration 015), so nothing here can rewrite history.
 */
import type { Db } from './database.js';

export interface AuditEntry {
  actor: string;
  action: string;
  targetType: string;
  targetId?: string | null;
  address?: string | null;
  requestId?: string | null;
  before?: unknown;
  after?: unknown;
  details?: Record<string, unknown>;
}

export interface AuditRecord extends Required<Omit<AuditEntry, 'before' | 'after' | 'details'>> {
  id: string;
  at: Date;
  before: unknown;
  after: unknown;
  details: Record<string, unknown> | null;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  since?: Date;
  until?: Date;
  /** The page after this entry (ids grow with time: the page is stable while entries are added). */
  afterId?: string;
  limit: number;
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

export async function appendAudit(db: Db, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor: e.actor,
      action: e.action,
      target_type: e.targetType,
      target_id: e.targetId ?? null,
      address: e.address ?? null,
      request_id: e.requestId ?? null,
      before: json(e.before),
      after: json(e.after),
      details: json(e.details),
    })
    .execute();
}

export async function listAudit(db: Db, f: AuditFilter): Promise<AuditRecord[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .$if(f.actor !== undefined, (q) => q.where('actor', '=', f.actor!))
    .$if(f.action !== undefined, (q) => q.where('action', '=', f.action!))
    .$if(f.targetType !== undefined, (q) => q.where('target_type', '=', f.targetType!))
    .$if(f.targetId !== undefined, (q) => q.where('target_id', '=', f.targetId!))
    .$if(f.since !== undefined, (q) => q.where('at', '>=', f.since!))
    .$if(f.until !== undefined, (q) => q.where('at', '<', f.until!))
    .$if(f.afterId !== undefined, (q) => q.where('id', '<', Number(f.afterId)))
    .orderBy('id', 'desc')
    .limit(f.limit)
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    at: new Date(r.at),
    actor: r.actor,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    address: r.address,
    requestId: r.request_id,
    before: r.before,
    after: r.after,
    details: r.details,
  }));
}

/** Deletes entries older than the retention (never under the table's own 365-day floor). */
export async function pruneAudit(db: Db, olderThan: Date): Promise<number> {
  const r = await db.deleteFrom('audit_log').where('at', '<', olderThan).executeTakeFirst();
  return Number(r.numDeletedRows);
}
