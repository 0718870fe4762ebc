/** /v1/incidents: open, read, post public updates, link and unlink cases, resolve, cancel, report. */
import { z } from '../zod.js';
import type { Db } from '../../db/database.js';
import { incidentReportRows, linkedCaseCount, linkedCases, listIncidentViews } from '../../db/incidents.js';
import { CASE_STATUSES } from '../../domain/case/contract.js';
import { publicIncident } from '../../domain/incident/machine.js';
import type { IncidentView as View } from '../../domain/incident/types.js';
import { isStaff } from '../audience.js';
import type { Principal } from '../auth.js';
import type { Role } from '../../domain/people.js';
import { route, type RouteSpec } from '../http.js';
import type { IncidentService } from '../incident-service.js';
import {
  CancelIncidentBody,
  IncidentListQuery,
  IncidentReport,
  IncidentView,
  LinkCasesBody,
  LinkOutcomes,
  OpenIncidentBody,
  PostUpdateBody,
  IncidentApprovalBody,
  ResolveIncidentBody,
} from './incident-schemas.js';

const STAFF: Role[] = ['agent', 'supervisor'];
const ALL: Role[] = ['integrator', 'agent', 'supervisor'];

const errors = {
  400: { description: 'invalid input' },
  401: { description: 'no or unknown API key' },
  403: { description: 'the role may not do this' },
  404: { description: 'unknown incident' },
  409: { description: 'the incident is resolved or cancelled (the body says its status)' },
  422: { description: 'Idempotency-Key reused with a different body' },
  503: { description: 'a dependency is unavailable; retry' },
};

