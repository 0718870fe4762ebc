import { sql, type Kysely } from 'kysely';
import type { SlaPolicy } from '../../domain/case/types.js';
import { DEFAULT_POLICIES } from '../defaults.js';

/**
 * Urgent first (issue 26): the seeded policies get their priority targets (urgent first contact
 * round the clock) and warnings per clock, and the case list an index for `sort=priority` (urgent
 * first, then the next deadline). A policy is replaced only while it is exactly as seeded: one an
 * admin edited (its definition differs from the seed below) is left alone, as is one that is gone.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const before of SEEDED_BEFORE) {
    const now = DEFAULT_POLICIES.find((p) => p.name === before.name);
    if (!now) continue;
    await db
      .updateTable('sla_policies')
      .set({ definition: JSON.stringify(now), updated_at: new Date() })
      .where('name', '=', before.name)
      // jsonb equality: the same content, whatever the order of its keys.
      .where(sql<boolean>`definition = ${JSON.stringify(before)}::jsonb`)
      .execute();
  }
  // The same expression as db/case-list.ts PRIORITY_RANK and DEADLINE_KEY, so the sort uses it.
  await sql`CREATE INDEX cases_urgent_first ON cases (
      (CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END),
      (coalesce(next_deadline, 'infinity'::timestamptz)), id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS cases_urgent_first`.execute(db);
}

/** `standard` as seeded; `fault-24x7` was seeded with the same figures. */
const STANDARD_BEFORE: SlaPolicy = {
  name: 'standard',
  calendar: '24x7',
  respondWithin: 'PT24H',
  resolveWithin: 'PT48H',
  callbackWithin: 'PT24H',
  rateWithin: 'P7D',
  warnBefore: 'PT2H',
  byPriority: { urgent: { respondWithin: 'PT2H' }, high: { respondWithin: 'PT4H' } },
};

/** The policies as seeded by 002 until this migration (the same content): what "not edited" means. */
export const SEEDED_BEFORE: SlaPolicy[] = [
  STANDARD_BEFORE,
  { ...STANDARD_BEFORE, name: 'fault-24x7' },
  {
    // A major problem: 72 h to solve, response at the best-practice 2 h.
    name: 'fault-major',
    calendar: '24x7',
    respondWithin: 'PT2H',
    resolveWithin: 'PT72H',
    callbackWithin: 'PT24H',
    rateWithin: 'P7D',
    warnBefore: 'PT1H',
  },
  {
    // Complaints: processed within 3 working days; first contact within a configurable number of hours.
    name: 'complaint-3wd',
    calendar: 'cn-workdays',
    respondWithin: 'PT4H',
    resolveWithin: 'P3D',
    callbackWithin: 'P1D',
    rateWithin: 'P5D',
    warnBefore: 'PT4H',
  },
  {
    // An inquiry that needs a specialist: the specialist within working days, then the customer.
    name: 'inquiry-specialist',
    calendar: 'cn-workdays',
    respondWithin: 'PT4H',
    resolveWithin: 'P2D',
    callbackWithin: 'P1D',
    rateWithin: 'P5D',
    warnBefore: 'PT2H',
  },
  {
    // Long-term / premium customers get priority service.
    name: 'premium-support',
    calendar: '24x7',
    respondWithin: 'PT2H',
    resolveWithin: 'PT24H',
    callbackWithin: 'PT12H',
    rateWithin: 'P7D',
    warnBefore: 'PT1H',
  },
];
