/**
 * Seed data: the figures the customer-service manuals give (docs/api.md, Deadlines), as editable records.
 * Admins change them through PUT /v1/sla-policies and /v1/business-calendars.
 */
import type { BusinessCalendar } from '../domain/calendar/index.js';
import type { SlaPolicy } from '../domain/case/types.js';

const WORKDAY: [string, string][] = [
  ['09:00', '12:00'],
  ['13:00', '18:00'],
];

/** Mainland China office hours; the 2026 holiday list is an example to keep current. */
export const DEFAULT_CALENDARS: BusinessCalendar[] = [
  {
    name: 'cn-workdays',
    timeZone: 'Asia/Shanghai',
    week: { mon: WORKDAY, tue: WORKDAY, wed: WORKDAY, thu: WORKDAY, fri: WORKDAY, sat: [], sun: [] },
    holidays: [
      '2026-01-01',
      '2026-01-02',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-06',
      '2026-05-01',
      '2026-05-04',
      '2026-05-05',
      '2026-06-19',
      '2026-09-25',
      '2026-10-01',
      '2026-10-02',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
    ],
    specialDays: {
      '2026-02-14': WORKDAY,
      '2026-02-28': WORKDAY,
      '2026-09-27': WORKDAY,
      '2026-10-10': WORKDAY,
    },
  },
];

/**
 * Urgent and safety cases get first contact round the clock within 2 hours on every policy, office
 * hours or not (seed 004: 「對于緊急投訴…立即啟動應急處理程序,優先解決」; seed 000: safety first).
 * `respondOn: '24x7'` is written even where the policy's calendar is 24x7, so the target still holds
 * if an admin moves the policy to office hours.
 */
const URGENT_FIRST_CONTACT = { respondWithin: 'PT2H', respondOn: '24x7' } as const;

/**
 * Warnings: a lead per clock, and half the clock's budget wherever that lead would reach back to the
 * clock's start (urgent targets of 2 hours): no case warns the moment it opens.
 */
const HALFWAY = 0.5;

export const DEFAULT_POLICIES: SlaPolicy[] = [
  {
    // Most manuals: respond within 24 h, solve within 48 h; 2 h response is the quoted best practice.
    name: 'standard',
    calendar: '24x7',
    respondWithin: 'PT24H',
    resolveWithin: 'PT48H',
    callbackWithin: 'PT24H',
    rateWithin: 'P7D',
    warnBefore: { respond: 'PT2H', resolve: 'PT4H', callback: 'PT2H' },
    warnAtFraction: HALFWAY,
    byPriority: { urgent: URGENT_FIRST_CONTACT, high: { respondWithin: 'PT4H' } },
  },
  {
    // Fault reports: channels open 24x7; respond 24 h, solve 48 h.
    name: 'fault-24x7',
    calendar: '24x7',
    respondWithin: 'PT24H',
    resolveWithin: 'PT48H',
    callbackWithin: 'PT24H',
    rateWithin: 'P7D',
    warnBefore: { respond: 'PT2H', resolve: 'PT4H', callback: 'PT2H' },
    warnAtFraction: HALFWAY,
    byPriority: { urgent: URGENT_FIRST_CONTACT, high: { respondWithin: 'PT4H' } },
  },
  {
    // A major problem: 72 h to solve, response at the best-practice 2 h; urgent ones solved in a day.
    name: 'fault-major',
    calendar: '24x7',
    respondWithin: 'PT2H',
    resolveWithin: 'PT72H',
    callbackWithin: 'PT24H',
    rateWithin: 'P7D',
    warnBefore: { respond: 'PT1H', resolve: 'PT8H', callback: 'PT2H' },
    warnAtFraction: HALFWAY,
    byPriority: { urgent: { ...URGENT_FIRST_CONTACT, resolveWithin: 'PT24H' } },
  },
  {
    // Complaints: processed within 3 working days; first contact within a configurable number of
    // hours. Urgent ones: first contact round the clock, solved first (within one working day).
    name: 'complaint-3wd',
    calendar: 'cn-workdays',
    respondWithin: 'PT4H',
    resolveWithin: 'P3D',
    callbackWithin: 'P1D',
    rateWithin: 'P5D',
    warnBefore: { respond: 'PT1H', resolve: 'P1D', callback: 'PT2H' },
    warnAtFraction: HALFWAY,
    byPriority: {
      urgent: { ...URGENT_FIRST_CONTACT, resolveWithin: 'P1D' },
      high: { respondWithin: 'PT2H' },
    },
  },
  {
    // An inquiry that needs a specialist: the specialist within working days, then the customer.
    // Safety questions come first: contact round the clock.
    name: 'inquiry-specialist',
    calendar: 'cn-workdays',
    respondWithin: 'PT4H',
    resolveWithin: 'P2D',
    callbackWithin: 'P1D',
    rateWithin: 'P5D',
    warnBefore: { respond: 'PT1H', resolve: 'PT4H', callback: 'PT2H' },
    warnAtFraction: HALFWAY,
    byPriority: { urgent: URGENT_FIRST_CONTACT, high: { respondWithin: 'PT2H' } },
  },
  {
    // Long-term / premium customers get priority service; urgent ones within the hour.
    name: 'premium-support',
    calendar: '24x7',
    respondWithin: 'PT2H',
    resolveWithin: 'PT24H',
    callbackWithin: 'PT12H',
    rateWithin: 'P7D',
    warnBefore: { respond: 'PT1H', resolve: 'PT4H', callback: 'PT2H' },
    warnAtFraction: HALFWAY,
    byPriority: { urgent: { respondWithin: 'PT1H', respondOn: '24x7', resolveWithin: 'PT12H' } },
  },
];

