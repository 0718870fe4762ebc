import type { ClockName, Priority, Remedy } from './contract.js';

/** Every action an agent, supervisor or integrator can take on a live case. */
export type CaseCommand =
  | { action: 'accept'; assignee?: string }
  | { action: 'assign'; assignee: string }
  | { action: 'reject'; reason: string }
  | {
      action: 'findings';
      summary: string;
      rootCause?: string;
      onSite?: boolean;
      /** Set by the API: a member of the case's team (or a supervisor) records them. */
      byDepartment?: boolean;
    }
  | { action: 'wait-for-customer'; question: string }
  | { action: 'customer-reply'; message: string }
  | { action: 'resolution'; summary: string; remedy: Remedy; amount?: number }
  | { action: 'approval'; decision: 'approve' | 'reject'; comment?: string }
  | { action: 'callback'; reached: boolean; solved: boolean; notes?: string }
  | { action: 'rating'; score: number; comment?: string }
  | { action: 'escalate'; reason: string }
  | { action: 'notes'; text: string; visibility: 'internal' | 'public' }
  | { action: 'withdraw'; reason: string }
  | { action: 'extend'; clock: ClockName; until?: string; by?: string; reason: string }
  | { action: 'priority'; priority: Priority; reason?: string }
  | {
      action: 'transfer';
      team: string;
      reason: string;
      findingsWithin?: string;
      /** Set by the API: the owner's team, where the case returns when it had no team. */
      ownerTeam?: string | null;
    }
  | { action: 'refuse-transfer'; reason: string };

export type CaseAction = CaseCommand['action'];

export const CASE_ACTIONS: readonly CaseAction[] = [
  'accept',
  'assign',
  'reject',
  'findings',
  'wait-for-customer',
  'customer-reply',
  'resolution',
  'approval',
  'callback',
  'rating',
  'escalate',
  'notes',
  'withdraw',
  'extend',
  'priority',
  'transfer',
  'refuse-transfer',
];

/**
 * The free-text fields of each command: what a person writes, so what can carry personal data. The
 * API seals them with the case's data key before they enter the workflow, and an erasure scrubs
 * them (under the same names in events and views) from the read model.
 */
export const FREE_TEXT_FIELDS: { readonly [A in CaseAction]: readonly string[] } = {
  accept: [],
  assign: [],
  reject: ['reason'],
  findings: ['summary', 'rootCause'],
  'wait-for-customer': ['question'],
  'customer-reply': ['message'],
  resolution: ['summary'],
  approval: ['comment'],
  callback: ['notes'],
  rating: ['comment'],
  escalate: ['reason'],
  notes: ['text'],
  withdraw: ['reason'],
  extend: ['reason'],
  priority: ['reason'],
  transfer: ['reason'],
  'refuse-transfer': ['reason'],
};

/** Free text of an opening besides the customer's contact fields. */
export const OPENING_FREE_TEXT = ['subject', 'description'] as const;

/** Every key under which free text appears in events, views and webhook payloads, at any depth. */
export const FREE_TEXT_KEYS: readonly string[] = [
  ...new Set([...OPENING_FREE_TEXT, ...Object.values(FREE_TEXT_FIELDS).flat()]),
];

/**
 * Free text the complaint archive keeps when retention erases a closed case's personal data: the
 * findings (what failed, why) and the resolution's summary, which the manuals' cause analysis and
 * 投訴檔案 need year after year. They describe the product, not the person; erasure on request
 * removes them too. (Structured facts — type, product, cause codes, timings, remedy, ratings — are
 * never free text and always stay.)
 */
export const ARCHIVE_TEXT_KEYS: readonly string[] = ['summary', 'rootCause'];

/** The free-text keys retention erases when the archive is kept: all but the archive's. */
export const RETENTION_FREE_TEXT_KEYS: readonly string[] = FREE_TEXT_KEYS.filter(
  (k) => !ARCHIVE_TEXT_KEYS.includes(k),
);

/**
 * An action the case's current state does not allow (HTTP 409): its status, or a fact of the case
 * such as its level (`current` names the facts that refused it, e.g. `{ level: 3 }`).
 */
export class ActionNotAllowed extends Error {
  constructor(
    readonly action: string,
    readonly status: string,
    detail: string,
    readonly current: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'ActionNotAllowed';
  }
}

/** A command that is well-formed but makes no sense for this case (HTTP 400). */
export class InvalidCommand extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'InvalidCommand';
  }
}
