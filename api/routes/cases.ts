/** /v1/cases: open, read, list, timeline and every lifecycle action (docs/api.md). */
import { z } from '../zod.js';
import { caseEvents } from '../../db/cases.js';
import type { Db } from '../../db/database.js';
import type { CaseAction } from '../../domain/case/commands.js';
import { eventVisibility, visibleTo } from '../../domain/case/visibility.js';
import { audienceOf } from '../audience.js';
import type { Role } from '../../domain/people.js';
import { ACTION_ROLES } from '../action-roles.js';
import type { CaseService } from '../case-service.js';
import type { IncidentService } from '../incident-service.js';
import { route, type RouteSpec } from '../http.js';
import { listCases } from '../case-list.js';
import { ActionBodies, CaseView } from '../schemas.js';
import { ListQuery, OpenCaseBody, TimelineItem } from './case-schemas.js';

const ALL: Role[] = ['integrator', 'agent', 'supervisor', 'admin'];
const ACTION_SUMMARIES: Record<CaseAction, string> = {
  accept: 'Accept a case (first response): new → investigating',
  assign: 'Assign a case to someone',
  reject: 'Reject an invalid or out-of-scope case: new | investigating → rejected',
  findings: 'Record investigation findings',
  'wait-for-customer': 'Ask the customer and pause the resolve clock: investigating → pending_customer',
  'customer-reply': "Record the customer's reply and resume the clock: pending_customer → investigating",
  resolution: 'Propose a resolution: → pending_approval (costly remedy or level 3) or → resolved',
  approval: 'Approve or reject a proposed resolution: pending_approval → resolved | investigating',
  callback: 'Record a callback to the customer',
  rating: 'Record the customer satisfaction rating: awaiting_rating → closed (a poor rating reopens once)',
  escalate: 'Escalate a case one level (max 3)',
  notes: 'Add a note',
  withdraw: 'Record that the customer withdrew: → withdrawn',
  extend: 'Extend a deadline, announced to the customer',
  priority: "Change a case's priority; running clocks are re-targeted",
  transfer:
    'Transfer a case to a department (转办) for its preliminary findings: the team changes and the findings clock starts',
  'refuse-transfer':
    'Refuse a transfer (a member of the department or a supervisor): the case goes back, the findings clock stops',
};

/** Each action's operationId: what generated clients call it (stable, see RouteSpec.operationId). */
const ACTION_OPERATION_IDS: Record<CaseAction, string> = {
  accept: 'acceptCase',
  assign: 'assignCase',
  reject: 'rejectCase',
  findings: 'recordFindings',
  'wait-for-customer': 'waitForCustomer',
  'customer-reply': 'recordCustomerReply',
  resolution: 'proposeResolution',
  approval: 'decideApproval',
  callback: 'recordCallback',
  rating: 'rateCase',
  escalate: 'escalateCase',
  notes: 'addNote',
  withdraw: 'withdrawCase',
  extend: 'extendDeadline',
  priority: 'changePriority',
  transfer: 'transferCase',
  'refuse-transfer': 'refuseTransfer',
};

/** What an action answers beyond the common statuses. */
const ACTION_RESPONSES: Partial<Record<CaseAction, Record<number, { description: string }>>> = {
  transfer: { 422: { description: 'no team of that name, or Idempotency-Key reused with a different body' } },
  'refuse-transfer': {
    403: { description: 'neither a member of the department that has the case nor a supervisor' },
  },
};

const caseResponses = (extra: Record<number, { description: string; schema?: z.ZodType }> = {}) => ({
  200: { description: 'the case after the change', schema: CaseView },
  400: { description: 'invalid input' },
  401: { description: 'no or unknown API key' },
  403: { description: 'the role may not do this' },
  404: { description: 'unknown case' },
  409: {
    description: "not allowed in the case's current state (the body says its status and what refused it)",
  },
  422: { description: 'Idempotency-Key reused with a different body' },
  503: { description: 'a dependency is unavailable; retry' },
  ...extra,
});

