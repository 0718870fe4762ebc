/**
 * The one way a webhook leaves the service: a POST whose every connection resolves through the
 * target rule (WebhookTargets.lookup), never following a redirect. node:http rather than fetch:
 * its `lookup` option is the resolver the socket itself uses, so the rule holds at connect time.
 */
import http from 'node:http';
import https from 'node:https';
import { TargetRefused, type WebhookTargets } from './webhook-targets.js';

export interface PostOutcome {
  ok: boolean;
  status?: number;
  error?: string;
}

/** Keep-alive agents per rule: a pooled socket was connected to an address the rule passed. */
const agents = new WeakMap<WebhookTargets, { http: http.Agent; https: https.Agent }>();
function agentsOf(targets: WebhookTargets) {
  let a = agents.get(targets);
  if (!a) {
    const options = { keepAlive: true, lookup: targets.lookup };
    a = { http: new http.Agent(options), https: new https.Agent(options) };
    agents.set(targets, a);
  }
  return a;
}

export async function postWebhook(
  targets: WebhookTargets,
  url: string,
  headers: Record<string, string>,
  body: string,
  { timeoutMs, signal }: { timeoutMs: number; signal?: AbortSignal },
): Promise<PostOutcome> {
  // Literal addresses and listed names never reach `lookup`: the URL decides for them.
  const host = targets.hostRefusal(url);
  if (typeof host === 'string') return { ok: false, error: `refused: ${host}` };
  const u = new URL(url);
  const secure = u.protocol === 'https:';
  const stop = signal
    ? AbortSignal.any([AbortSignal.timeout(timeoutMs), signal])
    : AbortSignal.timeout(timeoutMs);
  return new Promise<PostOutcome>((resolve) => {
    const req = (secure ? https : http).request(
      u,
      {
        method: 'POST',
        agent: secure ? agentsOf(targets).https : agentsOf(targets).http,
        headers: {
          ...headers,
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(body)),
          'User-Agent': 'case-service-webhooks/1',
        },
        signal: stop,
      },
      (res) => {
        res.resume(); // the answer's body is not read, only drained
        res.on('error', () => undefined);
        res.on('close', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) return resolve({ ok: true, status });
          const redirect = status >= 300 && status < 400 ? ' (redirects are not followed)' : '';
          resolve({ ok: false, status, error: `HTTP ${status}${redirect}` });
        });
      },
    );
    req.on('error', (err) =>
      resolve({
        ok: false,
        error:
          err instanceof TargetRefused
            ? `refused: ${err.message}`
            : stop.aborted && !signal?.aborted
              ? `no answer within ${timeoutMs} ms`
              : err.message,
      }),
    );
    req.end(body);
  });
}
