import type { BusinessCalendar, Interval } from '../calendar/index.js';
import type {
  CaseStatus,
  CaseType,
  Channel,
  ClockName,
  CustomerTier,
  Level,
  Priority,
  Remedy,
} from './contract.js';
import type { CaseIncidentLink } from '../incident/types.js';

export interface Customer {
  id: string;
  name: string;
  tier: CustomerTier;
  email?: string;
  phone?: string;
  organisation?: string;
  /** BCP 47 tag of the customer's language for messages (absent: the deployment's default). */
  locale?: string;
}

/** Durations are ISO 8601 (`PT4H`, `P3D`), counted on the policy's calendar. */
export interface ClockTargets {
  respondWithin: string;
  resolveWithin: string;
  callbackWithin: string;
  rateWithin: string;
  /**
   * A department's preliminary findings after a transfer, in working time; absent: the transfer's
   * own `findingsWithin`, else DEFAULT_FINDINGS_WITHIN (domain/case/transfer.ts).
   */
  findingsWithin?: string;
}

/**
 * The calendar one clock counts on instead of the policy's, by name (`respondOn: '24x7'`: first
 * contact round the clock). Read only by cases opened since per-clock rules (`SlaSnapshot.perClock`).
 */
export type ClockCalendars = Partial<Record<`${ClockName}On`, string>>;

/** A priority's targets: tighter (or looser) durations, and the calendars some clocks count on. */
export type PriorityTargets = Partial<ClockTargets> & ClockCalendars;

/** How long before its deadline a clock warns: one lead for every clock, or a lead by clock. */
export type WarnBefore = string | Partial<Record<ClockName, string>>;

export interface SlaPolicy extends ClockTargets, ClockCalendars {
  name: string;
  calendar: string;
  /** Days count as working days on the clock's calendar, like the deadline rule (docs/api.md). */
  warnBefore?: WarnBefore;
  /**
   * The share of a clock's budget after which it warns when no lead applies to it, or when its lead
   * would reach back to the clock's start (then 0.5 when absent). Between 0 and 1, exclusive.
   */
  warnAtFraction?: number;
  /** Tighter (or looser) targets by priority; a priority change re-targets running clocks. */
  byPriority?: Partial<Record<Priority, PriorityTargets>>;
  /**
   * Working time in `pending_customer` before the customer is reminded; null: never. Absent in a
   * stored policy means the default (DEFAULT_REMIND_CUSTOMER_AFTER), filled in when a case opens.
   */
  remindCustomerAfter?: string | null;
  /** Working time in `pending_customer` after which the case is withdrawn; absent or null: never. */
  closeWithoutReplyAfter?: string | null;
  /** The notification kinds this policy's cases send; absent: the deployment's `MAIL_EVENTS`. */
  notify?: string[];
}

/** What the workflow keeps of the policy: the calendar itself, so later edits never move open cases. */
export interface SlaSnapshot extends Omit<SlaPolicy, 'calendar'> {
  calendar: BusinessCalendar;
  /** The calendars the policy's `…On` fields name, as they were when the case opened. */
  calendars?: Record<string, BusinessCalendar>;
  /**
   * Set by the workflow when the case opens, for cases opened since the `per-clock-sla` patch: a
   * clock may count on its own calendar, and warns by its own rule (docs/api.md, Warnings). Absent
   * (cases opened before): every clock on the policy's calendar, one `warnBefore` for all.
   */
  perClock?: true;
}

export interface Classification {
  priority: Priority;
  level: Level;
  reasons: string[];
}

export interface OpenCaseInput {
  id: string;
  number: string;
  type: CaseType;
  channel: Channel;
  subject: string;
  description: string;
  customer: Customer;
  product?: string;
  externalRef?: string;
  classification: Classification;
  sla: SlaSnapshot;
  openedBy: string;
  /** ISO time the API received the request; the clocks start from it. */
  receivedAt: string;
  /**
   * First-contact assignee the API chose by workload (null: no team takes the case). Absent in
   * cases opened before the API chose; their workflow asks an activity instead.
   */
  assignee?: string | null;
  /** The team of that assignee: the team responsible at opening (absent in older cases: none). */
  team?: string | null;
}

export type ClockState = 'idle' | 'running' | 'paused' | 'stopped';

