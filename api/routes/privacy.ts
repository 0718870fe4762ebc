/**
 * Personal data: erasure on request, and the payload codec endpoint the Temporal Web UI calls to
 * show authorised staff what the encrypted (and sealed) workflow payloads say.
 */
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { Request, RequestHandler } from 'express';
import type { Db } from '../../db/database.js';
import type { PersonalData } from '../../db/personal-data.js';
import { listCodecAccess, recordCodecAccess } from '../../db/codec-access.js';
import { customerExists } from '../../db/customers.js';
import { type KeyStore, type Principal } from '../auth.js';
import { actorOf, type Role } from '../../domain/people.js';
import { signIn } from '../audit.js';
import { sealedCaseIds } from '../../db/personal-data.js';
import { route, type RouteSpec } from '../http.js';
import type { BrowserSessions } from '../sessions.js';
import { problem } from '../problem.js';
import { z } from '../zod.js';

const CODEC_ROLES: Role[] = ['supervisor', 'admin'];
const WirePayloads = z
  .object({
    payloads: z.array(
      z
        .object({ metadata: z.record(z.string(), z.string()).optional(), data: z.string().optional() })
        .strict(),
    ),
  })
  .strict()
  .openapi('CodecPayloads', { description: 'Temporal payloads as JSON, bytes in base64' });

