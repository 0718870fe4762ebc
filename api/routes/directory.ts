/** Admin: teams, agents (assignment by workload) and API keys stored hashed. */
import type { Db } from '../../db/database.js';
import {
  createApiKey,
  listAgents,
  listApiKeys,
  listTeams,
  putAgent,
  putTeam,
  revokeApiKey,
  UnknownAgent,
  UnknownTeam,
} from '../../db/directory.js';
import { CASE_TYPES } from '../../domain/case/contract.js';
import { PERSON_NAME, ROLES, type Role } from '../../domain/people.js';
import { route, type RouteSpec } from '../http.js';
import { problem } from '../problem.js';
import { ResourceName } from '../schemas.js';
import { nonBlank, z } from '../zod.js';
import { auditedState } from '../../db/audit-state.js';

const STAFF_READ: Role[] = ['agent', 'supervisor', 'admin'];
const ADMIN: Role[] = ['admin'];

const Team = z
  .object({
    // Empty: a department that takes transferred cases (转办) but no first contact or escalation.
    caseTypes: z.array(z.enum(CASE_TYPES)).openapi({
      description:
        'the case types the team takes at first contact and on escalation; empty for a department that only takes transfers (e.g. quality)',
    }),
    minLevel: z.number().int().min(1).max(3).default(1),
    maxLevel: z.number().int().min(1).max(3).default(3),
    lead: z.string().min(1).max(100).nullable().default(null).openapi({
      description:
        "an agent's id: told of breaches, escalations and supervisor alerts on the team's cases (422 when no such agent)",
    }),
  })
  .strict()
  .refine((t) => t.minLevel <= t.maxLevel, {
    message: 'minLevel must not exceed maxLevel',
    path: ['minLevel'],
  })
  .openapi('TeamInput');
const TeamOut = z
  .object({
    name: z.string(),
    caseTypes: z.array(z.string()),
    minLevel: z.number(),
    maxLevel: z.number(),
    lead: z.string().nullable(),
  })
  .openapi('Team');
const Agent = z
  .object({
    name: nonBlank(200),
    team: z.string().min(1),
    active: z.boolean().default(true),
    email: z.email().max(254).nullable().default(null).openapi({
      description: 'where copies of the agent’s notifications are mailed; null for none',
    }),
  })
  .strict()
  .openapi('AgentInput');
const AgentOut = z
  .object({
    id: z.string(),
    name: z.string(),
    team: z.string(),
    active: z.boolean(),
    email: z.string().nullable(),
  })
  .openapi('Agent');
const KeyOut = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    scoped: z
      .boolean()
      .openapi({ description: 'an integrator key limited to the cases its integration opened' }),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable().openapi({ description: 'last authenticated use (to within 10 s)' }),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiKey');
const NewKey = z
  .object({
    role: z.enum(ROLES),
    name: z
      .string()
      .regex(PERSON_NAME, 'letters, digits, . _ @ - (max 100)')
      .openapi({ description: 'the person or system holding the key; for an agent key, its agent id' }),
    expiresAt: z.iso
      .datetime({ offset: true })
      .optional()
      .refine((t) => t === undefined || Date.parse(t) > Date.now(), 'must be in the future'),
    scoped: z.boolean().optional().openapi({
      description:
        'integrator keys only; default true: a scoped key reaches only the cases opened with keys of the same integration name, and their customers',
    }),
  })
  .strict()
  .refine((k) => k.scoped === undefined || k.role === 'integrator', {
    message: 'only integrator keys are scoped',
    path: ['scoped'],
  })
  .openapi('ApiKeyInput', {
    // The same rule, for the document: `scoped` is given for integrator keys only.
    anyOf: [{ properties: { role: { const: 'integrator' } } }, { not: { required: ['scoped'] } }],
  });

function name(raw: string | undefined, what: string): string {
  const r = ResourceName.safeParse(raw);
  if (!r.success)
    throw problem.badRequest(`invalid ${what}: ${r.error.issues[0]?.message}`, [
      { path: what, in: 'path', message: 'invalid' },
    ]);
  return r.data;
}