export function caseRoutes(cases: CaseService, db: Db, incidents?: IncidentService): RouteSpec[] {
  const routes: RouteSpec[] = [
    route({
      method: 'post',
      path: '/v1/cases',
      operationId: 'openCase',
      summary: 'Open a case',
      tags: ['cases'],
      roles: ['integrator', 'agent'],
      body: OpenCaseBody,
      idempotent: true,
      responses: {
        201: { description: 'the new case', schema: CaseView },
        ...caseResponses({
          200: {
            description: 'the case an earlier request with this Idempotency-Key opened',
            schema: CaseView,
          },
        }),
      },
      handler: async ({ res, body, principal, idempotencyKey }) => {
        const { created, view } = incidents
          ? await incidents.openCase(body, principal, idempotencyKey)
          : await cases.open(body, principal, idempotencyKey);
        res
          .status(created ? 201 : 200)
          .location(`/v1/cases/${view.id}`)
          .json(view);
      },
    }),
    route({
      method: 'get',
      path: '/v1/cases',
      operationId: 'listCases',
      summary: 'List cases, newest first or soonest deadline first',
      tags: ['cases'],
      roles: ALL,
      query: ListQuery,
      responses: {
        200: {
          description: 'a page of cases',
          schema: z.object({ items: z.array(CaseView), nextCursor: z.string().nullable() }),
        },
        400: { description: 'invalid filter, limit above 200 or bad cursor' },
      },
      handler: async ({ res, query, principal }) => {
        res.json(await listCases(db, query as z.infer<typeof ListQuery>, principal));
      },
    }),
    route({
      method: 'get',
      path: '/v1/cases/:id',
      operationId: 'getCase',
      summary: 'Get a case',
      tags: ['cases'],
      roles: ALL,
      responses: { 200: { description: 'the case', schema: CaseView }, 404: { description: 'unknown case' } },
      handler: async ({ res, params, principal }) => {
        const view = await cases.get(params.id!, principal);
        const incidentSuggestions = await incidents?.suggestionsFor(view, principal);
        res.json(incidentSuggestions?.length ? { ...view, incidentSuggestions } : view);
      },
    }),
    route({
      method: 'get',
      path: '/v1/cases/:id/timeline',
      operationId: 'getCaseTimeline',
      summary: "Get a case's timeline",
      description:
        'Staff see every event, each marked `internal` or `public`; integrators see the public ones only.',
      tags: ['cases'],
      roles: ALL,
      responses: {
        200: { description: 'every event, in order', schema: z.object({ items: z.array(TimelineItem) }) },
        404: { description: 'unknown case' },
      },
      handler: async ({ res, params, principal }) => {
        await cases.get(params.id!, principal);
        const rows = await caseEvents(db, params.id!);
        const audience = audienceOf(principal);
        res.json({
          items: rows
            .filter((r) => visibleTo(audience, r))
            .map((r) => {
              const at = new Date(r.at).toISOString();
              return { ...r, at, sequence: r.seq, occurredAt: at, visibility: eventVisibility(r) };
            }),
        });
      },
    }),
  ];
  for (const action of Object.keys(ACTION_ROLES) as CaseAction[]) {
    routes.push(
      route({
        method: 'post',
        path: `/v1/cases/:id/${action}`,
        operationId: ACTION_OPERATION_IDS[action],
        summary: ACTION_SUMMARIES[action],
        tags: ['case actions'],
        roles: ACTION_ROLES[action],
        body: ActionBodies[action] as z.ZodType<Record<string, unknown>>,
        idempotent: true,
        responses: caseResponses(ACTION_RESPONSES[action]),
        handler: async ({ res, params, body, principal, idempotencyKey }) => {
          const view = await cases.act(params.id!, { action, ...body } as never, principal, idempotencyKey);
          res.json(view);
        },
      }),
    );
  }
  return routes;
}
