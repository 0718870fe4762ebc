/**
 * The rate gate holds a refusal for an address before writing it, within bounds. Runs the real
 * gate in a real Express app on a real socket; only the limiter's verdict and the key store are
 * stand-ins, to refuse on demand.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyStore, Principal } from '../../api/auth.js';
import { rateGate } from '../../api/rate-gate.js';
import type { SharedRateLimiter, Verdict } from '../../api/rate-limit.js';
import { metrics } from '../../platform/metrics.js';

const DELAY = 400;
const refused: Verdict = { allowed: false, limit: 3, remaining: 0, resetSeconds: 30, firstRefusal: false };
const KNOWN: Principal = { keyId: 'k1', role: 'agent', name: 'zhang.san' };

let server: Server;
let url: string;

beforeAll(async () => {
  const app = express();
  app.use(
    rateGate({
      limiter: { windowMs: 60_000, hit: () => refused } as unknown as SharedRateLimiter,
      keys: { known: (t: string) => (t === 'known' ? KNOWN : undefined) } as unknown as KeyStore,
      consoleSession: () => undefined,
      logger: pino({ level: 'silent' }),
      taskQueue: 'test',
      perKeyPerMinute: 3,
      perAddressPerMinute: 3,
      refusalDelayMs: DELAY,
      maxHeldPerAddress: 2,
      maxHeld: 10,
    }),
  );
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/cases`;
});
afterAll(() => new Promise((r) => server.close(r)));

async function timed(token: string, signal?: AbortSignal) {
  const t = performance.now();
  const r = await fetch(url, { headers: { Authorization: `Bearer ${token}` }, signal });
  await r.arrayBuffer();
  return { status: r.status, ms: performance.now() - t, retryAfter: r.headers.get('retry-after') };
}

const settle = () => new Promise((r) => setTimeout(r, DELAY + 100));

describe('refusals for an address are held, within bounds', () => {
  it('holds two refusals for an address, answers the third at once, and frees its places after', async () => {
    const answers = await Promise.all([timed('random-1'), timed('random-2'), timed('random-3')]);
    expect(answers.map((a) => a.status)).toEqual([429, 429, 429]);
    expect(answers.map((a) => a.retryAfter)).toEqual(['30', '30', '30']);
    const [fast, ...held] = [...answers].sort((a, b) => a.ms - b.ms);
    expect(fast!.ms).toBeLessThan(DELAY / 2);
    for (const h of held) expect(h.ms).toBeGreaterThanOrEqual(DELAY - 20);
    expect((await metrics.refusalsHeld.get()).values[0]!.value).toBe(0);
  });

  it('does not hold a refused known key', async () => {
    const r = await timed('known');
    expect(r.status).toBe(429);
    expect(r.ms).toBeLessThan(DELAY / 2);
  });

  it('frees the place of a client that hangs up while held', async () => {
    const gone = new AbortController();
    const first = timed('random-a', gone.signal).catch(() => 'aborted');
    const second = timed('random-b');
    await new Promise((r) => setTimeout(r, 50));
    gone.abort();
    await new Promise((r) => setTimeout(r, 50));
    // The aborted request's place is free again: this one is held, not answered at once.
    const third = await timed('random-c');
    expect(await first).toBe('aborted');
    expect((await second).ms).toBeGreaterThanOrEqual(DELAY - 20);
    expect(third.ms).toBeGreaterThanOrEqual(DELAY - 20);
    await settle();
    expect((await metrics.refusalsHeld.get()).values[0]!.value).toBe(0);
  });
});
