import type { BusinessCalendar } from '../calendar/index.js';
import type { CaseType, Remedy } from '../case/contract.js';
import type { IncidentClockName, IncidentKind, IncidentStatus, Severity } from './contract.js';

/** Who and what an incident affects. Cases match on product, customer and type; regions are labels. */
export interface IncidentScope {
  products: string[];
  regions: string[];
  customerIds: string[];
  caseTypes: CaseType[];
}

/** One public message: the same words and id in every linked case's timeline and webhook. */
export interface IncidentMessage {
  /** The incident update id: cases deduplicate on it (with its sequence). */
  id: string;
  seq: number;
  at: string;
  actor: string;
  text: string;
  /** The incident's status once this message was posted. */
  status: IncidentStatus;
}

export interface IncidentResolution {
  summary: string;
  remedy: Remedy;
  resolvedBy: string;
  /** Who approved it when the remedy needed a second supervisor (four eyes); absent otherwise. */
  approvedBy?: string;
  at: string;
}

/**
 * A resolution waiting for a second supervisor: its remedy needs approval (as a case's does), so
 * whoever proposed it may not also approve it. The public message goes out only on approval.
 */
export interface ProposedIncidentResolution {
  summary: string;
  remedy: Remedy;
  text?: string;
  /** The id the resolution's public message will carry (the proposing request's). */
  messageId: string;
  proposedBy: string;
  at: string;
}

/** Durations are ISO 8601 working time on the incident's calendar. */
export interface IncidentTargets {
  firstMessageWithin: string;
  resolveWithin: string;
  warnBefore: string;
}

export interface IncidentClock {
  dueAt: number;
  warnAt: number | null;
  warned: boolean;
  breached: boolean;
  /** When the target was met (first message, resolution); a cancelled incident stops its clocks. */
  stoppedAt: number | null;
}

export interface OpenIncidentInput {
  id: string;
  number: string;
  title: string;
  description: string;
  kind: IncidentKind;
  severity: Severity;
  scope: IncidentScope;
  calendar: BusinessCalendar;
  openedBy: string;
  receivedAt: string;
}

export interface IncidentState {
  id: string;
  number: string;
  title: string;
  description: string;
  kind: IncidentKind;
  severity: Severity;
  scope: IncidentScope;
  status: IncidentStatus;
  calendar: BusinessCalendar;
  targets: IncidentTargets;
  clocks: Record<IncidentClockName, IncidentClock>;
  breaches: { clock: IncidentClockName; at: string }[];
  messages: IncidentMessage[];
  resolution: IncidentResolution | null;
  /** A resolution waiting for approval (absent in incidents from before four eyes). */
  proposal?: ProposedIncidentResolution | null;
  cancelReason: string | null;
  openedBy: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  seq: number;
}

export interface IncidentEvent {
  seq: number;
  at: string;
  type: string;
  actor: string;
  data: Record<string, unknown>;
}

/** What staff read; integrators get `publicIncident` of it. */
export interface IncidentView {
  id: string;
  number: string;
  title: string;
  description: string;
  kind: IncidentKind;
  severity: Severity;
  scope: IncidentScope;
  status: IncidentStatus;
  calendar: string;
  deadlines: { firstMessageBy: string | null; resolveBy: string | null };
  breaches: { clock: IncidentClockName; at: string }[];
  messages: IncidentMessage[];
  resolution: IncidentResolution | null;
  /** A resolution proposed and waiting for a second supervisor's approval, or null. */
  proposal: ProposedIncidentResolution | null;
  openedBy: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  workflowId: string;
}

/** What a case carries of the incident it is linked to. */
export interface CaseIncidentLink {
  id: string;
  number: string;
  title: string;
  linkedAt: string;
  /** Sequence of the last incident message this case received: a repeat is a no-op. */
  lastMessageSeq: number;
}

/** The incident's word to one case, sent by the incident's fan-out (one Workflow Update). */
export type IncidentNotice =
  | { kind: 'link'; incident: { id: string; number: string; title: string }; latest: IncidentMessage | null }
  | { kind: 'message'; incidentId: string; message: IncidentMessage }
  | {
      kind: 'resolve';
      incidentId: string;
      message: IncidentMessage;
      resolution: IncidentResolution;
    }
  | { kind: 'unlink'; incidentId: string; reason: string; message: IncidentMessage | null };