const dec = new TextDecoder();
const fromWire = (p: { metadata?: Record<string, string>; data?: string }): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]),
  ),
  data: Buffer.from(p.data ?? '', 'base64'),
});
const toWire = (p: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

/** CORS for the Temporal UI's origin, credentials included (the session cookie). */
export function codecCors(origins: string[]): RequestHandler {
  return (req, res, next) => {
    const origin = req.get('Origin');
    if (origin && origins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Namespace');
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') return void res.status(204).end();
    next();
  };
}

export function privacyRoutes(deps: {
  db: Db;
  personalData: PersonalData;
  codec: PayloadCodec;
  keys: KeyStore;
  sessions: BrowserSessions;
  /** The embedded Web UI's URL: the sign-in page links to it under its own host name. */
  temporalUiUrl?: string;
}): RouteSpec[] {
  const { db, personalData, codec, keys, sessions } = deps;
  const loginPage = codecLoginPage(deps.temporalUiUrl ? new URL(deps.temporalUiUrl).port : undefined);
  return [
    route({
      method: 'delete',
      path: '/v1/customers/:id/personal-data',
      operationId: 'eraseCustomerPersonalData',
      summary: "Erase a customer's personal data",
      description:
        "Destroys the data keys of the customer's cases (their personal data in Temporal's history becomes unreadable) and scrubs the read model. Cases, events, times and ratings stay, so reports keep working.",
      tags: ['customers'],
      roles: ['admin'],
      audit: {
        action: 'customer.erased',
        targetType: 'customer',
        details: ({ answer }) => ({ cases: (answer as { cases?: number } | undefined)?.cases }),
      },
      responses: {
        200: {
          description: 'erased',
          schema: z.object({ customerId: z.string(), cases: z.number(), erasedAt: z.string() }),
        },
        404: { description: 'unknown customer' },
      },
      handler: async ({ res, params }) => {
        if (!(await customerExists(db, params.id!)))
          throw problem.notFound(`no customer with id '${params.id}'`);
        const cases = await personalData.eraseCustomer(params.id!);
        res.json({ customerId: params.id, cases, erasedAt: new Date().toISOString() });
      },
    }),
    route({
      method: 'post',
      path: '/codec/decode',
      operationId: 'decodePayloads',
      summary: 'Decode Temporal payloads for the Web UI (payload codec server)',
      tags: ['codec'],
      roles: CODEC_ROLES,
      audit: {
        action: 'codec.decoded',
        targetType: 'payloads',
        targetId: () => undefined,
        details: ({ body }) => ({ payloads: (body as z.infer<typeof WirePayloads>).payloads.length }),
      },
      body: WirePayloads,
      responses: { 200: { description: 'decoded payloads, personal data revealed', schema: WirePayloads } },
      handler: async ({ req, res, body, principal }) => {
        const decoded = await codec.decode((body as z.infer<typeof WirePayloads>).payloads.map(fromWire));
        // Recorded before anything is revealed: no decode goes unaudited.
        await recordAccess(db, req, principal, decoded);
        const revealed = await Promise.all(decoded.map((p) => revealJson(p, personalData)));
        res.json({ payloads: revealed.map(toWire) });
      },
    }),
    route({
      method: 'post',
      path: '/codec/encode',
      operationId: 'encodePayloads',
      summary: 'Encode Temporal payloads for the Web UI (payload codec server)',
      tags: ['codec'],
      roles: CODEC_ROLES,
      body: WirePayloads,
      responses: { 200: { description: 'encoded payloads', schema: WirePayloads } },
      handler: async ({ res, body }) => {
        const encoded = await codec.encode((body as z.infer<typeof WirePayloads>).payloads.map(fromWire));
        res.json({ payloads: encoded.map(toWire) });
      },
    }),
    route({
      method: 'get',
      path: '/codec/login',
      operationId: 'getCodecLoginPage',
      summary: 'A page where a supervisor opens a codec session for the Temporal Web UI in this browser',
      tags: ['codec'],
      roles: 'public',
      responses: { 200: { description: 'an HTML form', schema: z.string(), contentType: 'text/html' } },
      handler: ({ res }) => {
        res.type('html').send(loginPage);
      },
    }),
    route({
      method: 'post',
      path: '/codec/session',
      operationId: 'openCodecSession',
      summary: 'Open a Web UI codec session with a supervisor or admin key (sets an HttpOnly cookie)',
      tags: ['codec'],
      roles: 'public',
      body: z.object({ key: z.string().min(1) }).strict(),
      responses: {
        204: { description: 'session cookie set' },
        401: { description: 'unknown key' },
        403: { description: 'the key is not a supervisor or admin key' },
      },
      handler: async ({ res, body, audit }) => {
        const p = await keys.authenticate((body as { key: string }).key);
        if (!p || !CODEC_ROLES.includes(p.role)) {
          await audit(signIn(p ? actorOf(p) : 'anonymous', 'session.sign_in_refused', 'codec'));
          if (!p) throw problem.unauthorized('unknown key');
          throw problem.forbidden('only supervisor and admin keys may decode payloads');
        }
        await sessions.open(res, p);
        await audit(signIn(actorOf(p), 'session.signed_in', 'codec'));
        res.status(204).end();
      },
    }),
  ];
}

const CodecAccess = z
  .object({
    at: z.string(),
    actor: z.string().openapi({ description: 'who decoded, as role:name' }),
    keyId: z.string(),
    via: z.enum(['session', 'key']).openapi({ description: 'Web UI session cookie or Bearer key' }),
    workflowIds: z.array(z.string()),
    caseIds: z.array(z.string()).openapi({ description: 'cases whose personal data the payloads held' }),
    payloads: z.number().int(),
  })
  .openapi('CodecAccess');

/** Admins see who decoded whose data: newest first. */
export function codecAccessRoute(db: Db): RouteSpec {
  return route({
    method: 'get',
    path: '/v1/codec-access',
    operationId: 'listCodecAccess',
    summary: 'List payload decodes (who decoded which workflow or case, when)',
    tags: ['codec'],
    roles: ['admin'],
    query: z
      .object({
        caseId: z.string().min(1).optional(),
        actor: z.string().min(1).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      })
      .strict(),
    responses: {
      200: { description: 'decodes, newest first', schema: z.object({ items: z.array(CodecAccess) }) },
    },
    handler: async ({ res, query }) => {
      const q = query as { caseId?: string; actor?: string; limit: number };
      const rows = await listCodecAccess(db, q);
      res.json({
        items: rows.map((r) => ({
          at: new Date(r.at).toISOString(),
          actor: r.actor,
          keyId: r.key_id,
          via: r.via,
          workflowIds: r.workflow_ids,
          caseIds: r.case_ids,
          payloads: r.payloads,
        })),
      });
    },
  });
}

/** Which cases and workflows the decoded payloads concern: sealed data names its case. */
async function recordAccess(db: Db, req: Request, principal: Principal, decoded: Payload[]): Promise<void> {
  const caseIds = new Set<string>();
  const workflowIds = new Set<string>();
  for (const p of decoded) {
    const encoding = p.metadata?.encoding ? dec.decode(p.metadata.encoding) : '';
    if (encoding !== 'json/plain' || !p.data) continue;
    let value: unknown;
    try {
      value = JSON.parse(dec.decode(p.data));
    } catch {
      continue;
    }
    for (const id of sealedCaseIds(value)) caseIds.add(id);
    collectIds(value, caseIds, workflowIds, 0);
  }
  for (const id of caseIds) workflowIds.add(`case:${id}`);
  const header = req.get('X-Workflow-Id');
  if (header) workflowIds.add(header.slice(0, 200));
  await recordCodecAccess(db, {
    actor: actorOf(principal),
    keyId: principal.keyId,
    via: /^Bearer\s/i.test(req.get('Authorization') ?? '') ? 'key' : 'session',
    workflowIds: [...workflowIds],
    caseIds: [...caseIds],
    payloads: decoded.length,
  });
}

/** Case and workflow ids named in a payload (caseId fields, case:<id> workflow ids). */
function collectIds(v: unknown, cases: Set<string>, workflows: Set<string>, depth: number): void {
  if (depth > 6 || !v || typeof v !== 'object') return;
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'string') {
      if (k === 'caseId' && x.length <= 100) cases.add(x);
      if (/^case:[0-9a-z]{1,100}$/.test(x)) workflows.add(x);
    } else collectIds(x, cases, workflows, depth + 1);
  }
}

