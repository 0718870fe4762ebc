/**
 * Rate limits every API instance shares. Each instance counts locally, so deciding costs no
 * database round trip (an unknown token is refused before any database work), and once a second
 * it adds its new hits to one counter row per bucket and window in PostgreSQL and learns the
 * total of all instances. A limit therefore holds across instances to within about a second of
 * traffic. Buckets live in a bounded LRU: a flood of addresses cannot grow memory without bound.
 */
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import { addHits, deleteWindowsBefore } from '../db/rate-limits.js';

interface Bucket {
  window: number;
  /** Hits of every instance as of the last sync, ours included. */
  shared: number;
  /** Our hits not yet added to the shared counter. */
  pending: number;
  /** Requests this instance refused in the window. */
  refused: number;
}

export interface Verdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
  /** This instance's first refusal for the bucket in the window: worth one log line, not more. */
  firstRefusal?: boolean;
}

export class SharedRateLimiter {
  private readonly buckets: LRUCache<string, Bucket>;
  private timer?: NodeJS.Timeout;
  private syncing?: Promise<void>;
  private syncs = 0;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    readonly windowMs = 60_000,
    private readonly syncMs = 1000,
    maxBuckets = 10_000,
  ) {
    this.buckets = new LRUCache({ max: maxBuckets });
  }

  get size(): number {
    return this.buckets.size;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.sync(), this.syncMs).unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sync();
  }

  hit(key: string, limit: number, now = Date.now()): Verdict {
    const window = Math.floor(now / this.windowMs);
    let b = this.buckets.get(key);
    if (!b || b.window !== window) {
      b = { window, shared: 0, pending: 0, refused: 0 };
      this.buckets.set(key, b);
    }
    const resetSeconds = Math.max(1, Math.ceil(((window + 1) * this.windowMs - now) / 1000));
    const used = b.shared + b.pending;
    if (used >= limit) {
      b.refused += 1;
      return { allowed: false, limit, remaining: 0, resetSeconds, firstRefusal: b.refused === 1 };
    }
    b.pending += 1;
    return { allowed: true, limit, remaining: Math.max(0, limit - used - 1), resetSeconds };
  }

  /** Adds our pending hits to the shared counters and reads back every instance's totals. */
  sync(): Promise<void> {
    this.syncing ??= this.flush().finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  private async flush(): Promise<void> {
    const window = Math.floor(Date.now() / this.windowMs);
    const batch: { key: string; bucket: Bucket; sent: number }[] = [];
    for (const [key, bucket] of this.buckets.entries()) {
      if (bucket.window === window) batch.push({ key, bucket, sent: bucket.pending });
    }
    if (batch.length === 0) return;
    try {
      const start = new Date(window * this.windowMs);
      const totals = await addHits(
        this.db,
        start,
        batch.map((x) => ({ bucket: x.key, hits: x.sent })),
      );
      for (const { key, bucket, sent } of batch) {
        if (bucket.window !== window) continue;
        bucket.pending -= sent;
        bucket.shared = totals.get(key) ?? bucket.shared + sent;
      }
      if (++this.syncs % 60 === 0) {
        await deleteWindowsBefore(this.db, new Date(start.getTime() - this.windowMs));
      }
    } catch (err) {
      // The database is down: keep counting locally, add the hits when it is back.
      this.logger.debug({ err }, 'rate-limit sync failed');
    }
  }
}
