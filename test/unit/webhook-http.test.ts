/**
 * The target rule at connect time (platform/webhook-http.ts): a name that resolves to an allowed
 * address when checked and to a private one when the request connects (DNS rebinding) is refused,
 * and the private address is never connected to; nor does a redirect lead there. Real sockets on
 * loopback: 127.0.0.1 is allowed, 127.0.0.2 (loopback, so forbidden) listens on the same port and
 * counts every connection it gets.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postWebhook } from '../../platform/webhook-http.js';
import { WebhookTargets } from '../../platform/webhook-targets.js';

let allowed: Server;
let internal: Server;
let port: number;
let internalConnections = 0;
let allowedHits = 0;
let redirectTo: string | undefined;

beforeAll(async () => {
  allowed = createServer((req, res) => {
    allowedHits += 1;
    req.resume();
    if (redirectTo) res.writeHead(307, { Location: redirectTo }).end();
    else res.writeHead(204).end();
  });
  await new Promise<void>((ok) => allowed.listen(0, '127.0.0.1', () => ok()));
  port = (allowed.address() as AddressInfo).port;
  internal = createServer((req, res) => res.writeHead(204).end());
  internal.on('connection', (_socket: Socket) => (internalConnections += 1));
  await new Promise<void>((ok) => internal.listen(port, '127.0.0.2', () => ok()));
});
afterAll(async () => {
  for (const s of [allowed, internal]) {
    s.closeAllConnections();
    await new Promise((ok) => s.close(ok));
  }
});
beforeEach(() => {
  internalConnections = 0;
  allowedHits = 0;
  redirectTo = undefined;
});

/** A resolver whose answers are given in turn (the last one repeats), counting the questions. */
function rebinding(...answers: string[][]) {
  const r = {
    asked: 0,
    resolve: async (_host: string) => answers[Math.min(r.asked++, answers.length - 1)]!,
  };
  return r;
}

const post = (targets: WebhookTargets, url: string) =>
  postWebhook(targets, url, { 'X-Event-Id': 'c:1' }, '{}', { timeoutMs: 3000 });

describe('webhook connections', () => {
  it('a name that passed the check and then resolves to a private address is refused at connect', async () => {
    const dns = rebinding(['127.0.0.1'], ['127.0.0.2']);
    const targets = new WebhookTargets('127.0.0.1', dns.resolve);
    const url = `http://hooks.rebind.example:${port}/in`;
    // The check (as when subscribing, or before a request) sees the allowed address ...
    expect(await targets.refusal(url)).toBeUndefined();
    // ... the connection's own lookup sees the private one, and stops there.
    const outcome = await post(targets, url);
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatch(
      /^refused: hooks\.rebind\.example resolves to 127\.0\.0\.2 is a loopback, private, link-local or metadata address/,
    );
    expect(dns.asked).toBe(2);
    expect(internalConnections).toBe(0);
    expect(allowedHits).toBe(0);
  });

  it('connects to the allowed address the connection itself resolved', async () => {
    const dns = rebinding(['127.0.0.1']);
    const outcome = await post(
      new WebhookTargets('127.0.0.1', dns.resolve),
      `http://hooks.example:${port}/in`,
    );
    expect(outcome).toEqual({ ok: true, status: 204 });
    expect(allowedHits).toBe(1);
    expect(internalConnections).toBe(0);
  });

  it('refuses a name with any forbidden address among its answers', async () => {
    const dns = rebinding(['127.0.0.1', '127.0.0.2']);
    const outcome = await post(
      new WebhookTargets('127.0.0.1', dns.resolve),
      `http://mixed.example:${port}/in`,
    );
    expect(outcome.error).toMatch(/^refused: mixed\.example resolves to 127\.0\.0\.2/);
    expect(allowedHits + internalConnections).toBe(0);
  });

  it('refuses a literal forbidden address without resolving anything', async () => {
    const dns = rebinding(['127.0.0.1']);
    const outcome = await post(new WebhookTargets('127.0.0.1', dns.resolve), `http://127.0.0.2:${port}/in`);
    expect(outcome.error).toMatch(/^refused: 127\.0\.0\.2 is a loopback/);
    expect(dns.asked).toBe(0);
    expect(internalConnections).toBe(0);
  });

  it('does not follow a redirect (to an internal address or anywhere)', async () => {
    redirectTo = `http://127.0.0.2:${port}/metadata`;
    const outcome = await post(new WebhookTargets('127.0.0.1'), `http://127.0.0.1:${port}/in`);
    expect(outcome).toEqual({ ok: false, status: 307, error: 'HTTP 307 (redirects are not followed)' });
    expect(allowedHits).toBe(1);
    expect(internalConnections).toBe(0);
  });
});