export function incidentRoutes(incidents: IncidentService, db: Db): RouteSpec[] {
  /** Staff read the whole incident and its link count; integrators its public word only. */
  const shown = async (v: View, p: Principal) => {
    if (!isStaff(p)) return publicIncident(v);
    return { ...v, linkedCases: await linkedCaseCount(db, v.id) };
  };
  return [
    route({
      method: 'post',
      path: '/v1/incidents',
      operationId: 'openIncident',
      summary: 'Open an incident',
      description: 'Starts the incident workflow `incident:<id>` with SLA clocks by severity.',
      tags: ['incidents'],
      roles: STAFF,
      body: OpenIncidentBody,
      idempotent: true,
      responses: { 201: { description: 'the new incident', schema: IncidentView }, ...errors },
      handler: async ({ res, body, principal, idempotencyKey }) => {
        const { created, view } = await incidents.open(body, principal, idempotencyKey);
        res
          .status(created ? 201 : 200)
          .location(`/v1/incidents/${view.id}`)
          .json(await shown(view, principal));
      },
    }),
    route({
      method: 'get',
      path: '/v1/incidents',
      operationId: 'listIncidents',
      summary: 'List incidents, newest first',
      tags: ['incidents'],
      roles: STAFF,
      query: IncidentListQuery,
      responses: {
        200: { description: 'incidents', schema: z.object({ items: z.array(IncidentView) }) },
        400: errors[400],
      },
      handler: async ({ res, query }) => {
        const q = query as z.infer<typeof IncidentListQuery>;
        res.json({ items: await listIncidentViews(db, { status: q.status, limit: q.limit }) });
      },
    }),
    route({
      method: 'get',
      path: '/v1/incidents/:id',
      operationId: 'getIncident',
      summary: 'Get an incident',
      description: 'Integrators get its public part: title, status and public messages.',
      tags: ['incidents'],
      roles: ALL,
      responses: { 200: { description: 'the incident', schema: IncidentView }, 404: errors[404] },
      handler: async ({ res, params, principal }) => {
        res.json(await shown(await incidents.get(params.id!), principal));
      },
    }),
    route({
      method: 'post',
      path: '/v1/incidents/:id/updates',
      operationId: 'postIncidentUpdate',
      summary: 'Post a public update to every linked case',
      description:
        'Optionally moves the incident to `monitoring` (or back to `open`). Every linked case gets the message once, in its timeline (`case.incident_update`) and as a webhook; cases linked later get the latest at once.',
      tags: ['incidents'],
      roles: STAFF,
      body: PostUpdateBody,
      idempotent: true,
      responses: {
        201: { description: 'the incident with the new message', schema: IncidentView },
        ...errors,
      },
      handler: async ({ res, params, body, principal, idempotencyKey }) => {
        const view = await incidents.command(
          params.id!,
          { action: 'post', text: body.message, ...(body.status ? { status: body.status } : {}) },
          principal,
          idempotencyKey,
        );
        res.status(201).json(await shown(view, principal));
      },
    }),
    route({
      method: 'post',
      path: '/v1/incidents/:id/resolve',
      operationId: 'resolveIncident',
      summary: 'Resolve an incident and every open linked case',
      description:
        'Each linked case that is not yet resolved is resolved through its own workflow with this resolution; each then goes on alone to callback and rating. ' +
        'A remedy that needs approval on a case (replace, refund, compensation) needs it here too under the four-eyes rule (`APPROVAL_FOUR_EYES`, default on): ' +
        'the request then records a proposal (202, `proposal` in the incident) and another supervisor decides it with `POST /v1/incidents/{id}/approval`; nothing is resolved or told before.',
      tags: ['incidents'],
      roles: ['supervisor'],
      body: ResolveIncidentBody,
      idempotent: true,
      responses: {
        200: { description: 'the resolved incident', schema: IncidentView },
        202: {
          description: 'the resolution is proposed and waits for a second supervisor',
          schema: IncidentView,
        },
        ...errors,
      },
      handler: async ({ res, params, body, principal, idempotencyKey }) => {
        const view = await incidents.command(
          params.id!,
          {
            action: 'resolve',
            summary: body.summary,
            remedy: body.remedy,
            ...(body.message ? { text: body.message } : {}),
          },
          principal,
          idempotencyKey,
        );
        res.status(view.status === 'resolved' ? 200 : 202).json(await shown(view, principal));
      },
    }),
    route({
      method: 'post',
      path: '/v1/incidents/:id/approval',
      operationId: 'decideIncidentResolution',
      summary: "Approve or reject an incident's proposed resolution",
      description:
        'Four eyes: a supervisor other than the proposer approves (the incident and its open linked cases are resolved, the public message goes out) or rejects (the proposal is dropped; the incident stays open). 409 when no resolution is waiting or the approver proposed it.',
      tags: ['incidents'],
      roles: ['supervisor'],
      body: IncidentApprovalBody,
      idempotent: true,
      responses: { 200: { description: 'the incident after the decision', schema: IncidentView }, ...errors },
      handler: async ({ res, params, body, principal, idempotencyKey }) => {
        const view = await incidents.decide(params.id!, body, principal, idempotencyKey);
        res.json(await shown(view, principal));
      },
    }),
    route({
      method: 'post',
      path: '/v1/incidents/:id/cancel',
      operationId: 'cancelIncident',
      summary: 'Cancel an incident: its cases are told and unlinked',
      tags: ['incidents'],
      roles: ['supervisor'],
      body: CancelIncidentBody,
      idempotent: true,
      responses: { 200: { description: 'the cancelled incident', schema: IncidentView }, ...errors },
      handler: async ({ res, params, body, principal, idempotencyKey }) => {
        const view = await incidents.command(
          params.id!,
          { action: 'cancel', reason: body.reason, ...(body.message ? { text: body.message } : {}) },
          principal,
          idempotencyKey,
        );
        res.json(await shown(view, principal));
      },
    }),
    route({
      method: 'post',
      path: '/v1/incidents/:id/cases',
      operationId: 'linkIncidentCases',
      summary: 'Link cases to an incident',
      description:
        'Each case gets the latest public message at once. A case that is closed or linked to another incident is refused (per case).',
      tags: ['incidents'],
      roles: STAFF,
      body: LinkCasesBody,
      idempotent: true,
      responses: { 200: { description: 'what happened to each case', schema: LinkOutcomes }, ...errors },
      handler: async ({ res, params, body, principal, idempotencyKey }) => {
        res.json({ items: await incidents.link(params.id!, body.caseIds, principal, idempotencyKey) });
      },
    }),
    route({
      method: 'delete',
      path: '/v1/incidents/:id/cases/:caseId',
      operationId: 'unlinkIncidentCase',
      summary: 'Unlink a case from an incident',
      tags: ['incidents'],
      roles: STAFF,
      responses: { 200: { description: 'unlinked', schema: LinkOutcomes }, ...errors },
      handler: async ({ res, params, principal }) => {
        res.json({ items: [await incidents.unlink(params.id!, params.caseId!, principal)] });
      },
    }),
    route({
      method: 'get',
      path: '/v1/incidents/:id/cases',
      operationId: 'listIncidentCases',
      summary: "List an incident's linked cases",
      tags: ['incidents'],
      roles: STAFF,
      responses: {
        200: {
          description: 'linked cases with their status and the last message each has',
          schema: z.object({
            items: z.array(
              z.object({
                caseId: z.string(),
                number: z.string(),
                status: z.string(),
                linkedAt: z.string(),
                lastMessageSeq: z.number().int(),
              }),
            ),
          }),
        },
        404: errors[404],
      },
      handler: async ({ res, params }) => {
        await incidents.get(params.id!);
        const rows = await linkedCases(db, params.id!);
        res.json({
          items: rows.map((r) => ({
            caseId: r.case_id,
            number: r.number,
            status: r.status,
            linkedAt: new Date(r.linked_at).toISOString(),
            lastMessageSeq: r.last_message_seq,
          })),
        });
      },
    }),
    route({
      method: 'get',
      path: '/v1/incidents/:id/report',
      operationId: 'getIncidentReport',
      summary: 'Report on one incident',
      description:
        'Cases linked over time (per hour), linked cases by status, messages posted and timeline entries they made, time to first message and to resolution, and the linked cases’ ratings.',
      tags: ['incidents', 'reports'],
      roles: ['supervisor'],
      responses: { 200: { description: 'the report', schema: IncidentReport }, 404: errors[404] },
      handler: async ({ res, params }) => {
        res.json(await incidentReport(db, await incidents.get(params.id!)));
      },
    }),
  ];
}

