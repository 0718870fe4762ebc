/**
 * Least privilege for integrations: a scoped integrator key reaches only the cases its integration
 * (the key's name) opened and those cases' customers. Anything else is answered as if it did not
 * exist (404), so a scoped key cannot even learn which ids are taken.
 */
import { sql, type RawBuilder } from 'kysely';
import { type Principal } from './auth.js';
import { actorOf } from '../domain/people.js';

/** The actor recorded on the case.opened event (sequence 1) of cases this principal may reach. */
export const scopeOf = (p: Principal): string | undefined =>
  p.role === 'integrator' && p.scoped ? actorOf(p) : undefined;

/** True for rows of `cases` the scoped integration opened. */
export const caseOpenedBy = (actor: string): RawBuilder<boolean> =>
  sql<boolean>`exists (select 1 from case_events e where e.case_id = cases.id and e.seq = 1 and e.actor = ${actor})`;

/** True for rows of `customers` with at least one case the scoped integration opened. */
export const customerServedBy = (actor: string): RawBuilder<boolean> =>
  sql<boolean>`exists (select 1 from cases join case_events e on e.case_id = cases.id and e.seq = 1
    where cases.customer_id = customers.id and e.actor = ${actor})`;
