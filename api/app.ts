/** The HTTP API: Express with auth, validation, problem+json, rate limits and the OpenAPI document. */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { createRequire } from 'node:module';
import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import type { PersonalData } from '../db/personal-data.js';
import type { Db } from '../db/database.js';
import { KeyStore, type Principal } from './auth.js';
import { actorOf } from '../domain/people.js';
import { SharedRateLimiter } from './rate-limit.js';
import { bearerToken, rateGate } from './rate-gate.js';
import { CaseFeed } from './case-feed.js';
import { consoleRoutes } from './routes/console.js';
import { serveConsole } from './console-static.js';
import { BrowserSessions, CODEC_SESSIONS, CONSOLE_SESSIONS } from './sessions.js';
import { SlaCatalog } from './sla-catalog.js';
import { CaseService } from './case-service.js';
import { dependencyProblem } from './errors.js';
import { mount, route, type RouteSpec } from './http.js';
import { buildOpenApi } from './openapi.js';
import { HttpProblem, problem, sendProblem } from './problem.js';
import { caseRoutes } from './routes/cases.js';
import { IncidentService } from './incident-service.js';
import { incidentRoutes } from './routes/incidents.js';
import { customerRoutes } from './routes/customers.js';
import { reportRoutes } from './routes/reports.js';
import { directoryRoutes } from './routes/directory.js';
import { escalationRuleRoutes } from './routes/escalation-rules.js';
import { codecAccessRoute, codecCors, privacyRoutes } from './routes/privacy.js';
import { slaRoutes } from './routes/sla.js';
import { webhookRoutes } from './routes/webhooks.js';
import { customerLinkRoutes } from './routes/customer-links.js';
import { customerPages, type MailboxReader } from './customer-page.js';
import { auditRecorder } from './audit.js';
import { auditLogRoutes } from './routes/audit-log.js';
import { notificationRoutes } from './routes/notifications.js';
import type { CustomerLinks } from '../platform/customer-links.js';
import type { Locale } from '../domain/notifications/customer-messages.js';
import { z } from './zod.js';
import { metrics } from '../platform/metrics.js';
import type { WebhookTargets } from '../platform/webhook-targets.js';

/** What the API needs, grouped by the feature that needs it. */
export interface AppDeps {
  db: Db;
  logger: Logger;
  /** Checks each dependency; throws when one is down. */
  readiness: () => Promise<Record<string, 'ok' | string>>;
  temporal: {
    client: Client;
    taskQueue: string;
    /** How long an action waits for its Workflow Update. */
    updateTimeoutMs: number;
    /** The embedded Temporal Web UI, when this process started it. */
    uiUrl?: string;
  };
  cases: {
    /** An approval must come from someone other than the resolver. */
    fourEyes: boolean;
  };
  /** The console's live updates: the database to LISTEN on for case changes; none: no live updates. */
  console: { databaseUrl?: string };
  security: {
    keys: KeyStore;
    personalData: PersonalData;
    /** The codec endpoint (Temporal Web UI): the payload codec and the origins that may call it. */
    codec: PayloadCodec;
    codecCorsOrigins: string[];
    /** PUBLIC_URL: https makes the session cookies Secure. */
    publicUrl?: string;
    rateLimits: {
      perKeyPerMinute: number;
      /** Requests without a key this instance knows, per client address. */
      perAddressPerMinute: number;
      refusalDelayMs: number;
      syncMs: number;
    };
  };
  webhooks: {
    /** Wakes webhook delivery workflows (a redelivery, a resumed subscription). */
    wakeDeliveries: (subscriptionIds: string[]) => Promise<void>;
    targets: WebhookTargets;
  };
  mail?: {
    /** Signs and checks customers' case page links; without it there is no customer page. */
    customerLinks?: CustomerLinks;
    /** The built-in mail capture, shown at /dev/mailbox (developer machines only). */
    devMailbox?: MailboxReader;
    /** The customer page's language when the customer has none, and its time zone. */
    locale?: { defaultLocale: Locale; timeZone: string };
  };
}

declare module 'express-serve-static-core' {
  interface Request {
    id: string;
    principal?: Principal;
  }
}

