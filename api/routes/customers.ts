/** /v1/customers: the customer record (客户档案) with its service history, and a search. */
import { z } from '../zod.js';
import { customerRecord, searchCustomers } from '../../db/customers.js';
import type { Db } from '../../db/database.js';
import { CASE_STATUSES, CASE_TYPES, PRIORITIES, TIERS } from '../../domain/case/contract.js';
import type { Role } from '../../domain/people.js';
import { route, type RouteSpec } from '../http.js';
import { problem } from '../problem.js';
import { scopeOf } from '../scope.js';
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
        const c = q.cursor ? decodeCursor(q.cursor, ['n', 'i']) : undefined;
        const { rows: page, more } = await searchCustomers(db, {
          text: q.query || undefined,
          scope: scopeOf(principal),
          after: c && { name: c.n, id: c.i },
          limit: q.limit,
        });
        const last = page[page.length - 1];
        const nextCursor = more && last ? encodeCursor({ n: last.name, i: last.id }) : null;
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
        const record = await customerRecord(db, id, CUSTOMER_CASES_LISTED, scopeOf(principal));
        if (!record) throw problem.notFound(`no customer with id '${id}'`);
        const { customer, cases, stats } = record;
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
