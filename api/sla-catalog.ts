/**
 * The SLA rules, policies and calendars the API opens cases with. Every new case needs all three,
 * and they change rarely, so they are read from PostgreSQL as one snapshot at most every few
 * seconds instead of three queries per case. A change made through this API instance is seen at
 * once (the routes that write call `invalidate`); other instances see it within `ttlMs`.
 */
import type { Db } from '../db/database.js';
import type { BusinessCalendar } from '../domain/calendar/index.js';
import type { SlaPolicy } from '../domain/case/types.js';

export interface SlaRule {
  /** Every given field must equal the case's fact of that name. */
  match: Record<string, string>;
  policy: string;
}

export interface SlaCatalogSnapshot {
  rules: SlaRule[];
  policies: Map<string, SlaPolicy>;
  calendars: Map<string, BusinessCalendar>;
}

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
    const snapshot = this.load();
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

  private async load(): Promise<SlaCatalogSnapshot> {
    const [rules, policies, calendars] = await Promise.all([
      this.db.selectFrom('sla_rules').select(['match', 'policy']).orderBy('position').execute(),
      this.db.selectFrom('sla_policies').select(['name', 'definition']).execute(),
      this.db.selectFrom('business_calendars').select(['name', 'definition']).execute(),
    ]);
    return {
      rules,
      policies: new Map(
        policies.map((r) => [r.name, { ...(r.definition as unknown as SlaPolicy), name: r.name }]),
      ),
      calendars: new Map(
        calendars.map((r) => [r.name, { ...(r.definition as unknown as BusinessCalendar), name: r.name }]),
      ),
    };
  }
}
