/** SLA policies, business calendars and the deadline calculator. */
import { z } from '../zod.js';
import type { Db } from '../../db/database.js';
import { definitionExists, listDefinitions, putDefinition } from '../../db/sla.js';
import {
  BeyondHorizon,
  CALENDAR_24X7,
  computeDue,
  type BusinessCalendar,
} from '../../domain/calendar/index.js';
import { CLOCKS } from '../../domain/case/contract.js';
import { customerWaitPolicy } from '../../domain/case/customer-wait.js';
import type { Role } from '../../domain/people.js';
import type { SlaCatalog } from '../sla-catalog.js';
import type { CaseService } from '../case-service.js';
import { route, type RouteSpec } from '../http.js';
import { problem } from '../problem.js';
import { ResourceName } from '../schemas.js';
import { CalendarBody, DueBody, PolicyBody } from './sla-schemas.js';
import { auditedState } from '../../db/audit-state.js';

const ALL: Role[] = ['integrator', 'agent', 'supervisor', 'admin'];
const ADMIN: Role[] = ['admin'];

// A plain object, not `.extend`: the generator would write allOf with a closed part no policy fits.
const Policy = z.object({ ...PolicyBody.shape, name: z.string() }).openapi('SlaPolicy');
const Calendar = z
  .object({
    name: z.string(),
    timeZone: z.string(),
    week: z.record(z.string(), z.array(z.tuple([z.string(), z.string()]))),
    holidays: z.array(z.string()),
    specialDays: z.record(z.string(), z.array(z.tuple([z.string(), z.string()]))).optional(),
  })
  .openapi('BusinessCalendar');

/** The name in the path, which a name in the body (optional) must repeat. */
function nameOf(pathName: string | undefined, body: { name?: string }): string {
  const name = checkName(pathName);
  if (body.name !== undefined && body.name !== name) {
    throw problem.badRequest(`the body names '${body.name}' but the path names '${name}'`, [
      { path: 'name', in: 'body', message: 'must equal the name in the path' },
    ]);
  }
  return name;
}

function checkName(name: string | undefined): string {
  const r = ResourceName.safeParse(name);
  if (!r.success)
    throw problem.badRequest(`invalid name: ${r.error.issues[0]?.message}`, [
      { path: 'name', in: 'path', message: 'invalid' },
    ]);
  return r.data;
}

/** `computeDue`, with a deadline past the horizon refused as a 400 naming `field`. */
function dueWithinHorizon(field: string, ...args: Parameters<typeof computeDue>): number {
  try {
    return computeDue(...args);
  } catch (err) {
    if (!(err instanceof BeyondHorizon)) throw err;
    throw problem.badRequest(`${field}: ${err.message}`, [{ path: field, in: 'body', message: err.message }]);
  }
}

type Targets = Partial<Record<string, unknown>> | undefined;

/** The policy's own targets (path prefix '') and each priority's (`byPriority.urgent.`). */
const targetsOf = (p: z.infer<typeof PolicyBody>): [string, Targets][] => [
  ['', p],
  ...Object.entries(p.byPriority ?? {}).map(([k, v]): [string, Targets] => [`byPriority.${k}.`, v]),
];

const field = (t: Targets, key: string): string | undefined =>
  typeof t?.[key] === 'string' ? (t[key] as string) : undefined;

/**
 * Every duration of a policy must give a deadline within the horizon (from now) on the calendar its
 * clock counts on: the policy's, or the one a `…On` field names for that clock.
 */
function checkPolicyHorizon(
  p: z.infer<typeof PolicyBody>,
  calendar: BusinessCalendar,
  named: Map<string, BusinessCalendar>,
): void {
  const now = Date.now();
  for (const [prefix, targets] of targetsOf(p)) {
    for (const c of CLOCKS) {
      const d = field(targets, `${c}Within`);
      const on = field(targets, `${c}On`) ?? field(p, `${c}On`);
      if (d) dueWithinHorizon(`${prefix}${c}Within`, (on && named.get(on)) || calendar, now, d);
    }
  }
  checkCustomerWait(p, calendar, now);
}

/** The calendars a policy's `…On` fields name; an unknown one is a 400 naming the field. */
async function namedCalendars(
  db: Db,
  cases: CaseService,
  p: z.infer<typeof PolicyBody>,
): Promise<Map<string, BusinessCalendar>> {
  const out = new Map<string, BusinessCalendar>();
  for (const [prefix, targets] of targetsOf(p)) {
    for (const c of CLOCKS) {
      const name = field(targets, `${c}On`);
      if (name === undefined || out.has(name)) continue;
      await requireCalendar(db, name, `${prefix}${c}On`);
      out.set(name, await cases.calendar(name));
    }
  }
  return out;
}

async function requireCalendar(db: Db, name: string, field: string): Promise<void> {
  if (name === CALENDAR_24X7.name || (await definitionExists(db, 'business_calendars', name))) return;
  throw problem.badRequest(`${field}: unknown calendar '${name}'`, [
    { path: field, in: 'body', message: 'unknown calendar' },
  ]);
}

/**
 * The automatic close must come after the reminder (the default one when the policy names none),
 * compared as deadlines on the policy's calendar: `P1D` and `PT9H` are the same on a 9-hour day.
 */