export interface Clock {
  state: ClockState;
  /** First working instant at or after the clock started (epoch ms). */
  start?: number;
  startedAt?: number;
  budgetMs?: number;
  /** Working time added by announced extensions. */
  extraMs: number;
  pauses: Interval[];
  pausedAt?: number;
  /** The calendar this clock counts on when not the policy's (a round-the-clock priority target). */
  calendar?: BusinessCalendar;
  warned: boolean;
  breached: boolean;
}

export interface Breach {
  clock: ClockName;
  at: string;
}

export interface Rating {
  score: number;
  comment?: string;
}

export interface ProposedResolution {
  summary: string;
  remedy: Remedy;
  amount?: number;
}

/** A transfer to a department (转办) waiting for its findings or its refusal. */
export interface OpenTransfer {
  /** The department that has the case. */
  team: string;
  /** The team the case left (null: none), and the team it goes back to. */
  from: string | null;
  returnTo: string | null;
  at: string;
}

export interface CaseState {
  id: string;
  number: string;
  type: CaseType;
  channel: Channel;
  status: CaseStatus;
  priority: Priority;
  level: Level;
  subject: string;
  description: string;
  customer: Customer;
  product?: string;
  externalRef?: string;
  assignee: string | null;
  owner: string | null;
  sla: SlaSnapshot;
  clocks: Record<ClockName, Clock>;
  breaches: Breach[];
  findingsRecorded: boolean;
  onSite: boolean;
  resolution: ProposedResolution | null;
  /** Who proposed the pending resolution (absent on cases proposed before four-eyes existed). */
  proposedBy?: string;
  rating: Rating | null;
  poorRatingReopened: boolean;
  reopenCount: number;
  callbackAttempts: number;
  /** Set when the case was resolved without any reopen: first-contact resolution for reports. */
  firstContactResolution: boolean;
  acceptedAt: string | null;
  resolvedAt: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** Sequence number of the last event; the read model never goes backwards past it. */
  seq: number;
  /** The incident the case is linked to (absent in cases from before incidents). */
  incident?: CaseIncidentLink | null;
  /** While `pending_customer` with a reminder or automatic close ahead (absent otherwise). */
  customerWait?: CustomerWait;
  /** The team responsible now (absent in cases opened before teams owned work: none). */
  team?: string | null;
  /** The transfer to a department still open (absent or null: none). */
  transfer?: OpenTransfer | null;
}

/** The timers of a wait for the customer, fixed on the calendar when the wait began (epoch ms). */
export interface CustomerWait {
  since: number;
  remindAt?: number;
  closeAt?: number;
  reminded: boolean;
}

export interface CaseEvent {
  seq: number;
  at: string;
  type: string;
  actor: string;
  data: Record<string, unknown>;
}

export interface CaseView {
  id: string;
  number: string;
  type: CaseType;
  channel: Channel;
  status: CaseStatus;
  priority: Priority;
  level: Level;
  subject: string;
  description: string;
  customer: Customer;
  product: string | null;
  externalRef: string | null;
  assignee: string | null;
  owner: string | null;
  /** The team responsible now (null: none yet; absent in views written before teams owned work). */
  team?: string | null;
  /** The open transfer to a department, if any. */
  transfer?: { team: string; returnTo: string | null; since: string } | null;
  slaPolicy: string;
  deadlines: {
    respondBy: string | null;
    resolveBy: string | null;
    callbackBy: string | null;
    rateBy: string | null;
    /** While a department has the case: its preliminary findings are due (absent in older views). */
    findingsBy?: string | null;
  };
  /**
   * The calendar the deadlines are counted on, and the thresholds still ahead, earliest first:
   * exactly the moments the workflow's durable timer will fire at (warning, breach, rating expiry).
   */
  sla: {
    calendar: string;
    timeZone: string;
    thresholds: { clock: ClockName; kind: 'warning' | 'breach' | 'expiry'; at: string }[];
    /** Running clocks whose warning has fired and whose deadline has not passed yet. */
    warned?: ClockName[];
  };
  breaches: Breach[];
  rating: Rating | null;
  reopenCount: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  workflowId: string;
  /** The incident this case is linked to, if any. */
  incident?: { id: string; number: string; title: string } | null;
  /** While the case waits for the customer: when the reminder and the automatic close will happen. */
  customerWait?: { since: string; remindAt: string | null; closeAt: string | null; reminded: boolean };
}
