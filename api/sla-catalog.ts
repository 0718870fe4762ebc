/**
 * The SLA rules, policies and calendars the API opens cases with. Every new case needs all three,
 * and they change rarely, so they are read from PostgreSQL as one snapshot at most every few
 * seconds instead of three queries per case. A change made through this API instance is seen at
 * once (the routes that write call `invalidate`); other instances see it within `ttlMs`.
 */
import type { Db } from '../db/database.js';
import { FALLBACK_POLICY } from '../db/defaults.js';
import { loadSlaCatalog, matchRule, type SlaCatalogSnapshot } from '../db/sla.js';
import { CALENDAR_24X7, type BusinessCalendar } from '../domain/calendar/index.js';
import { calendarsNamed } from '../domain/case/clocks.js';
import { customerWaitPolicy } from '../domain/case/customer-wait.js';
import type { SlaSnapshot } from '../domain/case/types.js';
import { problem } from './problem.js';

export type { SlaCatalogSnapshot, SlaRule } from '../db/sla.js';

export class SlaCatalog {
  private current?: { until: number; snapshot: Promise<SlaCatalogSnapshot> };

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  snapshot(): Promise<SlaCatalogSnapshot> {
    const t = this.now();
    if (this.current && this.current.until > t) return this.current.snapshot;
    const snapshot = loadSlaCatalog(this.db);
    const entry = { until: t + this.ttlMs, snapshot };
    this.current = entry;
    // A failed read (database down) is not kept: the next case tries again.
    snapshot.catch(() => {
      if (this.current === entry) this.current = undefined;
    });
    return snapshot;
  }

  invalidate(): void {
    this.current = undefined;
  }

  /** The policy for a case with these facts: the first matching rule's, else the fallback. */
  async matchPolicy(facts: Record<string, string>): Promise<string> {
    return matchRule((await this.snapshot()).rules, facts) ?? FALLBACK_POLICY;
  }

  /** The policy a case opens with, its calendar included; `explicit`: the caller named it (400 if unknown). */
  async snapshotPolicy(name: string, explicit: boolean): Promise<SlaSnapshot> {
    const policy = (await this.snapshot()).policies.get(name);
    if (!policy) {
      if (explicit)
        throw problem.badRequest(`unknown SLA policy '${name}'`, [
          { path: 'slaPolicy', in: 'body', message: 'unknown' },
        ]);
      throw new Error(`SLA policy '${name}' is missing from the database`);
    }
    // The case keeps the reminder it opened with: the default is written into its snapshot. The
    // calendars some clocks count on (respondOn: '24x7') are kept too, so later edits move no case.
    const named = calendarsNamed(policy);
    const calendars = Object.fromEntries(
      await Promise.all(named.map(async (n) => [n, await this.calendar(n)] as const)),
    );
    return {
      ...policy,
      ...customerWaitPolicy(policy),
      calendar: await this.calendar(policy.calendar),
      ...(named.length > 0 ? { calendars } : {}),
    };
  }

  async calendar(name: string): Promise<BusinessCalendar> {
    if (name === CALENDAR_24X7.name) return CALENDAR_24X7;
    const calendar = (await this.snapshot()).calendars.get(name);
    if (!calendar) throw problem.notFound(`no business calendar named '${name}'`);
    return calendar;
  }
}