function checkCustomerWait(p: z.infer<typeof PolicyBody>, calendar: BusinessCalendar, now: number): void {
  const { remindCustomerAfter: remind, closeWithoutReplyAfter: close } = customerWaitPolicy(p);
  const remindAt = remind ? dueWithinHorizon('remindCustomerAfter', calendar, now, remind) : undefined;
  const closeAt = close ? dueWithinHorizon('closeWithoutReplyAfter', calendar, now, close) : undefined;
  if (remindAt !== undefined && closeAt !== undefined && !(closeAt > remindAt)) {
    const message = `must be longer than the reminder (${remind}${p.remindCustomerAfter === undefined ? ', the default' : ''}) on calendar '${calendar.name}'`;
    throw problem.badRequest(`closeWithoutReplyAfter ${message}`, [
      { path: 'closeWithoutReplyAfter', in: 'body', message },
    ]);
  }
}

export function slaRoutes(db: Db, cases: CaseService, catalog: SlaCatalog): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/v1/sla-policies',
      operationId: 'listSlaPolicies',
      summary: 'List SLA policies',
      tags: ['sla'],
      roles: ALL,
      responses: { 200: { description: 'all policies', schema: z.object({ items: z.array(Policy) }) } },
      handler: async ({ res }) => {
        const rows = await listDefinitions(db, 'sla_policies');
        res.json({ items: rows.map((r) => ({ ...r.definition, name: r.name })) });
      },
    }),
    route({
      method: 'put',
      path: '/v1/sla-policies/:name',
      operationId: 'putSlaPolicy',
      summary: 'Create or replace an SLA policy',
      description:
        'Open cases keep the policy they opened with; the change applies to new cases. Only `notify` (which notifications a case sends) applies to open cases too, from their next message.',
      tags: ['sla'],
      roles: ADMIN,
      audit: { action: 'sla_policy.put', targetType: 'sla_policy', state: auditedState.policy(db) },
      body: PolicyBody,
      responses: {
        200: { description: 'the policy', schema: Policy },
        400: {
          description:
            "invalid policy, unknown calendar (the policy's or one a `…On` field names), or a duration that ends beyond the ten-year horizon",
        },
      },
      handler: async ({ res, params, body }) => {
        const name = nameOf(params.name, body as { name?: string });
        const p = body as z.infer<typeof PolicyBody>;
        if (p.calendar !== CALENDAR_24X7.name) {
          if (!(await definitionExists(db, 'business_calendars', p.calendar)))
            throw problem.badRequest(`unknown calendar '${p.calendar}'`, [
              { path: 'calendar', in: 'body', message: 'unknown' },
            ]);
        }
        checkPolicyHorizon(p, await cases.calendar(p.calendar), await namedCalendars(db, cases, p));
        const definition = { ...p, name };
        await putDefinition(db, 'sla_policies', name, definition);
        catalog.invalidate();
        res.json(definition);
      },
    }),
    route({
      method: 'get',
      path: '/v1/business-calendars',
      operationId: 'listBusinessCalendars',
      summary: 'List business calendars',
      tags: ['sla'],
      roles: ALL,
      responses: {
        200: { description: 'all calendars, 24x7 included', schema: z.object({ items: z.array(Calendar) }) },
      },
      handler: async ({ res }) => {
        const rows = await listDefinitions(db, 'business_calendars');
        res.json({ items: [CALENDAR_24X7, ...rows.map((r) => ({ ...r.definition, name: r.name }))] });
      },
    }),
    route({
      method: 'put',
      path: '/v1/business-calendars/:name',
      operationId: 'putBusinessCalendar',
      summary: 'Create or replace a business calendar',
      tags: ['sla'],
      roles: ADMIN,
      audit: {
        action: 'business_calendar.put',
        targetType: 'business_calendar',
        state: auditedState.calendar(db),
      },
      body: CalendarBody,
      responses: {
        200: { description: 'the calendar', schema: Calendar },
        400: { description: 'invalid calendar' },
      },
      handler: async ({ res, params, body }) => {
        const name = nameOf(params.name, body as { name?: string });
        if (name === CALENDAR_24X7.name)
          throw problem.badRequest("the '24x7' calendar is built in and cannot be changed");
        const definition = { ...(body as object), name };
        await putDefinition(db, 'business_calendars', name, definition);
        catalog.invalidate();
        res.json(definition);
      },
    }),
    route({
      method: 'post',
      path: '/v1/business-calendars/:name/due',
      operationId: 'computeDueTime',
      summary: 'Compute a deadline exactly as the service sets it',
      tags: ['sla'],
      roles: ALL,
      body: DueBody,
      responses: {
        200: { description: 'the due moment', schema: z.object({ due: z.string() }) },
        400: { description: 'invalid input, or a deadline more than about ten years (3660 days) ahead' },
        404: { description: 'unknown calendar' },
      },
      handler: async ({ res, params, body }) => {
        const b = body as z.infer<typeof DueBody>;
        const cal = await cases.calendar(params.name!);
        const pauses = (b.pauses ?? []).map((p) => ({ from: Date.parse(p.from), to: Date.parse(p.to) }));
        const due = dueWithinHorizon('duration', cal, Date.parse(b.from), b.duration, pauses);
        res.json({ due: new Date(due).toISOString() });
      },
    }),
  ];
}
