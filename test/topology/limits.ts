/**
 * Rate limits and codec sessions with two API instances, which share them through PostgreSQL
 * (api/rate-limit.ts, the codec_sessions table): one key's budget spent on one instance is spent
 * on the other; a Web UI codec session opened on one instance decodes on the other; revoking the
 * key through either instance ends its session (and the key) on both.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { KEYS } from '../chaos/cluster.js';
import type { Ctx } from './scenarios.js';

const LIMIT = 10;
/** An admin key used by nothing else in the run, so its budget starts untouched. */
export const LIMITS_KEY = { spec: 'admin:topology-limits', key: `limits-${process.pid}-${Date.now()}` };

type Answer = { status: number; headers: Headers; text: string };
async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const r = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  return { status: r.status, headers: r.headers, text: await r.text() };
}
const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
const read = (base: string, key: string) => call(`${base}/v1/cases?limit=1`, { headers: bearer(key) });

export async function limitsAndSessions(ctx: Ctx): Promise<void> {
  const { t } = ctx;
  // Both instances again, now with a small limit (the lifecycles ran with a large one).
  await Promise.all(t.apis.map((a) => a?.stop()));
  await Promise.all(t.apiPorts.map((_, i) => t.startApi(i, { RATE_LIMIT_PER_MINUTE: String(LIMIT) })));
  await sharedRateLimit(ctx);
  await sharedCodecSession(ctx);
}

/**
 * The budget is per key and minute, summed over the instances about once a second: after
 * instance 1 spent it (and synced), instance 2 lets at most the hits of its first second through.
 */
async function sharedRateLimit(ctx: Ctx): Promise<void> {
  const { t, report } = ctx;
  const [api1, api2] = [t.apiUrl(0), t.apiUrl(1)];
  // Windows are whole minutes: start early in one, so the check never straddles two.
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 35_000) await sleep(60_000 - intoMinute + 200);
  const key = LIMITS_KEY.key;
  await report.attempt(`rate limit on one API instance: ${LIMIT} requests a minute, then 429`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i++) statuses.push((await read(api1, key)).status);
    const over = await read(api1, key);
    const ok =
      statuses.every((s) => s === 200) &&
      over.status === 429 &&
      Number(over.headers.get('retry-after')) > 0 &&
      (over.headers.get('content-type') ?? '').includes('problem+json');
    return ok || `statuses ${statuses.join(',')} then ${over.status} ${over.text.slice(0, 200)}`;
  });
  await sleep(2500); // instance 1 adds its hits to the shared counter (RATE_LIMIT_SYNC_MS, 1 s)
  await report.attempt('rate limit across the two API instances: one budget per key', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT && statuses.at(-1) !== 429; i++) {
      if (i > 0) await sleep(600);
      statuses.push((await read(api2, key)).status);
    }
    const allowed = statuses.filter((s) => s === 200).length;
    // Alone, instance 2 would allow all LIMIT; shared, only what it saw before its first sync.
    return (statuses.at(-1) === 429 && allowed <= 2) || `instance 2 answered ${statuses.join(',')}`;
  });
}

async function sharedCodecSession(ctx: Ctx): Promise<void> {
  const { t, report } = ctx;
  const [api1, api2] = [t.apiUrl(0), t.apiUrl(1)];
  const admin = { ...bearer(KEYS.admin), 'Content-Type': 'application/json' };
  const created = await call(`${api1}/v1/api-keys`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({ role: 'supervisor', name: 'topology-codec' }),
  });
  const stored =
    created.status === 201 ? (JSON.parse(created.text) as { id: string; key: string }) : undefined;
  const login = stored
    ? await call(`${api1}/codec/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ key: stored.key }),
      })
    : created;
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const lc = ctx.runs[0]?.lifecycles.find((l) => l.caseId);
  const decode = async (base: string) => {
    const raw = await ctx.client.workflowService.getWorkflowExecutionHistory({
      namespace: 'default',
      execution: { workflowId: `case:${lc?.caseId}` },
    });
    const payload = raw.history?.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    const wire = {
      metadata: Object.fromEntries(
        Object.entries(payload?.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
      ),
      data: Buffer.from(payload?.data ?? []).toString('base64'),
    };
    return call(`${base}/codec/decode`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie },
      body: JSON.stringify({ payloads: [wire] }),
    });
  };
  const revealed = (a: Answer) => {
    if (a.status !== 200) return false;
    const p = JSON.parse(a.text).payloads?.[0];
    return Buffer.from(p?.data ?? '', 'base64')
      .toString()
      .includes(`chaos-${lc?.index}@example.com`);
  };
  await report.attempt(
    'codec session opened on one API instance decodes a case payload on both',
    async () => {
      if (login.status !== 204 || !cookie) return `login ${login.status} ${login.text.slice(0, 200)}`;
      const [a, b] = [await decode(api1), await decode(api2)];
      return (
        (revealed(a) && revealed(b)) || `decode: api-1 ${a.status}, api-2 ${b.status} ${b.text.slice(0, 200)}`
      );
    },
  );
  await report.attempt('revoking the key on one API instance ends its codec session on both', async () => {
    const revoke = await call(`${api2}/v1/api-keys/${stored?.id}`, { method: 'DELETE', headers: admin });
    if (revoke.status !== 204) return `revoke ${revoke.status} ${revoke.text.slice(0, 200)}`;
    const [a, b] = [await decode(api1), await decode(api2)];
    return (
      (a.status === 401 && b.status === 401) ||
      `after revocation decode: api-1 ${a.status}, api-2 ${b.status}`
    );
  });
  await report.attempt(
    'the revoked key is refused by both API instances (within their 10 s key cache)',
    async () => {
      let statuses: number[] = [];
      for (let i = 0; i < 30; i++) {
        statuses = [(await read(api1, stored!.key)).status, (await read(api2, stored!.key)).status];
        if (statuses.every((s) => s === 401)) return true;
        await sleep(500);
      }
      return `after 15 s: api-1 ${statuses[0]}, api-2 ${statuses[1]}`;
    },
  );
}
