/**
 * Personal data of a case (the customer's contact fields and every free-text field: subject,
 * description, notes, replies, findings, reasons… see FREE_TEXT_FIELDS) is sealed with a per-case
 * data key before it enters the workflow. The read model stores it revealed; the Temporal history
 * only ever holds the sealed form. Erasing destroys the key and scrubs the read model, so the data
 * is gone from both, while reports (counts, times, ratings) keep working.
 */
import { randomBytes } from 'node:crypto';
import { sql, type RawBuilder, type Transaction } from 'kysely';
import { FREE_TEXT_KEYS } from '../domain/case/commands.js';
import { seal, unseal, type EncryptionKey } from '../platform/payload-codec.js';
import type { Db } from './database.js';
import type { Database } from './schema.js';
import { scrubMail } from './mail-erasure.js';
import { scrubNotifications } from './notifications.js';
import { LRUCache } from 'lru-cache';

const PREFIX = 'pd1:';
export const ERASED = '[erased]';

export class PersonalData {
  /** Data keys of recently seen cases; bounded, so reading many cases cannot grow it without end. */
  private readonly cache = new LRUCache<string, { key: Buffer | null; until: number }>({ max: 10_000 });

  constructor(
    private readonly db: Db,
    private readonly wrappingKeys: EncryptionKey[],
    private readonly cacheMs = 30_000,
  ) {}

  /** Seals each given field with the case's data key (created on first use, idempotently). */
  async seal<T extends Record<string, string | undefined>>(
    caseId: string,
    customerId: string,
    fields: T,
  ): Promise<T> {
    const key = await this.dataKey(caseId, customerId);
    const out: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(fields)) {
      out[k] =
        v === undefined
          ? undefined
          : `${PREFIX}${caseId}:${seal({ id: caseId, key }, Buffer.from(v)).toString('base64url')}`;
    }
    return out as T;
  }

  /** Replaces every sealed string inside `value` by its plaintext, or by [erased] when the key is gone. */
  reveal<T>(value: T): Promise<T> {
    return this.revealWith(value, (id) => this.lookup(id));
  }

  /**
   * The same, for writers of the read model: reads the keys inside `trx`, never from the cache, and
   * locks them (FOR SHARE) until `trx` ends. An erasure (which deletes the keys) therefore waits for
   * the write this reveal is for and scrubs it, or has already happened and this reveal sees
   * [erased]: a projection can never put erased data back.
   */
  revealLocked<T>(value: T, trx: Transaction<Database>): Promise<T> {
    return this.revealWith(value, async (id) => {
      const row = await trx
        .selectFrom('data_keys')
        .select(['wrapping_key_id', 'wrapped_key'])
        .where('case_id', '=', id)
        .forShare()
        .executeTakeFirst();
      return row ? this.unwrap(id, row) : null;
    });
  }

  private async revealWith<T>(value: T, keyFor: (caseId: string) => Promise<Buffer | null>): Promise<T> {
    const caseIds = new Set<string>();
    collect(value, caseIds);
    if (caseIds.size === 0) return value;
    const keys = new Map<string, Buffer | null>();
    for (const id of caseIds) keys.set(id, await keyFor(id));
    return replace(value, (s) => {
      const rest = s.slice(PREFIX.length);
      const i = rest.indexOf(':');
      const key = keys.get(rest.slice(0, i));
      if (!key) return ERASED;
      try {
        return unseal(key, Buffer.from(rest.slice(i + 1), 'base64url')).toString();
      } catch {
        return ERASED;
      }
    }) as T;
  }

  private async dataKey(caseId: string, customerId: string): Promise<Buffer> {
    const hit = this.cache.get(caseId);
    if (hit?.key && hit.until > Date.now()) return hit.key;
    // A new case has no key yet, nor has an erased one: write ours first and read back only if one
    // is stored already. Text written after an erasure is new data, sealed with a new key; what was
    // sealed with the destroyed one stays unreadable (it fails authentication under the new key).
    const key = randomBytes(32);
    const wrapping = this.wrappingKeys[0]!;
    const stored = await this.db
      .insertInto('data_keys')
      .values({
        case_id: caseId,
        customer_id: customerId,
        wrapping_key_id: wrapping.id,
        wrapped_key: seal(wrapping, key).toString('base64'),
      })
      .onConflict((oc) => oc.column('case_id').doNothing())
      .returning('case_id')
      .executeTakeFirst();
    if (!stored) return (await this.lookup(caseId, true))!;
    this.cache.set(caseId, { key, until: Date.now() + this.cacheMs });
    return key;
  }

  private async lookup(caseId: string, fresh = false): Promise<Buffer | null> {
    const hit = this.cache.get(caseId);
    if (!fresh && hit && hit.until > Date.now()) return hit.key;
    const row = await this.db
      .selectFrom('data_keys')
      .select(['wrapping_key_id', 'wrapped_key'])
      .where('case_id', '=', caseId)
      .executeTakeFirst();
    const key = row ? this.unwrap(caseId, row) : null;
    this.cache.set(caseId, { key, until: Date.now() + this.cacheMs });
    return key;
  }

  private unwrap(caseId: string, row: { wrapping_key_id: string; wrapped_key: string }): Buffer {
    const wrapping = this.wrappingKeys.find((k) => k.id === row.wrapping_key_id);
    if (!wrapping)
      throw new Error(`data key of case ${caseId} is wrapped with unknown key '${row.wrapping_key_id}'`);
    return unseal(wrapping.key, Buffer.from(row.wrapped_key, 'base64'));
  }

  /**
   * Erases a customer's personal data everywhere we hold it; returns the cases touched. One
   * transaction: the keys go first (waiting for any projection that holds one, see revealLocked),
   * then every case of the customer is scrubbed, found by customer inside the same transaction, so
   * a case projected for the first time a moment before is scrubbed too.
   */
  async eraseCustomer(customerId: string): Promise<number> {
    const scrubbed = await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('customers')
        .set({
          name: ERASED,
          email: null,
          phone: null,
          organisation: null,
          erased_at: new Date(),
          updated_at: new Date(),
        })
        .where('id', '=', customerId)
        .execute();
      const keys = await trx
        .deleteFrom('data_keys')
        .where('customer_id', '=', customerId)
        .returning('case_id')
        .execute();
      const cases = await scrubCases(trx, sql`SELECT id FROM cases WHERE customer_id = ${customerId}`);
      return { cases, keys: keys.map((k) => k.case_id) };
    });
    // Including cases not in the read model yet: this instance must not seal with a destroyed key.
    for (const id of [...scrubbed.cases, ...scrubbed.keys]) this.cache.delete(id);
    return scrubbed.cases.length;
  }

  /**
   * Destroys the cases' data keys and scrubs their personal data from the read model: every
   * free-text field, or only `freeText` (retention keeping the archive's findings and resolution).
   */
  async eraseCases(caseIds: string[], freeText: readonly string[] = FREE_TEXT_KEYS): Promise<void> {
    if (caseIds.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('data_keys').where('case_id', 'in', caseIds).execute();
      await scrubCases(trx, sql`VALUES ${sql.join(caseIds.map((id) => sql`(${id})`))}`, freeText);
    });
    for (const id of caseIds) this.cache.delete(id);
  }
}

