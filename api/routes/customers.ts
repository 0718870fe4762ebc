/** /v1/customers: the customer record (客户档案) with its service history, and a search. */
import { sql } from 'kysely';
import { z } from '../zod.js';
import type { Db } from '../../db/database.js';
import {
  CASE_STATUSES,
  CASE_TYPES,
  PRIORITIES,
  TERMINAL_STATUSES,
  TIERS,
} from '../../domain/case/contract.js';
import type { Role } from '../../domain/people.js';
import { route, type RouteSpec } from '../http.js';
import { problem } from '../problem.js';
import { caseOpenedBy, customerServedBy, scopeOf } from '../scope.js';
import { decodeCursor, encodeCursor } from '../cursor.js';

/** Everyone who serves the customer may read the record; customer data is used for service only. */
const READERS: Role[] = ['integrator', 'agent', 'supervisor', 'admin'];

/** How many of a customer's cases the record lists (newest first); `stats` counts all of them. */
export const CUSTOMER_CASES_LISTED = 100;

const isoTime = z.iso.datetime({ offset: true });

const CustomerSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    tier: z.enum(TIERS),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    organisation: z.string().nullable(),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .openapi('CustomerSummary');

const CustomerCase = z
  .object({
    id: z.string(),
    number: z.string(),
    type: z.enum(CASE_TYPES),
    status: z.enum(CASE_STATUSES),
    priority: z.enum(PRIORITIES),
    createdAt: isoTime,
    closedAt: isoTime.nullable(),
    rating: z.number().int().min(1).max(5).nullable().openapi({ description: "the customer's rating score" }),
  })
  .openapi('CustomerCase');

export const CustomerRecord = CustomerSummary.extend({
  cases: z.array(CustomerCase).openapi({ description: `newest first, at most ${CUSTOMER_CASES_LISTED}` }),
  stats: z.object({
    cases: z.number().int(),
    openCases: z.number().int().openapi({ description: 'cases not closed, rejected or withdrawn' }),
    complaints: z.number().int(),
    ratings: z.object({ count: z.number().int(), mean: z.number().nullable() }),
  }),
}).openapi('Customer');

export const CustomerSearchQuery = z
  .object({
    query: z
      .string()
      .trim()
      .max(200)
      .optional()
      .openapi({ description: 'part of the name, email, phone, organisation or id (case-insensitive)' }),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().min(1).optional(),
  })
  .strict();

/** `%` and `_` in what a user types are literal characters, not wildcards. */
export const likeContaining = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

const iso = (d: Date | string) => new Date(d).toISOString();

interface CustomerRow {
  id: string;
  name: string;
  tier: string;
  email: string | null;
  phone: string | null;
  organisation: string | null;
  created_at: Date;
  updated_at: Date;
}
const summary = (c: CustomerRow) => ({
  id: c.id,
  name: c.name,
  tier: c.tier,
  email: c.email,
  phone: c.phone,
  organisation: c.organisation,
  createdAt: iso(c.created_at),
  updatedAt: iso(c.updated_at),
});

const COLUMNS = ['id', 'name', 'tier', 'email', 'phone', 'organisation', 'created_at', 'updated_at'] as const;