export const DEFAULT_RULES: { match: Record<string, string>; policy: string }[] = [
  { match: { type: 'fault_report', priority: 'urgent' }, policy: 'fault-major' },
  { match: { type: 'technical_support', tier: 'premium' }, policy: 'premium-support' },
  { match: { type: 'complaint' }, policy: 'complaint-3wd' },
  { match: { type: 'inquiry' }, policy: 'inquiry-specialist' },
  { match: { type: 'fault_report' }, policy: 'fault-24x7' },
];
export const FALLBACK_POLICY = 'standard';

export const DEFAULT_TEAMS = [
  {
    name: 'front-line',
    case_types: ['inquiry', 'complaint', 'fault_report', 'service_request', 'technical_support'],
    min_level: 1,
    max_level: 1,
  },
  {
    name: 'technical-specialists',
    case_types: ['fault_report', 'technical_support'],
    min_level: 2,
    max_level: 3,
  },
  { name: 'complaints-desk', case_types: ['complaint'], min_level: 1, max_level: 3 },
  { name: 'product-specialists', case_types: ['inquiry', 'service_request'], min_level: 2, max_level: 3 },
];

/**
 * Teams of migration 018: the expert team of level 3 (seed 000: major problems, experts on site,
 * management involved), and quality, a department that takes transferred cases (转办) for their
 * findings but no case by routing (seed 004 hands complaints to quality control for the cause, the
 * affected step and the impact).
 */
export const DEFAULT_DEPARTMENTS = [
  {
    name: 'experts',
    case_types: ['inquiry', 'complaint', 'fault_report', 'service_request', 'technical_support'],
    min_level: 3,
    max_level: 3,
  },
  { name: 'quality', case_types: [] as string[], min_level: 1, max_level: 3 },
];

/** Which team takes a raised level (case type null: any), and whom else to tell; see db/escalation-rules.ts. */
export interface EscalationRuleDefault {
  level: 2 | 3;
  caseType: string | null;
  team: string;
  manager: string | null;
  notify: string[];
}

/**
 * Seed 000's three-level response (三级响应): level 2 goes to the technical support engineers (the
 * product specialists for inquiries and service requests, the complaints desk for complaints);
 * level 3 to the expert team with management involved, so its rule names a manager. The manager's
 * name is a placeholder for the person an organisation names (`PUT /v1/escalation-rules/3`).
 */
export const DEFAULT_ESCALATION_RULES: EscalationRuleDefault[] = [
  { level: 2, caseType: 'fault_report', team: 'technical-specialists', manager: null, notify: [] },
  { level: 2, caseType: 'technical_support', team: 'technical-specialists', manager: null, notify: [] },
  { level: 2, caseType: 'inquiry', team: 'product-specialists', manager: null, notify: [] },
  { level: 2, caseType: 'service_request', team: 'product-specialists', manager: null, notify: [] },
  { level: 2, caseType: 'complaint', team: 'complaints-desk', manager: null, notify: [] },
  { level: 3, caseType: null, team: 'experts', manager: 'service-manager', notify: [] },
];
