/**
 * Least privilege for integrations, as SQL: a scoped integrator key reaches only the cases its
 * integration (the actor recorded on their case.opened event) opened and those cases' customers.
 * Who is scoped is the API's call (api/scope.ts); these conditions only filter rows.
 */
import { sql, type RawBuilder } from 'kysely';

/** True for rows of `cases` the scoped integration opened. */
export const caseOpenedBy = (actor: string): RawBuilder<boolean> =>
  sql<boolean>`exists (select 1 from case_events e where e.case_id = cases.id and e.seq = 1 and e.actor = ${actor})`;

/** True for rows of `customers` with at least one case the scoped integration opened. */
export const customerServedBy = (actor: string): RawBuilder<boolean> =>
  sql<boolean>`exists (select 1 from cases join case_events e on e.case_id = cases.id and e.seq = 1
    where cases.customer_id = customers.id and e.actor = ${actor})`;

/** `%` and `_` a user types are literal, not wildcards: a LIKE pattern for "contains `text`". */
export const likeContaining = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
