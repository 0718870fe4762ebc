/**
 * The audit trail of the API: a route declares what it changes (`audit` on its declaration) and
 * the one mount records it, with the actor, the caller's address and request id, and, for
 * settings, the state before and after with every secret removed. The answer is held until the
 * entry is written, so a client that saw its change succeed can read it in the log at once.
 */
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { appendAudit, type AuditEntry } from '../db/audit-log.js';
import type { Db } from '../db/database.js';
import { metrics } from '../platform/metrics.js';

export interface AuditContext {
  params: Record<string, string>;
  body: unknown;
  /** The JSON answer the handler gave (for what the request created). */
  answer: unknown;
}

export interface AuditSpec {
  /** What was done, `<target type>.<verb>`: `team.put`, `api_key.created`, `customer.erased`. */
  action: string;
  targetType: string;
  /** The target's id; by default the path's `id`, else its `name`, else the answer's `id`. */
  targetId?: (ctx: AuditContext) => string | undefined;
  /** A setting's state, read before and after the change (omit for personal data). */
  state?: (id: string) => Promise<unknown>;
  /** Extra facts for the entry (field names changed, counts); never personal data or secrets. */
  details?: (ctx: AuditContext) => Record<string, unknown> | undefined;
}

export type AuditRecorder = (entry: AuditEntry) => Promise<void>;

/** Writes entries to PostgreSQL; a failed write is logged and counted, the change stands. */
export function auditRecorder(db: Db, logger: Logger): AuditRecorder {
  return async (entry) => {
    try {
      await appendAudit(db, entry);
    } catch (err) {
      metrics.auditWriteFailures.inc();
      logger.error(
        { err: (err as Error).message, action: entry.action, target: entry.targetId },
        'audit entry not written',
      );
    }
  };
}

/** Names whose values are never recorded, at any depth. */
const SECRET = /secret|token|password|apikey|^key$|_key$|hash/i;

/** A deep copy without secrets: dropped keys are named in `redacted` so the entry says so. */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value instanceof Date) return value.toISOString();
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  const redacted: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (SECRET.test(k)) redacted.push(k);
    else out[k] = withoutSecrets(v);
  }
  if (redacted.length) out.redacted = redacted;
  return out;
}

/** A sign-in, or a refused one, to the console or the Web UI's codec. */
export const signIn = (actor: string, action: string, via: 'console' | 'codec') => ({
  actor,
  action,
  targetType: 'session',
  targetId: null,
  details: { via },
});

export const defaultTargetId = (ctx: AuditContext): string | undefined =>
  ctx.params.id ??
  ctx.params.name ??
  ctx.params.code ??
  (typeof ctx.answer === 'object' && ctx.answer !== null && 'id' in ctx.answer
    ? String((ctx.answer as { id: unknown }).id)
    : undefined);

export function requestFacts(req: Request): Pick<AuditEntry, 'address' | 'requestId'> {
  return { address: req.ip ?? null, requestId: (req as { id?: string }).id ?? null };
}

/**
 * Holds what the handler sends (`json`, `send`, `end`) until `release` is called, so the entry can
 * be written before the client learns of the change. `answer` is the JSON body, if any.
 */
export function holdAnswer(res: Response): { answer: () => unknown; release: () => void } {
  const original = { json: res.json, send: res.send, end: res.end };
  let held: (() => void) | undefined;
  let answer: unknown;
  res.json = function (body: unknown) {
    answer = body;
    held = () => original.json.call(res, body);
    return res;
  };
  res.send = function (...args: unknown[]) {
    held = () => (original.send as (...a: unknown[]) => Response).apply(res, args);
    return res;
  };
  res.end = function (...args: unknown[]) {
    held = () => (original.end as (...a: unknown[]) => Response).apply(res, args);
    return res;
  } as Response['end'];
  return {
    answer: () => answer,
    release: () => {
      Object.assign(res, original);
      const send = held;
      held = undefined;
      send?.();
    },
  };
}