async function incidentReport(db: Db, v: View) {
  const id = v.id;
  const { hours, statuses, ratings, timelineEntries } = await incidentReportRows(db, id);
  const byStatus = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<string, number>;
  let current = 0;
  let ever = 0;
  for (const r of statuses) {
    ever += r.n;
    if (r.current) {
      current += r.n;
      byStatus[r.status] = (byStatus[r.status] ?? 0) + r.n;
    }
  }
  const rated = ratings.reduce((a, r) => a + r.n, 0);
  const created = Date.parse(v.createdAt);
  const secondsFrom = (at: string | undefined | null) => (at ? (Date.parse(at) - created) / 1000 : null);
  return {
    incidentId: id,
    linked: { current, ever },
    linkedOverTime: hours.map((r) => ({ hour: new Date(r.hour).toISOString(), linked: r.linked })),
    byStatus,
    messages: { posted: v.messages.length, caseTimelineEntries: timelineEntries },
    secondsToFirstMessage: secondsFrom(v.messages[0]?.at),
    secondsToResolution: v.status === 'resolved' ? secondsFrom(v.closedAt) : null,
    ratings: {
      count: rated,
      mean: rated ? ratings.reduce((a, r) => a + r.score * r.n, 0) / rated : null,
      byScore: Object.fromEntries(ratings.map((r) => [String(r.score), r.n])),
    },
  };
}