export function directoryRoutes(db: Db): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/v1/teams',
      operationId: 'listTeams',
      summary: 'List teams',
      tags: ['directory'],
      roles: STAFF_READ,
      responses: { 200: { description: 'teams', schema: z.object({ items: z.array(TeamOut) }) } },
      handler: async ({ res }) => void res.json({ items: await listTeams(db) }),
    }),
    route({
      method: 'put',
      path: '/v1/teams/:name',
      operationId: 'putTeam',
      summary: 'Create or replace a team',
      description: 'A team handles the listed kinds of case at the levels between minLevel and maxLevel.',
      tags: ['directory'],
      roles: ADMIN,
      audit: { action: 'team.put', targetType: 'team', state: auditedState.team(db) },
      body: Team,
      responses: {
        200: { description: 'the team', schema: TeamOut },
        400: { description: 'invalid team' },
        422: { description: 'the lead is no agent of the directory' },
      },
      handler: async ({ res, params, body }) => {
        const t = body as z.infer<typeof Team>;
        try {
          res.json(await putTeam(db, { name: name(params.name, 'name'), ...t }));
        } catch (err) {
          if (err instanceof UnknownAgent) throw problem.unprocessable(err.message);
          throw err;
        }
      },
    }),
    route({
      method: 'get',
      path: '/v1/agents',
      operationId: 'listAgents',
      summary: 'List agents',
      tags: ['directory'],
      roles: STAFF_READ,
      query: z.object({ team: z.string().optional() }).strict(),
      responses: { 200: { description: 'agents', schema: z.object({ items: z.array(AgentOut) }) } },
      handler: async ({ res, query }) =>
        void res.json({ items: await listAgents(db, (query as { team?: string }).team) }),
    }),
    route({
      method: 'put',
      path: '/v1/agents/:id',
      operationId: 'putAgent',
      summary: 'Create or replace an agent',
      tags: ['directory'],
      roles: ADMIN,
      audit: { action: 'agent.put', targetType: 'agent', state: auditedState.agent(db) },
      body: Agent,
      responses: {
        200: { description: 'the agent', schema: AgentOut },
        400: { description: 'invalid agent or unknown team' },
      },
      handler: async ({ res, params, body }) => {
        const a = body as z.infer<typeof Agent>;
        try {
          res.json(await putAgent(db, { id: name(params.id, 'id'), ...a }));
        } catch (err) {
          if (err instanceof UnknownTeam)
            throw problem.badRequest(err.message, [{ path: 'team', in: 'body', message: 'unknown' }]);
          throw err;
        }
      },
    }),
    route({
      method: 'get',
      path: '/v1/api-keys',
      operationId: 'listApiKeys',
      summary: 'List API keys stored in the database (never the keys themselves)',
      tags: ['directory'],
      roles: ADMIN,
      responses: { 200: { description: 'keys', schema: z.object({ items: z.array(KeyOut) }) } },
      handler: async ({ res }) => void res.json({ items: await listApiKeys(db) }),
    }),
    route({
      method: 'post',
      path: '/v1/api-keys',
      operationId: 'createApiKey',
      summary: 'Create an API key; the key is shown in this answer only',
      tags: ['directory'],
      roles: ADMIN,
      audit: { action: 'api_key.created', targetType: 'api_key', state: auditedState.apiKey(db) },
      body: NewKey,
      responses: {
        201: { description: 'the new key', schema: KeyOut.extend({ key: z.string() }) },
        400: { description: 'invalid, or an agent key for no active agent' },
      },
      handler: async ({ res, body }) => {
        const b = body as z.infer<typeof NewKey>;
        try {
          const { key, record } = await createApiKey(db, {
            ...b,
            expiresAt: b.expiresAt ? new Date(b.expiresAt) : undefined,
          });
          res.status(201).json({ ...record, key });
        } catch (err) {
          if (err instanceof UnknownAgent)
            throw problem.badRequest(err.message, [{ path: 'name', in: 'body', message: 'unknown agent' }]);
          throw err;
        }
      },
    }),
    route({
      method: 'delete',
      path: '/v1/api-keys/:id',
      operationId: 'revokeApiKey',
      summary: 'Revoke an API key',
      tags: ['directory'],
      roles: ADMIN,
      audit: { action: 'api_key.revoked', targetType: 'api_key', state: auditedState.apiKey(db) },
      responses: { 204: { description: 'revoked' }, 404: { description: 'no such active key' } },
      handler: async ({ res, params }) => {
        if (!(await revokeApiKey(db, params.id!))) throw problem.notFound(`no active API key '${params.id}'`);
        res.status(204).end();
      },
    }),
  ];
}
