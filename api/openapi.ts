/** The OpenAPI 3.1 document, generated from the same route declarations that serve requests. */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from './zod.js';
import { allowedRoles, IDEMPOTENCY_KEY, openApiPath, rolesLine, type RouteSpec } from './http.js';
import { ResourceName, WebhookEvent } from './schemas.js';
import { WebhookPing } from './routes/webhooks.js';
import { documentStorableText } from './openapi-text.js';

const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z
      .array(
        z.object({
          path: z.string(),
          message: z.string(),
          in: z.enum(['body', 'query', 'path', 'header']).optional(),
        }),
      )
      .optional(),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details' });

/** A 409 says what in the case's state refused the action. */
const Conflict = Problem.extend({
  currentStatus: z.string().optional(),
  action: z.string().optional(),
  level: z.number().int().optional().openapi({ description: 'escalating at the highest level' }),
  assignee: z.string().optional().openapi({ description: 'assigning to the current assignee' }),
  priority: z.string().optional().openapi({ description: 'changing to the current priority' }),
}).openapi('Conflict', { description: 'RFC 9457 problem details for a refusal by the case state' });

/** What any route may answer besides its own responses: auth, rate limits, dependencies down. */
function commonResponses(spec: RouteSpec): RouteSpec['responses'] {
  const common: RouteSpec['responses'] = {
    // Every route checks its path, query, headers and body before anything else.
    400: { description: 'malformed or invalid input; `errors` names each field, and where it is' },
    429: { description: 'rate limited; see Retry-After and RateLimit headers' },
    503: {
      description: 'a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds',
    },
  };
  if (spec.idempotent) {
    common[422] = { description: 'this Idempotency-Key was already used with a different request' };
  }
  if (spec.roles !== 'public') {
    common[401] = { description: 'no or unknown API key' };
    common[403] = { description: "the key's role may not do this" };
  }
  return common;
}

export function buildOpenApi(specs: RouteSpec[]) {
  const registry = new OpenAPIRegistry();
  registry.register('Problem', Problem);
  registry.register('Conflict', Conflict);
  registry.registerComponent('securitySchemes', 'apiKey', { type: 'http', scheme: 'bearer' });
  for (const spec of specs) {
    const params = [...spec.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
    const idem = spec.idempotent
      ? {
          headers: z.object({
            'Idempotency-Key': z
              .string()
              .regex(IDEMPOTENCY_KEY)
              .optional()
              .openapi({ description: 'repeat a request safely: the same key answers the stored outcome' }),
          }),
        }
      : {};
    // Resources named in the path (teams, policies, calendars) share one name rule; ids are opaque.
    const param = (p: string) => (p === 'name' ? ResourceName : z.string());
    registry.registerPath({
      method: spec.method,
      path: openApiPath(spec.path),
      operationId: spec.operationId,
      summary: spec.summary,
      // Swagger UI shows the description, not x-roles: say there who may call it.
      description: [spec.description, rolesLine(spec)].filter(Boolean).join('\n\n'),
      tags: spec.tags,
      security: spec.roles === 'public' ? [] : [{ apiKey: [] }],
      ...(spec.roles !== 'public' ? { 'x-roles': allowedRoles(spec) } : {}),
      request: {
        ...(params.length ? { params: z.object(Object.fromEntries(params.map((p) => [p, param(p)]))) } : {}),
        ...(spec.query ? { query: spec.query as any } : {}),
        ...(spec.body
          ? {
              body: {
                content: { 'application/json': { schema: spec.body } },
                // A body every field of which is optional may be left out.
                required: !spec.body.safeParse({}).success,
              },
            }
          : {}),
        ...idem,
      },
      responses: Object.fromEntries(
        Object.entries({ ...commonResponses(spec), ...spec.responses }).map(([status, r]) => [
          status,
          {
            description: r.description,
            ...(r.schema
              ? {
                  content: {
                    [r.contentType ?? 'application/json']: { schema: r.schema },
                    ...Object.fromEntries(
                      Object.entries(r.alternatives ?? {}).map(([type, schema]) => [type, { schema }]),
                    ),
                  },
                }
              : Number(status) >= 400
                ? {
                    content: {
                      'application/problem+json': { schema: Number(status) === 409 ? Conflict : Problem },
                    },
                  }
                : {}),
          },
        ]),
      ),
    });
  }
  registry.registerWebhook({
    method: 'post',
    path: 'caseEvent',
    summary: 'A case event, POSTed to each subscribed URL',
    description:
      'Signed twice: Standard Webhooks (`webhook-id` repeats `id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256 of "webhook-id.webhook-timestamp.body">`, keyed with the base64-decoded part of the `whsec_` secret) and `X-Signature: t=<unix>,v1=<HMAC-SHA256 of "t.body" in hex>`; `X-Event-Id` repeats `id`. Answer 2xx; anything else (a redirect too) is retried with backoff.',
    request: { body: { content: { 'application/json': { schema: WebhookEvent } } } },
    responses: { 200: { description: 'received (any 2xx)' } },
  });
  registry.registerWebhook({
    method: 'post',
    path: 'webhookPing',
    summary: 'The test event `POST /v1/webhooks/{id}/ping` sends, signed like every event',
    request: { body: { content: { 'application/json': { schema: WebhookPing } } } },
    responses: { 200: { description: 'received (any 2xx)' } },
  });
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Case management API',
      version: '1.0.0',
      description:
        'Customer-service cases as durable Temporal workflows. Errors are application/problem+json (RFC 9457). Every state-changing POST answers with the case after the change.',
    },
    servers: [{ url: '/' }],
  });
  return documentStorableText(document);
}
