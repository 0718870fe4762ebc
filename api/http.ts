/**
 * Routes are declared once — method, path, roles, zod schemas, handler — and that one declaration
 * mounts the Express handler and writes the OpenAPI entry, so the two cannot drift apart.
 */
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import type { ZodType } from 'zod';
import { z } from './zod.js';
import type { Principal } from './auth.js';
import {
  defaultTargetId,
  holdAnswer,
  requestFacts,
  withoutSecrets,
  type AuditRecorder,
  type AuditSpec,
} from './audit.js';
import type { AuditEntry } from '../db/audit-log.js';
import { actorOf, type Role } from '../domain/people.js';
import { HttpProblem, problem, type FieldError, type ParameterIn } from './problem.js';
import { unstorableText } from './text.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteContext<B, Q> {
  req: Request;
  res: Response;
  body: B;
  query: Q;
  params: Record<string, string>;
  principal: Principal;
  idempotencyKey?: string;
  /** Records an entry of the handler's own (e.g. a sign-in, whose actor the route learns itself). */
  audit: (entry: Omit<AuditEntry, 'address' | 'requestId'>) => Promise<void>;
}

export interface RouteSpec<B = unknown, Q = unknown> {
  method: Method;
  path: string;
  /**
   * The operation's stable name in the OpenAPI document (verb-noun camelCase: `openCase`), which
   * generated clients name their methods by: renaming one breaks every integrator's code.
   */
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** 'public' routes take no key. */
  roles: readonly Role[] | 'public';
  body?: ZodType<B>;
  query?: ZodType<Q>;
  /** Response schemas by status, for the document. */
  responses: Record<
    number,
    {
      description: string;
      schema?: ZodType;
      contentType?: string;
      /** Other representations of the same answer, by content type (e.g. text/csv). */
      alternatives?: Record<string, ZodType>;
    }
  >;
  idempotent?: boolean;
  /** What a successful call changes, for the audit log (api/audit.ts). */
  audit?: AuditSpec;
  handler: (ctx: RouteContext<B, Q>) => Promise<void> | void;
}

export const route = <B, Q>(spec: RouteSpec<B, Q>): RouteSpec<any, any> => spec as RouteSpec<any, any>;

/** Who may call a route: its declared roles, and admin, who may do everything. */
export function allowedRoles(spec: Pick<RouteSpec, 'roles'>): Role[] | 'public' {
  if (spec.roles === 'public') return 'public';
  return spec.roles.includes('admin') ? [...spec.roles] : [...spec.roles, 'admin'];
}

/** The line /docs shows under each operation: who may call it. */
export function rolesLine(spec: Pick<RouteSpec, 'roles'>): string {
  const roles = allowedRoles(spec);
  return roles === 'public'
    ? '**Roles:** public (no API key).'
    : `**Roles:** ${roles.join(', ')}${spec.roles.includes('admin') ? '' : ' (admin may do everything)'}.`;
}

/** Each issue named by its field; an unknown field is named itself, not its parent. */
export function fieldErrors(error: z.ZodError, where: ParameterIn = 'body'): FieldError[] {
  const name = (path: PropertyKey[]) => (path.length ? path.join('.') : `(${where})`);
  return error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ path: name([...i.path, k]), in: where, message: 'unknown field' }))
      : [{ path: name(i.path), in: where, message: i.message }],
  );
}

const WHERE: Record<ParameterIn, string> = {
  body: 'request body',
  query: 'query',
  path: 'path',
  header: 'headers',
};