/**
 * Replaces the personal data of the cases `ids` selects in views, events and outbox payloads: every
 * free-text field at any depth (scrub_free_text, migration 007) and the customer's contact fields.
 * Returns the ids of the cases scrubbed.
 */
async function scrubCases(
  trx: Transaction<Database>,
  ids: RawBuilder<unknown>,
  freeText: readonly string[] = FREE_TEXT_KEYS,
): Promise<string[]> {
  const keys = sql`${`{${freeText.join(',')}}`}::text[]`;
  const scrub = (column: string) => sql`scrub_free_text(${sql.ref(column)}, ${keys}, ${ERASED})`;
  // Free text kept for the archive loses the customer's identity first (their name, e-mail, phone
  // and organisation wherever they were written), while the view still holds them.
  const kept = FREE_TEXT_KEYS.filter((k) => !freeText.includes(k));
  if (kept.length > 0) {
    const keptKeys = sql`${`{${kept.join(',')}}`}::text[]`;
    const identity = sql`ARRAY[c.view->'customer'->>'name', c.view->'customer'->>'email',
      c.view->'customer'->>'phone', c.view->'customer'->>'organisation']`;
    const redact = (ref: string) =>
      sql`redact_free_text(${sql.ref(ref)}, ${keptKeys}, ${identity}, ${ERASED})`;
    await sql`UPDATE case_events e SET data = ${redact('e.data')} FROM cases c
      WHERE c.id = e.case_id AND e.case_id IN (${ids})`.execute(trx);
    await sql`UPDATE outbox o SET payload = ${redact('o.payload')} FROM cases c
      WHERE c.id = o.case_id AND o.case_id IN (${ids})`.execute(trx);
    await sql`UPDATE cases c SET view = ${redact('c.view')} WHERE c.id IN (${ids})`.execute(trx);
  }
  const cases = await sql<{ id: string }>`UPDATE cases SET personal_data_erased_at = now(), view = jsonb_set(
      ${scrub('view')}, '{customer}',
      jsonb_build_object('id', view->'customer'->'id', 'tier', view->'customer'->'tier', 'name', to_jsonb(${ERASED}::text)))
    WHERE id IN (${ids}) RETURNING id`.execute(trx);
  await sql`UPDATE case_events SET data = ${scrub('data')} WHERE case_id IN (${ids})`.execute(trx);
  await sql`UPDATE outbox SET payload = ${scrub('payload')} WHERE case_id IN (${ids})`.execute(trx);
  await scrubMail(
    trx,
    cases.rows.map((r) => r.id),
  );
  await scrubNotifications(
    trx,
    cases.rows.map((r) => r.id),
    ERASED,
  );
  return cases.rows.map((r) => r.id);
}

function collect(v: unknown, out: Set<string>): void {
  if (typeof v === 'string') {
    if (v.startsWith(PREFIX)) out.add(v.slice(PREFIX.length, v.indexOf(':', PREFIX.length)));
  } else if (Array.isArray(v)) v.forEach((x) => collect(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => collect(x, out));
}

function replace(v: unknown, fn: (s: string) => string): unknown {
  if (typeof v === 'string') return v.startsWith(PREFIX) ? fn(v) : v;
  if (Array.isArray(v)) return v.map((x) => replace(x, fn));
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replace(x, fn)]));
  return v;
}

/** The cases whose sealed data `value` holds. */
export function sealedCaseIds(value: unknown): Set<string> {
  const ids = new Set<string>();
  collect(value, ids);
  return ids;
}

export const isSealed = (s: unknown): boolean => typeof s === 'string' && s.startsWith(PREFIX);
