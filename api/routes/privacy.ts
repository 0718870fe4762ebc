/**
 * Personal data: erasure on request, and the payload codec endpoint the Temporal Web UI calls to
 * show authorised staff what the encrypted (and sealed) workflow payloads say.
 */
import { randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { Request, RequestHandler } from 'express';
import type { Db } from '../../db/database.js';
import type { PersonalData } from '../../db/personal-data.js';
import type { KeyStore, Principal, Role } from '../auth.js';
import { route, type RouteSpec } from '../http.js';
import { problem } from '../problem.js';
import { z } from '../zod.js';

const CODEC_ROLES: Role[] = ['supervisor', 'admin'];
const WirePayloads = z
  .object({
    payloads: z.array(
      z.object({ metadata: z.record(z.string(), z.string()).optional(), data: z.string().optional() }),
    ),
  })
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

/** Browser sessions for the Web UI, which cannot send our Bearer header: in memory, 8 hours. */
export class CodecSessions {
  private readonly sessions = new Map<string, { principal: Principal; until: number }>();
  static readonly COOKIE = 'codec_session';

  create(principal: Principal): string {
    const token = randomBytes(24).toString('base64url');
    this.sessions.set(token, { principal, until: Date.now() + 8 * 3600_000 });
    return token;
  }

  fromRequest(req: Request): Principal | undefined {
    const cookie = (req.get('Cookie') ?? '').split(';').map((c) => c.trim().split('='));
    const token = cookie.find(([k]) => k === CodecSessions.COOKIE)?.[1];
    const s = token ? this.sessions.get(token) : undefined;
    return s && s.until > Date.now() ? s.principal : undefined;
  }
}

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
  sessions: CodecSessions;
}): RouteSpec[] {
  const { db, personalData, codec, keys, sessions } = deps;
  return [
    route({
      method: 'delete',
      path: '/v1/customers/:id/personal-data',
      summary: "Erase a customer's personal data",
      description:
        "Destroys the data keys of the customer's cases (their personal data in Temporal's history becomes unreadable) and scrubs the read model. Cases, events, times and ratings stay, so reports keep working.",
      tags: ['customers'],
      roles: ['admin'],
      responses: {
        200: {
          description: 'erased',
          schema: z.object({ customerId: z.string(), cases: z.number(), erasedAt: z.string() }),
        },
        404: { description: 'unknown customer' },
      },
      handler: async ({ res, params }) => {
        const known = await db
          .selectFrom('customers')
          .select('id')
          .where('id', '=', params.id!)
          .executeTakeFirst();
        if (!known) throw problem.notFound(`no customer with id '${params.id}'`);
        const cases = await personalData.eraseCustomer(params.id!);
        res.json({ customerId: params.id, cases, erasedAt: new Date().toISOString() });
      },
    }),
    route({
      method: 'post',
      path: '/codec/decode',
      summary: 'Decode Temporal payloads for the Web UI (payload codec server)',
      tags: ['codec'],
      roles: CODEC_ROLES,
      body: WirePayloads,
      responses: { 200: { description: 'decoded payloads, personal data revealed', schema: WirePayloads } },
      handler: async ({ res, body }) => {
        const decoded = await codec.decode((body as z.infer<typeof WirePayloads>).payloads.map(fromWire));
        const revealed = await Promise.all(decoded.map((p) => revealJson(p, personalData)));
        res.json({ payloads: revealed.map(toWire) });
      },
    }),
    route({
      method: 'post',
      path: '/codec/encode',
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
      summary: 'A page where a supervisor opens a codec session for the Temporal Web UI in this browser',
      tags: ['codec'],
      roles: 'public',
      responses: { 200: { description: 'an HTML form', schema: z.string(), contentType: 'text/html' } },
      handler: ({ res }) => {
        res.type('html').send(LOGIN_PAGE);
      },
    }),
    route({
      method: 'post',
      path: '/codec/session',
      summary: 'Open a Web UI codec session with a supervisor or admin key (sets an HttpOnly cookie)',
      tags: ['codec'],
      roles: 'public',
      body: z.object({ key: z.string().min(1) }).strict(),
      responses: {
        204: { description: 'session cookie set' },
        401: { description: 'unknown key' },
        403: { description: 'the key is not a supervisor or admin key' },
      },
      handler: async ({ res, body }) => {
        const p = await keys.authenticate((body as { key: string }).key);
        if (!p) throw problem.unauthorized('unknown key');
        if (!CODEC_ROLES.includes(p.role))
          throw problem.forbidden('only supervisor and admin keys may decode payloads');
        res.cookie(CodecSessions.COOKIE, sessions.create(p), {
          httpOnly: true,
          sameSite: 'lax',
          maxAge: 8 * 3600_000,
        });
        res.status(204).end();
      },
    }),
  ];
}

/** JSON payloads may carry sealed personal data: reveal it for the authorised viewer. */
async function revealJson(p: Payload, personalData: PersonalData): Promise<Payload> {
  const encoding = p.metadata?.encoding ? dec.decode(p.metadata.encoding) : '';
  if (encoding !== 'json/plain' || !p.data) return p;
  const value = await personalData.reveal(JSON.parse(dec.decode(p.data)));
  return { ...p, data: Buffer.from(JSON.stringify(value)) };
}

const LOGIN_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Codec session</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
<h1>Decode case payloads in the Temporal Web UI</h1>
<p>Paste a supervisor or admin API key. This browser then holds an 8-hour session cookie that the
Web UI sends to this codec endpoint (enable cross-origin credentials in the UI's codec settings).</p>
<form id="f"><input id="k" type="password" size="50" placeholder="API key" autocomplete="off">
<button>Open session</button></form><p id="out"></p>
<script>
document.getElementById('f').onsubmit = async (e) => {
  e.preventDefault();
  const r = await fetch('/codec/session', { method: 'POST', credentials: 'include',
    headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ key: document.getElementById('k').value }) });
  document.getElementById('out').textContent = r.ok ? 'Session open: reload the Temporal Web UI.' : (await r.json()).detail;
};
</script></body></html>`;