function invalid(where: ParameterIn, errors: FieldError[]): HttpProblem {
  return problem.badRequest(
    `the ${WHERE[where]} is invalid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
    errors,
  );
}

function parse<T>(schema: ZodType<T> | undefined, value: unknown, where: ParameterIn): T {
  if (!schema) return undefined as T;
  const r = schema.safeParse(value);
  if (!r.success) throw invalid(where, fieldErrors(r.error, where));
  return r.data;
}

/** Text nothing downstream can store is refused here, for every route and field at once. */
function refuseUnstorable(req: Request): void {
  for (const [where, value] of [
    ['path', req.params],
    ['query', req.query],
    ['body', req.body],
  ] as const) {
    const errors = unstorableText(value, where);
    if (errors.length) throw invalid(where, errors);
  }
}

const hasBody = (req: Request) =>
  Number(req.get('Content-Length') ?? 0) > 0 || req.get('Transfer-Encoding') !== undefined;

export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export function mount(
  router: Router,
  specs: RouteSpec<any, any>[],
  authenticate: (req: Request) => Promise<Principal | undefined>,
  record: AuditRecorder = async () => {},
): void {
  for (const spec of specs) {
    const handler: RequestHandler = async (req: Request, res: Response, next: NextFunction) => {
      try {
        // Public routes act for nobody: the least-privileged role, never admin.
        let principal: Principal = { role: 'integrator', name: 'anonymous', keyId: 'anonymous' };
        if (spec.roles !== 'public') {
          const p = await authenticate(req);
          if (!p) throw problem.unauthorized('a valid API key is required: Authorization: Bearer <key>');
          const allowed = allowedRoles(spec) as Role[];
          if (!allowed.includes(p.role)) {
            throw problem.forbidden(
              `the '${p.role}' role may not ${spec.summary.toLowerCase()}; allowed: ${allowed.join(', ')}`,
            );
          }
          principal = p;
        }
        const idempotencyKey = req.get('Idempotency-Key') ?? undefined;
        if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
          throw problem.badRequest('Idempotency-Key must be 1 to 255 visible ASCII characters', [
            { path: 'Idempotency-Key', in: 'header', message: 'invalid' },
          ]);
        }
        if (spec.body && hasBody(req) && !req.is('application/json')) {
          throw new HttpProblem(
            415,
            'Unsupported Media Type',
            'send the request body as Content-Type: application/json',
          );
        }
        refuseUnstorable(req);
        const body = parse(spec.body, req.body ?? {}, 'body');
        const query = parse(spec.query, req.query, 'query');
        const params = req.params as Record<string, string>;
        const facts = requestFacts(req);
        const ctx: RouteContext<unknown, unknown> = {
          req,
          res,
          body,
          query,
          params,
          principal,
          idempotencyKey,
          audit: (entry) => record({ ...entry, ...facts }),
        };
        if (!spec.audit) {
          await spec.handler(ctx);
          return;
        }
        await audited(spec.audit, ctx, record, () => spec.handler(ctx));
      } catch (err) {
        next(err);
      }
    };
    router[spec.method](spec.path, handler);
  }
}

/** Runs an audited handler: the state before, the change, the state after, the entry, then the answer. */
async function audited(
  spec: AuditSpec,
  ctx: RouteContext<unknown, unknown>,
  record: AuditRecorder,
  run: () => Promise<void> | void,
): Promise<void> {
  const known = defaultTargetId({ params: ctx.params, body: ctx.body, answer: undefined });
  const before = spec.state && known !== undefined ? await spec.state(known) : undefined;
  const held = holdAnswer(ctx.res);
  try {
    await run();
  } catch (err) {
    held.release();
    throw err;
  }
  try {
    if (ctx.res.statusCode < 400) {
      const c = { params: ctx.params, body: ctx.body, answer: held.answer() };
      const targetId = (spec.targetId ?? defaultTargetId)(c) ?? null;
      // The change stands: an unreadable state after it leaves the entry without one, not the call.
      const after =
        spec.state && targetId !== null ? await spec.state(targetId).catch(() => undefined) : undefined;
      await ctx.audit({
        actor: actorOf(ctx.principal),
        action: spec.action,
        targetType: spec.targetType,
        targetId,
        ...(spec.state
          ? { before: withoutSecrets(before ?? null), after: withoutSecrets(after ?? null) }
          : {}),
        details: spec.details?.(c),
      });
    }
  } finally {
    held.release();
  }
}

export const openApiPath = (p: string) => p.replace(/:([A-Za-z]+)/g, '{$1}');
