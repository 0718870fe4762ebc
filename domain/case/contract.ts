/**
 * The case contract shared by the API, the worker and the tests: workflow ids, message names,
 * statuses and search attributes. Changing a name here changes the wire contract
 * with integrators (docs/api.md) and with ops (saved Temporal queries), so treat it as public.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { INCIDENT_SA } from '../incident/contract.js';

export const workflowIdForCase = (caseId: string): string => `case:${caseId}`;

export const CASE_TYPES = [
  'inquiry',
  'complaint',
  'fault_report',
  'service_request',
  'technical_support',
] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const CHANNELS = ['phone', 'email', 'web', 'chat', 'social', 'letter', 'walk_in', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CASE_STATUSES = [
  'new',
  'investigating',
  'pending_customer',
  'pending_approval',
  'resolved',
  'awaiting_rating',
  'closed',
  'rejected',
  'withdrawn',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const TERMINAL_STATUSES: readonly CaseStatus[] = ['closed', 'rejected', 'withdrawn'];
export const isTerminal = (s: CaseStatus): boolean => TERMINAL_STATUSES.includes(s);

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const TIERS = ['standard', 'premium'] as const;
export type CustomerTier = (typeof TIERS)[number];

export const REMEDIES = ['repair', 'replace', 'refund', 'compensation', 'guidance', 'other'] as const;
export type Remedy = (typeof REMEDIES)[number];
/** Remedies that cost money need a supervisor's approval (a costly remedy, docs/api.md). */
export const REMEDIES_NEEDING_APPROVAL: readonly Remedy[] = ['replace', 'refund', 'compensation'];

/** `findings`: a department's preliminary findings after a transfer (转办); runs only while one is open. */
export const CLOCKS = ['respond', 'resolve', 'callback', 'rate', 'findings'] as const;
export type ClockName = (typeof CLOCKS)[number];
/**
 * The clocks the SLA compliance report counts. The rate clock's expiry closes the case instead; the
 * findings clock breaches too, but runs only while a department has the case, so it is not a rate.
 */
export const BREACHABLE_CLOCKS = ['respond', 'resolve', 'callback'] as const;
export type BreachableClock = (typeof BREACHABLE_CLOCKS)[number];

export const MAX_LEVEL = 3;
export type Level = 1 | 2 | 3;

/** Search attributes kept current on every case workflow; names and types are part of the ops contract. */
export const SA = {
  kind: defineSearchAttributeKey('CaseKind', SearchAttributeType.KEYWORD),
  /** The number a customer quotes (CS-2026-000123): set once, when the case is opened. */
  number: defineSearchAttributeKey('CaseNumber', SearchAttributeType.KEYWORD),
  status: defineSearchAttributeKey('CaseStatus', SearchAttributeType.KEYWORD),
  priority: defineSearchAttributeKey('CasePriority', SearchAttributeType.KEYWORD),
  level: defineSearchAttributeKey('CaseLevel', SearchAttributeType.INT),
  customerId: defineSearchAttributeKey('CaseCustomerId', SearchAttributeType.KEYWORD),
  assignee: defineSearchAttributeKey('CaseAssignee', SearchAttributeType.KEYWORD),
  breached: defineSearchAttributeKey('CaseBreached', SearchAttributeType.BOOL),
  nextDeadline: defineSearchAttributeKey('CaseNextDeadline', SearchAttributeType.DATETIME),
  /** The incident the case is linked to (domain/incident). */
  incidentId: defineSearchAttributeKey('CaseIncidentId', SearchAttributeType.KEYWORD),
} as const;
/** Every search attribute the service registers: the cases' and the incidents'. */
export const CASE_SEARCH_ATTRIBUTES = [...Object.values(SA), ...Object.values(INCIDENT_SA)];

/** Names of the workflow's messages (updates and queries). */
export const MSG = {
  open: 'open',
  view: 'view',
} as const;
