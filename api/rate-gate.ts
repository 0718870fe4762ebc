/**
 * The first thing every request meets: the rate limit. A key this instance knows counts against
 * its own quota; any other request (no key, an unknown or random token) against its client
 * address, decided without touching the database. A refusal is written straight to the socket
 * — no request id, no access log line, no Express response helpers — because a flood of them is
 * exactly when each must cost least: valid keys wait behind whatever the flood leaves queued.
 * Each bucket's first refusal in a window is logged once, and every refusal is counted.
 */
import type { NextFunction, Request, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Logger } from 'pino';
import type { KeyStore, Principal } from './auth.js';
import type { SharedRateLimiter } from './rate-limit.js';
import { metrics } from '../runtime/metrics.js';

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
}

export const bearerToken = (req: Request) => /^Bearer\s+(\S+)\s*$/i.exec(req.get('Authorization') ?? '')?.[1];

export function rateGate(d: RateGateDeps) {
  const window = d.limiter.windowMs / 1000;
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
    res.writeHead(429, {
      'RateLimit-Policy': policy,
      RateLimit: state,
      'Retry-After': String(v.resetSeconds),
      'Content-Type': 'application/problem+json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
  };
}
