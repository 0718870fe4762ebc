/**
 * What the console needs beyond the contract, usable by integrators' own tools too: a browser
 * session (cookie) opened with an API key, who the caller is, a bulk reassign with a result per
 * case, and a stream of case changes (server-sent events).
 */
import type { Request, Response } from 'express';
import { nonBlank, z } from '../zod.js';
import type { Db } from '../../db/database.js';
import { findAgent } from '../../db/directory.js';
import { type KeyStore, type Principal } from '../auth.js';
import { actorOf, type Role } from '../../domain/people.js';
import { signIn } from '../audit.js';
import type { CaseFeed } from '../case-feed.js';
import { openEventStream } from '../event-stream.js';
import type { CaseService } from '../case-service.js';
import { dependencyProblem } from '../errors.js';
import { route, type RouteSpec } from '../http.js';
import { HttpProblem, problem } from '../problem.js';
import { CaseView } from '../schemas.js';
import { scopeOf } from '../scope.js';
import type { BrowserSessions } from '../sessions.js';

const EVERYONE: Role[] = ['integrator', 'agent', 'supervisor', 'admin'];
const FOLLOWERS: Role[] = ['integrator', 'agent', 'supervisor'];

const Me = z
  .object({
    role: z.enum(['integrator', 'agent', 'supervisor', 'admin']),
    name: z.string(),
    actor: z.string().openapi({ description: 'how timelines name the caller' }),
    agent: z.object({ id: z.string(), name: z.string(), team: z.string() }).nullable(),
  })
  .openapi('Session');

async function me(db: Db, p: Principal) {
  const agent = await findAgent(db, p.name);
  return {
    role: p.role,
    name: p.name,
    actor: actorOf(p),
    agent: agent ? { id: agent.id, name: agent.name, team: agent.team } : null,
  };
}

const ReassignBody = z
  .object({
    caseIds: z.array(z.string().min(1).max(100)).min(1).max(100),
    assignee: nonBlank(100),
  })
  .strict()
  .openapi('ReassignRequest');

const ReassignResult = z.object({
  id: z.string(),
  status: z.number().int().openapi({ description: 'the HTTP status this case alone would have got' }),
  case: CaseView.optional(),
  problem: z.object({ title: z.string(), detail: z.string() }).optional(),
});

const StreamQuery = z
  .object({
    cases: z
      .string()
      .min(1)
      .max(2000)
      .transform((v) => (v === 'all' ? 'all' : new Set(v.split(',').map((s) => s.trim()))))
      .openapi({ description: '`all`, or the ids of the cases to follow, comma-separated' }),
  })
  .strict();

/** One event of the stream, as an SSE client parses it (the schema applies per event). */
const ChangeEvent = z
  .object({
    event: z.enum(['case', 'resync']),
    data: z.string().openapi({
      description: 'JSON: `{id, seq, status, breached}` for `case`, `{}` for `resync`',
    }),
    id: z.string().optional(),
    retry: z.number().int().optional(),
  })
  .openapi('CaseChangeEvent');

