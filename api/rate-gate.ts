/**
 * The first thing every request meets: the rate limit. A key this instance knows counts against
 * its own quota; any other request (no key, an unknown or random token) against its client
 * address, decided without touching the database. A refusal is written straight to the socket
 * — no request id, no access log line, no Express response helpers — because a flood of them is
 * exactly when each must cost least: valid keys wait behind whatever the flood leaves queued.
 * Each bucket's first refusal in a window is logged once, and every refusal is counted.
 *
 * A refusal for an address is held back (`refusalDelayMs`) before it is written: a flood from
 * one address then gets as many answers a second as it keeps connections open, not as many as
 * the process can write, so it cannot saturate the process the valid keys share. Held answers are
 * bounded per address and in all; past either bound a refusal is written at once.
 */
import type { NextFunction, Request, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Logger } from 'pino';
import type { KeyStore, Principal } from './auth.js';
import type { SharedRateLimiter } from './rate-limit.js';
import { metrics } from '../platform/metrics.js';

export interface RateGateDeps {
  limiter: SharedRateLimiter;
  keys: KeyStore;
  /** The console session this instance checked lately, for requests without a Bearer token. */
  consoleSession: (req: Request) => Principal | undefined;
  logger: Logger;
  /** Buckets are per deployment (its task queue): deployments sharing a database count apart. */
  taskQueue: string;
  perKeyPerMinute: number;
  perAddressPerMinute: number;
  /** How long a refusal for an address is held before it is written; 0 writes it at once. */
  refusalDelayMs: number;
  /** Held refusals at most, per address and in all (each is an open connection anyway). */
  maxHeldPerAddress?: number;
  maxHeld?: number;
}

export const bearerToken = (req: Request) => /^Bearer\s+(\S+)\s*$/i.exec(req.get('Authorization') ?? '')?.[1];

export function rateGate(d: RateGateDeps) {
  const window = d.limiter.windowMs / 1000;
  const hold = refusalHold(d.refusalDelayMs, d.maxHeldPerAddress ?? 256, d.maxHeld ?? 4096);
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.path === '/healthz' || req.path === '/readyz') return next();
    const token = bearerToken(req);
    const known = token ? d.keys.known(token) : d.consoleSession(req);
    const address = ipKeyGenerator(req.ip ?? '');
    const v = known
      ? d.limiter.hit(`${d.taskQueue}|key:${known.keyId}`, d.perKeyPerMinute)
      : d.limiter.hit(`${d.taskQueue}|ip:${address}`, d.perAddressPerMinute);
    const policy = `"default";q=${v.limit};w=${window}`;
    const state = `"default";r=${v.remaining};t=${v.resetSeconds}`;
    if (v.allowed) {
      res.setHeader('RateLimit-Policy', policy);
      res.setHeader('RateLimit', state);
      return next();
    }
    const bucket = known ? 'key' : 'address';
    metrics.rateLimited.inc({ bucket });
    if (v.firstRefusal) {
      d.logger.warn(
        known ? { keyId: known.keyId, limit: v.limit } : { address, limit: v.limit },
        `rate limit reached for ${known ? 'a key' : 'requests without a valid key from an address'}`,
      );
    }
    const body = JSON.stringify({
      type: '/problems/too-many-requests',
      title: 'Too Many Requests',
      status: 429,
      detail: known
        ? `rate limit of ${v.limit} requests a minute reached for this key`
        : `rate limit of ${v.limit} requests a minute reached for requests without a valid key from this address`,
      instance: req.originalUrl,
    });
    const refuse = () => {
      if (res.headersSent || res.destroyed) return;
      res.writeHead(429, {
        'RateLimit-Policy': policy,
        RateLimit: state,
        'Retry-After': String(v.resetSeconds),
        'Content-Type': 'application/problem+json; charset=utf-8',
        'Content-Length': Buffer.byteLength(body),
      });
      res.end(body);
    };
    if (known) refuse();
    else hold(address, res, refuse);
  };
}

/**
 * Holds `answer` for `delayMs` while fewer than the bounds are held (for the address, in all);
 * a closed connection frees its place at once.
 */
function refusalHold(delayMs: number, perAddress: number, total: number) {
  const held = new Map<string, number>();
  let heldTotal = 0;
  return (address: string, res: Response, answer: () => void) => {
    const mine = held.get(address) ?? 0;
    if (delayMs <= 0 || mine >= perAddress || heldTotal >= total) return answer();
    held.set(address, mine + 1);
    heldTotal += 1;
    metrics.refusalsHeld.set(heldTotal);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      clearTimeout(timer);
      const left = (held.get(address) ?? 1) - 1;
      if (left > 0) held.set(address, left);
      else held.delete(address);
      heldTotal -= 1;
      metrics.refusalsHeld.set(heldTotal);
    };
    const timer = setTimeout(() => {
      release();
      answer();
    }, delayMs);
    res.once('close', release);
  };
}
