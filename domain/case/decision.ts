/**
 * One decision of the case machine: the context it is taken in, the recorder that numbers its
 * events, and the steps more than one kind of decision takes (raising the level, closing,
 * resolving). Pure: the caller gives the time.
 */
import { CLOCKS, MAX_LEVEL, type Level } from './contract.js';
import { startClock, stopClock } from './clocks.js';
import type { CaseEvent, CaseState } from './types.js';
import { iso } from '../time.js';

export interface Context {
  now: number;
  actor: string;
  /** The deployment's four-eyes rule: whoever proposed a resolution may not approve it. */
  fourEyes?: boolean;
  /** Waiting for the customer arms the policy's reminder and close (cases past patch notify-customer-wait). */
  customerWait?: boolean;
}

export interface Outcome {
  state: CaseState;
  events: CaseEvent[];
}

/** Collects the events of one decision, numbering them after the state's last sequence. */
export class Recorder {
  readonly events: CaseEvent[] = [];
  constructor(
    readonly state: CaseState,
    readonly ctx: Context,
  ) {}

  emit(type: string, data: Record<string, unknown> = {}, actor = this.ctx.actor): void {
    this.state.seq += 1;
    this.events.push({ seq: this.state.seq, at: iso(this.ctx.now), type, actor, data });
  }

  outcome(): Outcome {
    if (this.events.length > 0) this.state.updatedAt = iso(this.ctx.now);
    // Whatever ended the wait (a reply, a withdrawal, an incident's resolution), its timers go with it.
    if (this.state.customerWait && this.state.status !== 'pending_customer') delete this.state.customerWait;
    return { state: this.state, events: this.events };
  }
}

/** A copy to decide on. The SLA snapshot is never changed by a decision, so it is shared, not copied. */
export function clone(s: CaseState): CaseState {
  const { sla, ...rest } = s;
  return { ...(JSON.parse(JSON.stringify(rest)) as Omit<CaseState, 'sla'>), sla };
}

export function raiseLevel(r: Recorder, reason: string, cause: string): void {
  const s = r.state;
  if (s.level >= MAX_LEVEL) return;
  const from = s.level;
  s.level = (s.level + 1) as Level;
  r.emit('case.escalated', { from, to: s.level, reason, cause });
}

function stopAllClocks(s: CaseState): void {
  for (const c of CLOCKS) if (s.clocks[c]) s.clocks[c] = stopClock(s.clocks[c]);
}

export function close(
  r: Recorder,
  status: 'closed' | 'rejected' | 'withdrawn',
  data: Record<string, unknown>,
  actor?: string,
): void {
  const s = r.state;
  s.status = status;
  s.closedAt = iso(r.ctx.now);
  stopAllClocks(s);
  r.emit(`case.${status}`, data, actor);
}

export function markResolved(r: Recorder): void {
  const s = r.state;
  s.status = 'resolved';
  s.resolvedAt = iso(r.ctx.now);
  s.firstContactResolution = s.reopenCount === 0;
  s.clocks.resolve = stopClock(s.clocks.resolve);
  s.clocks.callback = startClock(s.sla, 'callback', s.priority, r.ctx.now);
  r.emit('case.resolved', { resolution: s.resolution });
}