export function consoleRoutes(deps: {
  db: Db;
  cases: CaseService;
  keys: KeyStore;
  sessions: BrowserSessions;
  feed: CaseFeed;
}): RouteSpec[] {
  const { db, cases, keys, sessions, feed } = deps;
  return [
    route({
      method: 'post',
      path: '/v1/session',
      operationId: 'createSession',
      summary: 'Sign in: exchange an API key for an HttpOnly session cookie',
      description:
        'The cookie (`case_console`, HttpOnly, SameSite=Strict, Secure when PUBLIC_URL is https, 12 hours) ' +
        'then authenticates requests that carry no Authorization header. The server keeps the hash of the ' +
        "session's token and the key's id, never the key; revoking the key ends its sessions.",
      tags: ['session'],
      roles: 'public',
      body: z.object({ apiKey: z.string().min(1).max(500) }).strict(),
      responses: {
        200: { description: 'signed in', schema: Me },
        401: { description: 'unknown or revoked key' },
      },
      handler: async ({ res, body, audit }) => {
        const principal = await keys.authenticate((body as { apiKey: string }).apiKey);
        if (!principal) {
          await audit(signIn('anonymous', 'session.sign_in_refused', 'console'));
          throw problem.unauthorized('unknown, revoked or expired API key');
        }
        await sessions.open(res, principal);
        await audit(signIn(actorOf(principal), 'session.signed_in', 'console'));
        res.json(await me(db, principal));
      },
    }),
    route({
      method: 'get',
      path: '/v1/session',
      operationId: 'getSession',
      summary: 'Who the caller is: role, name and agent record',
      tags: ['session'],
      roles: EVERYONE,
      responses: { 200: { description: 'the caller', schema: Me }, 401: { description: 'not signed in' } },
      handler: async ({ res, principal }) => void res.json(await me(db, principal)),
    }),
    route({
      method: 'delete',
      path: '/v1/session',
      operationId: 'deleteSession',
      summary: 'Sign out: end the session of the cookie sent',
      tags: ['session'],
      roles: EVERYONE,
      responses: { 204: { description: 'signed out' } },
      handler: async ({ req, res }) => {
        await sessions.close(req, res);
        res.status(204).end();
      },
    }),
    route({
      method: 'post',
      path: '/v1/cases/reassign',
      operationId: 'reassignCases',
      summary: 'Reassign several cases to one person, with a result per case',
      description:
        'Each case is assigned as by `POST /v1/cases/{id}/assign`; one failing (unknown, closed, already ' +
        "assigned to that person) does not stop the others. The answer is 200 with each case's own status.",
      tags: ['case actions'],
      roles: ['supervisor'],
      body: ReassignBody,
      responses: {
        200: {
          description: 'a result per case, in the order given',
          schema: z.object({ results: z.array(ReassignResult) }),
        },
        400: { description: 'invalid input' },
      },
      handler: async ({ res, body, principal }) => {
        const { caseIds, assignee } = body as z.infer<typeof ReassignBody>;
        const results = [];
        for (const id of [...new Set(caseIds)])
          results.push(await reassignOne(cases, id, assignee, principal));
        res.json({ results });
      },
    }),
    route({
      method: 'get',
      path: '/v1/case-changes',
      operationId: 'streamCaseChanges',
      summary: 'A stream of case changes (server-sent events)',
      description:
        'Each committed change of a followed case is an event `case` with `{id, seq, status, breached}`: ' +
        'read the case for the rest. A scoped integrator follows its own cases by id (`all` is refused, ' +
        'another id is 404). An event `resync` comes once changes flow (first thing on a new stream) and ' +
        'whenever changes may have been missed (connection to the database restored): reload what you ' +
        'show. A comment line every 15 s keeps proxies open.',
      tags: ['cases'],
      roles: FOLLOWERS,
      query: StreamQuery,
      responses: {
        200: { description: 'text/event-stream', schema: ChangeEvent, contentType: 'text/event-stream' },
        400: { description: 'no `cases` given' },
        403: { description: 'a scoped integrator asked for `all`' },
        404: { description: 'a case the caller may not see' },
      },
      handler: async ({ req, res, query, principal }) => {
        const follow = (query as z.infer<typeof StreamQuery>).cases;
        if (scopeOf(principal)) {
          if (follow === 'all') throw problem.forbidden('a scoped integrator key follows its cases by id');
          // 404 for any case outside the scope, as reading it would be.
          for (const id of follow) await cases.get(id, principal);
        }
        stream(req, res, feed, follow);
      },
    }),
  ];
}

async function reassignOne(cases: CaseService, id: string, assignee: string, principal: Principal) {
  try {
    const view = await cases.act(id, { action: 'assign', assignee }, principal);
    return { id, status: 200, case: view };
  } catch (err) {
    const p = err instanceof HttpProblem ? err : dependencyProblem(err);
    if (!p) throw err;
    return { id, status: p.status, problem: { title: p.title, detail: p.detail } };
  }
}

function stream(req: Request, res: Response, feed: CaseFeed, follow: 'all' | Set<string>): void {
  openEventStream(req, res, feed, (send) =>
    feed.subscribe(
      (c) => {
        if (follow === 'all' || follow.has(c.id)) send('case', c);
      },
      () => send('resync', {}),
    ),
  );
}
