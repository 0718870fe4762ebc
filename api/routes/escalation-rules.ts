/** Escalation rules: which team takes a raised level, and whom to tell (admin-editable). */
import type { Db } from '../../db/database.js';
import { UnknownTeam } from '../../db/directory.js';
import { findEscalationRule, listEscalationRules, putEscalationRule } from '../../db/escalation-rules.js';
import { CASE_TYPES } from '../../domain/case/contract.js';
import { PERSON_NAME, type Role } from '../../domain/people.js';
import { route, type RouteSpec } from '../http.js';
import { problem } from '../problem.js';
import { ResourceName } from '../schemas.js';
import { z } from '../zod.js';

const STAFF_READ: Role[] = ['agent', 'supervisor', 'admin'];
const Person = z.string().regex(PERSON_NAME, 'letters, digits, . _ @ - (max 100)');

const RuleInput = z
  .object({
    caseType: z.enum(CASE_TYPES).nullable().optional().openapi({
      description: 'the kind of case this rule is for; absent or null: any kind without a rule of its own',
    }),
    team: ResourceName.openapi({ description: 'the team that takes cases raised to this level' }),
    manager: Person.nullable().optional().openapi({
      description: 'the manager involved (a person, as in an actor `role:name`), told with the team; level 3',
    }),
    notify: z.array(Person).max(20).optional().openapi({ description: 'other people to tell' }),
  })
  .strict()
  .openapi('EscalationRuleInput');
const Rule = z
  .object({
    level: z.number().int(),
    caseType: z.enum(CASE_TYPES).nullable(),
    team: z.string(),
    manager: z.string().nullable(),
    notify: z.array(z.string()),
  })
  .openapi('EscalationRule');

const Level = z.coerce.number().int().min(2).max(3);

function levelOf(raw: string | undefined): number {
  const r = Level.safeParse(raw);
  if (!r.success)
    throw problem.badRequest('level must be 2 or 3 (a case starts at level 1 and escalates from there)', [
      { path: 'level', in: 'path', message: 'must be 2 or 3' },
    ]);
  return r.data;
}

/** `<level>:<case type or *>`: the audit log's target id of a rule. */
const ruleId = (level: string | undefined, caseType: unknown) => `${level}:${caseType ?? '*'}`;

export function escalationRuleRoutes(db: Db): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/v1/escalation-rules',
      operationId: 'listEscalationRules',
      summary: 'List escalation rules',
      description:
        'Which team takes a case raised to each level (per case type, or for any), and whom else to tell. Without a rule, a team whose level band and case types hold the level takes it.',
      tags: ['directory'],
      roles: STAFF_READ,
      responses: { 200: { description: 'the rules', schema: z.object({ items: z.array(Rule) }) } },
      handler: async ({ res }) => void res.json({ items: await listEscalationRules(db) }),
    }),
    route({
      method: 'put',
      path: '/v1/escalation-rules/:level',
      operationId: 'putEscalationRule',
      summary: 'Create or replace the escalation rule of a level (and case type)',
      tags: ['directory'],
      roles: ['admin'],
      audit: {
        action: 'escalation_rule.put',
        targetType: 'escalation_rule',
        targetId: (c) => ruleId(c.params.level, (c.body as { caseType?: string | null }).caseType),
        state: async (id) => {
          const [level, type] = id.split(':');
          return findEscalationRule(db, Number(level), type === '*' ? null : (type ?? null));
        },
      },
      body: RuleInput,
      responses: {
        200: { description: 'the rule', schema: Rule },
        400: { description: 'invalid rule or level' },
        422: { description: 'no team of that name' },
      },
      handler: async ({ res, params, body }) => {
        const b = body as z.infer<typeof RuleInput>;
        try {
          res.json(
            await putEscalationRule(db, {
              level: levelOf(params.level),
              caseType: b.caseType ?? null,
              team: b.team,
              manager: b.manager ?? null,
              notify: b.notify ?? [],
            }),
          );
        } catch (err) {
          if (err instanceof UnknownTeam)
            throw problem.unprocessable(err.message, [{ path: 'team', in: 'body', message: 'unknown team' }]);
          throw err;
        }
      },
    }),
  ];
}