export function createApp(deps: AppDeps) {
  const { db, logger, temporal, security, webhooks, mail } = deps;
  const { keys, rateLimits } = security;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const catalog = new SlaCatalog(db);
  const cases = new CaseService({
    client: temporal.client,
    db,
    taskQueue: temporal.taskQueue,
    updateTimeoutMs: temporal.updateTimeoutMs,
    fourEyes: deps.cases.fourEyes,
    personalData: security.personalData,
    catalog,
  });

  const secureCookie = security.publicUrl?.startsWith('https:') ?? false;
  const codecSessions = new BrowserSessions(db, keys, CODEC_SESSIONS, secureCookie);
  const consoleSessions = new BrowserSessions(db, keys, CONSOLE_SESSIONS, secureCookie);
  const feed = new CaseFeed(deps.console.databaseUrl, logger);
  const limiter = new SharedRateLimiter(db, logger, 60_000, rateLimits.syncMs);
  limiter.start();
  app.use(
    rateGate({
      limiter,
      keys,
      consoleSession: (req) => consoleSessions.known(req),
      logger,
      taskQueue: temporal.taskQueue,
      perKeyPerMinute: rateLimits.perKeyPerMinute,
      perAddressPerMinute: rateLimits.perAddressPerMinute,
      refusalDelayMs: rateLimits.refusalDelayMs,
    }),
  );
  app.use((req, res, next) => {
    const given = req.get('X-Request-Id');
    req.id = given && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    next();
  });
  app.use((req, res, next) => {
    const stop = metrics.httpDuration.startTimer();
    res.once('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      stop({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  });
  app.use(
    pinoHttp({
      logger,
      genReqId: (req) => (req as Request).id,
      // Called again when the response ends, by which time the request has a principal.
      customProps: (req) => {
        const r = req as Request;
        const m = /^\/v1\/cases\/([^/?]+)/.exec(r.path ?? '');
        return {
          ...(m ? { caseId: m[1], workflowId: `case:${m[1]}` } : {}),
          ...(r.principal ? { actor: actorOf(r.principal) } : {}),
        };
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
      // One short line per request: what was asked and how it ended, not every header.
      serializers: {
        req: (req: {
          id: string;
          method: string;
          url: string;
          remoteAddress?: string;
          headers: Record<string, unknown>;
        }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
          remoteAddress: req.remoteAddress,
          userAgent: req.headers['user-agent'],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use('/codec', codecCors(security.codecCorsOrigins));
  const customerLinks = mail?.customerLinks;
  if (customerLinks) {
    app.use(
      customerPages({
        db,
        cases,
        links: customerLinks,
        logger,
        defaultLocale: mail?.locale?.defaultLocale ?? 'zh-CN',
        timeZone: mail?.locale?.timeZone ?? 'Asia/Shanghai',
        mailbox: mail?.devMailbox,
      }),
    );
  }
  app.use(express.json({ limit: '1mb' }));

  const authenticate = async (req: Request): Promise<Principal | undefined> => {
    const token = bearerToken(req);
    // The Web UI cannot send our Bearer header to the codec endpoint: it sends its session cookie;
    // the console signs in once and then sends its own.
    const p = token
      ? ((await keys.authenticate(token)) ?? undefined)
      : await (req.path.startsWith('/codec/') ? codecSessions : consoleSessions).fromRequest(req);
    req.principal = p;
    return p;
  };

  const incidents = new IncidentService({
    client: temporal.client,
    db,
    taskQueue: temporal.taskQueue,
    updateTimeoutMs: temporal.updateTimeoutMs,
    cases,
    fourEyes: deps.cases.fourEyes,
  });
  const specs: RouteSpec[] = [
    ...caseRoutes(cases, db, incidents),
    ...incidentRoutes(incidents, db),
    ...slaRoutes(db, cases, catalog),
    ...customerRoutes(db),
    ...reportRoutes(db),
    ...consoleRoutes({ db, cases, keys, sessions: consoleSessions, feed }),
  ];
  specs.push(
    ...directoryRoutes(db),
    ...notificationRoutes(db, feed, mail?.locale?.timeZone ?? 'Asia/Shanghai'),
    ...escalationRuleRoutes(db),
    ...auditLogRoutes(db),
    ...webhookRoutes(db, webhooks.wakeDeliveries, webhooks.targets),
    ...privacyRoutes({
      db,
      personalData: security.personalData,
      codec: security.codec,
      keys,
      sessions: codecSessions,
      temporalUiUrl: temporal.uiUrl,
    }),
    codecAccessRoute(db),
    ...(customerLinks ? customerLinkRoutes(db, cases, customerLinks) : []),
  );
  const system: RouteSpec[] = [
    route({
      method: 'get',
      path: '/healthz',
      operationId: 'getLiveness',
      summary: 'Liveness',
      tags: ['system'],
      roles: 'public',
      responses: {
        200: { description: 'the process is alive', schema: z.object({ status: z.literal('ok') }) },
      },
      handler: ({ res }) => void res.json({ status: 'ok' }),
    }),
    route({
      method: 'get',
      path: '/readyz',
      operationId: 'getReadiness',
      summary: 'Readiness: Temporal and the database answer',
      tags: ['system'],
      roles: 'public',
      responses: {
        200: {
          description: 'ready',
          schema: z.object({ status: z.string(), checks: z.record(z.string(), z.string()) }),
        },
        503: { description: 'a dependency is down' },
      },
      handler: async ({ res }) => {
        const checks = await deps.readiness();
        const ok = Object.values(checks).every((v) => v === 'ok');
        if (!ok) res.setHeader('Retry-After', '5');
        res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', checks });
      },
    }),
  ];
  const allSpecs = [...specs, ...system];
  const docSpec = route({
    method: 'get',
    path: '/openapi.json',
    operationId: 'getOpenApiDocument',
    summary: 'This OpenAPI 3.1 document',
    tags: ['system'],
    roles: 'public',
    responses: { 200: { description: 'the document' } },
    handler: ({ res }) => void res.json(document),
  });
  const allRoutes = [...allSpecs, docSpec];
  const document = buildOpenApi(allRoutes);

  // The methods a path takes, from the most specific routes matching it: /v1/cases/reassign is
  // its own route (POST), not a case id for GET /v1/cases/:id.
  const routeMatchers = allRoutes.map((r) => ({
    method: r.method.toUpperCase(),
    params: (r.path.match(/:[A-Za-z]+/g) ?? []).length,
    re: new RegExp(`^${r.path.replace(/:[A-Za-z]+/g, '[^/]+')}/?$`),
  }));
  const allowedOn = (path: string) => {
    const matching = routeMatchers.filter((m) => m.re.test(path));
    const fewest = Math.min(...matching.map((m) => m.params));
    return [...new Set(matching.filter((m) => m.params === fewest).map((m) => m.method))];
  };
  // OPTIONS says what a path takes (Express's own answer would mix in less specific routes).
  app.use((req, res, next) => {
    if (req.method !== 'OPTIONS') return next();
    const allowed = allowedOn(req.path);
    if (allowed.length === 0) return next();
    res.setHeader('Allow', allowed.join(', '));
    res.status(204).end();
  });

  const router = express.Router();
  mount(router, allRoutes, authenticate, auditRecorder(deps.db, deps.logger));
  app.use(router);

  // Interactive docs: Swagger UI's static files, pointed at /openapi.json.
  const swaggerDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  app.get('/docs', (_req, res) => {
    res.type('html').send(`<!doctype html><html><head><title>Case API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui' });</script></body></html>`);
  });
  app.use('/docs/assets', express.static(swaggerDir, { index: false }));
  serveConsole(app);

  // A known path with another method is a 405 that says which methods it takes.
  app.use((req, res, next) => {
    const allowed = allowedOn(req.path);
    if (allowed.length === 0) return next(problem.notFound(`no route ${req.method} ${req.path}`));
    res.setHeader('Allow', allowed.join(', '));
    next(
      new HttpProblem(
        405,
        'Method Not Allowed',
        `${req.method} is not allowed on ${req.path}; use ${allowed.join(', ')}`,
      ),
    );
  });
  // Express needs all four parameters to see an error handler.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    let p: HttpProblem;
    if (err instanceof HttpProblem) p = err;
    else if ((err as { type?: string }).type === 'entity.parse.failed') {
      p = problem.badRequest(`malformed JSON: ${(err as Error).message}`, [
        { path: '(body)', message: 'malformed JSON' },
      ]);
    } else if (err instanceof URIError) {
      // The router could not percent-decode a path parameter (e.g. /v1/cases/%ff%fe).
      p = problem.badRequest(`the path is not valid percent-encoded UTF-8: ${req.path}`, [
        { path: req.path, in: 'path', message: 'invalid percent-encoding' },
      ]);
    } else if ((err as { type?: string }).type === 'entity.too.large') {
      p = new HttpProblem(413, 'Payload Too Large', 'the request body is larger than 1 MB');
    } else {
      const dep = dependencyProblem(err);
      if (dep) {
        req.log?.warn({ err }, 'dependency unavailable');
        p = dep;
      } else {
        req.log?.error({ err }, 'unexpected error');
        p = new HttpProblem(
          500,
          'Internal Server Error',
          `an unexpected error occurred; quote request id ${req.id}`,
        );
      }
    }
    sendProblem(res, p, req.originalUrl);
  });
  return { app, document, specs: allRoutes, feed };
}