export function customerRoutes(db: Db): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/v1/customers',
      operationId: 'listCustomers',
      summary: 'Search customers',
      description:
        'By part of the name, email, phone, organisation or id; ordered by name. Pages like the case list: ' +
        '`limit` (default 50, max 200) and the opaque `nextCursor` (null on the last page).',
      tags: ['customers'],
      roles: READERS,
      query: CustomerSearchQuery,
      responses: {
        200: {
          description: 'a page of customers',
          schema: z.object({ items: z.array(CustomerSummary), nextCursor: z.string().nullable() }),
        },
        400: { description: 'limit above 200 or bad cursor' },
        401: { description: 'no or unknown API key' },
      },
      handler: async ({ res, query, principal }) => {
        const q = query as z.infer<typeof CustomerSearchQuery>;
        const scope = scopeOf(principal);
        let sel = db.selectFrom('customers').select(COLUMNS);
        if (scope) sel = sel.where(customerServedBy(scope));
        if (q.query) {
          const pattern = likeContaining(q.query);
          sel = sel.where((eb) =>
            eb.or(
              (['name', 'email', 'phone', 'organisation', 'id'] as const).map((c) => eb(c, 'ilike', pattern)),
            ),
          );
        }
        if (q.cursor) {
          const c = decodeCursor(q.cursor, ['n', 'i']);
          sel = sel.where(sql<boolean>`(name, id) > (${c.n}, ${c.i})`);
        }
        const rows = await sel
          .orderBy('name')
          .orderBy('id')
          .limit(q.limit + 1)
          .execute();
        const page = rows.slice(0, q.limit);
        const last = page[page.length - 1];
        const nextCursor = rows.length > q.limit && last ? encodeCursor({ n: last.name, i: last.id }) : null;
        res.json({ items: page.map(summary), nextCursor });
      },
    }),
    route({
      method: 'get',
      path: '/v1/customers/:id',
      operationId: 'getCustomer',
      summary: 'Get a customer record with its cases',
      tags: ['customers'],
      roles: READERS,
      responses: {
        200: {
          description: 'the customer, its newest cases and figures over all its cases',
          schema: CustomerRecord,
        },
        401: { description: 'no or unknown API key' },
        404: { description: 'unknown customer' },
      },
      handler: async ({ res, params, principal }) => {
        const id = params.id!;
        // A scoped integration sees the customer and its own cases of them, nothing else.
        const scope = scopeOf(principal);
        const [customer, cases, stats] = await Promise.all([
          db
            .selectFrom('customers')
            .select(COLUMNS)
            .where('id', '=', id)
            .$if(scope !== undefined, (q) => q.where(customerServedBy(scope!)))
            .executeTakeFirst(),
          db
            .selectFrom('cases')
            .select(['id', 'number', 'type', 'status', 'priority', 'created_at', 'closed_at', 'rating_score'])
            .where('customer_id', '=', id)
            .$if(scope !== undefined, (q) => q.where(caseOpenedBy(scope!)))
            .orderBy('created_at', 'desc')
            .orderBy('id', 'desc')
            .limit(CUSTOMER_CASES_LISTED)
            .execute(),
          db
            .selectFrom('cases')
            .select([
              sql<number>`count(*)::int8`.as('cases'),
              sql<number>`count(*) filter (where status not in (${sql.join([...TERMINAL_STATUSES])}))::int8`.as(
                'open_cases',
              ),
              sql<number>`count(*) filter (where type = 'complaint')::int8`.as('complaints'),
              sql<number>`count(rating_score)::int8`.as('ratings'),
              sql<number | null>`sum(rating_score)::int8`.as('rating_sum'),
            ])
            .where('customer_id', '=', id)
            .$if(scope !== undefined, (q) => q.where(caseOpenedBy(scope!)))
            .executeTakeFirstOrThrow(),
        ]);
        if (!customer) throw problem.notFound(`no customer with id '${id}'`);
        res.json({
          ...summary(customer),
          cases: cases.map((c) => ({
            id: c.id,
            number: c.number,
            type: c.type,
            status: c.status,
            priority: c.priority,
            createdAt: iso(c.created_at),
            closedAt: c.closed_at ? iso(c.closed_at) : null,
            rating: c.rating_score,
          })),
          stats: {
            cases: Number(stats.cases),
            openCases: Number(stats.open_cases),
            complaints: Number(stats.complaints),
            ratings: {
              count: Number(stats.ratings),
              mean: Number(stats.ratings) > 0 ? Number(stats.rating_sum) / Number(stats.ratings) : null,
            },
          },
        });
      },
    }),
  ];
}