/** JSON payloads may carry sealed personal data: reveal it for the authorised viewer. */
async function revealJson(p: Payload, personalData: PersonalData): Promise<Payload> {
  const encoding = p.metadata?.encoding ? dec.decode(p.metadata.encoding) : '';
  if (encoding !== 'json/plain' || !p.data) return p;
  const value = await personalData.reveal(JSON.parse(dec.decode(p.data)));
  return { ...p, data: Buffer.from(JSON.stringify(value)) };
}

/**
 * The session cookie belongs to the host name this page is opened under (localhost or 127.0.0.1),
 * and the browser sends it only to that host, from pages of the same site: so the page names the
 * codec endpoint and links to the Web UI under its own host name, whichever one the user chose.
 */
function codecLoginPage(uiPort: string | undefined): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Codec session</title></head>
<body style="font-family: sans-serif; max-width: 44em; margin: 3em auto">
<h1>Decode case payloads in the Temporal Web UI</h1>
<p>Paste a supervisor or admin API key. This browser then holds an 8-hour session cookie for
<b id="host"></b>, which the Web UI sends to this codec endpoint when it is opened under the same
host name.</p>
<form id="f"><label>API key <input id="k" type="password" size="50" autocomplete="off"></label>
<button>Open session</button></form><p id="out" role="status"></p>
<p>Then, in the Web UI${uiPort ? ' (<a id="ui">open it</a>)' : ''}: Codec Server (the glasses icon) →
<i>Use my browser setting</i>, endpoint <code id="endpoint"></code>, switch on
<i>Include cross-origin credentials</i>, Apply.</p>
<script>
document.getElementById('host').textContent = location.host;
document.getElementById('endpoint').textContent = location.origin + '/codec';
const ui = document.getElementById('ui');
if (ui) ui.href = location.protocol + '//' + location.hostname + ':${uiPort ?? ''}';
document.getElementById('f').onsubmit = async (e) => {
  e.preventDefault();
  const r = await fetch('/codec/session', { method: 'POST', credentials: 'include',
    headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ key: document.getElementById('k').value }) });
  document.getElementById('out').textContent = r.ok ? 'Session open: reload the Temporal Web UI.' : (await r.json()).detail;
};
</script></body></html>`;
}
