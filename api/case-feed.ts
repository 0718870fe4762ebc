/**
 * Changes of cases as they are committed, from PostgreSQL's NOTIFY (trigger of migration 011; staff
 * notifications, migration 019, on a channel of their own): one
 * listening connection per API process, fanned out to the server-sent-event streams of the console.
 * The connection reconnects by itself; a stream that missed changes while it was down is told to
 * reload (`resync`), so nothing is silently lost.
 */
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Logger } from 'pino';

export interface CaseChange {
  id: string;
  seq: number;
  status: string;
  breached: boolean;
}

/** A staff notification committed (trigger of migration 019). */
export interface NotificationAdded {
  id: string;
  person: string;
  caseId: string;
}

/** The feed's event for each channel it listens on. */
const CHANNELS: Record<string, string> = { case_changed: 'change', notification_added: 'notification' };

export class CaseFeed {
  private readonly events = new EventEmitter();
  private client: pg.Client | undefined;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;
  /** LISTEN is in place: a change committed from now on reaches the subscribers. */
  private listening = false;

  constructor(
    private readonly url: string | undefined,
    private readonly logger: Logger,
  ) {
    this.events.setMaxListeners(0);
  }

  /**
   * Calls `onChange` for each change and `onResync` once changes flow (at once if they already
   * do: whatever the subscriber read before subscribing may be stale by now) and again after a
   * lost connection; returns the unsubscribe.
   */
  subscribe(onChange: (c: CaseChange) => void, onResync: () => void): () => void {
    return this.listen('change', onChange, onResync);
  }

  /** As `subscribe`, for the staff notifications committed (a person's own are theirs to show). */
  subscribeNotifications(onAdded: (n: NotificationAdded) => void, onResync: () => void): () => void {
    return this.listen('notification', onAdded, onResync);
  }

  private listen<T>(event: string, fn: (x: T) => void, onResync: () => void): () => void {
    if (!this.client && !this.retry) void this.connect();
    this.events.on(event, fn);
    this.events.on('resync', onResync);
    if (this.listening) queueMicrotask(onResync);
    return () => {
      this.events.off(event, fn);
      this.events.off('resync', onResync);
    };
  }

  private async connect(): Promise<void> {
    if (this.stopped || !this.url) return;
    const client = new pg.Client({ connectionString: this.url });
    const lost = (err?: Error) => {
      if (this.client !== client) return;
      this.client = undefined;
      this.listening = false;
      client.removeAllListeners();
      client.on('error', () => {});
      void client.end().catch(() => {});
      if (this.stopped) return;
      this.logger.warn({ err }, 'case feed: connection lost; reconnecting');
      this.retry = setTimeout(() => {
        this.retry = undefined;
        void this.connect();
      }, 1000);
      this.retry.unref();
    };
    this.client = client;
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (n) => {
      const event = CHANNELS[n.channel];
      if (!event || !n.payload) return;
      try {
        this.events.emit(event, JSON.parse(n.payload));
      } catch {
        // not ours
      }
    });
    try {
      await client.connect();
      await client.query('LISTEN case_changed; LISTEN notification_added');
      this.listening = true;
      this.events.emit('resync');
    } catch (err) {
      lost(err as Error);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.listening = false;
    clearTimeout(this.retry);
    this.events.emit('stop');
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => {});
  }

  onStop(fn: () => void): () => void {
    this.events.once('stop', fn);
    return () => this.events.off('stop', fn);
  }
}
