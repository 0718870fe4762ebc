/**
 * The incident contract shared by the API, the worker and the tests: workflow ids, message names,
 * statuses, severities and search attributes. Incidents run on the case task queue (one worker
 * serves both). Names here are public: integrators see statuses, ops query the attributes.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const workflowIdForIncident = (incidentId: string): string => `incident:${incidentId}`;

export const INCIDENT_KINDS = ['outage', 'product_defect', 'disaster', 'other'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const SEVERITIES = ['critical', 'major', 'minor'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const INCIDENT_STATUSES = ['open', 'monitoring', 'resolved', 'cancelled'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
/** Statuses a public update may move the incident to (resolve and cancel have their own actions). */
export const UPDATE_STATUSES = ['open', 'monitoring'] as const satisfies readonly IncidentStatus[];
export const isClosedIncident = (s: IncidentStatus): boolean => s === 'resolved' || s === 'cancelled';

export const INCIDENT_CLOCKS = ['firstMessage', 'resolve'] as const;
export type IncidentClockName = (typeof INCIDENT_CLOCKS)[number];

/** Search attributes of incident workflows (and CaseIncidentId on cases, in the case contract). */
export const INCIDENT_SA = {
  status: defineSearchAttributeKey('IncidentStatus', SearchAttributeType.KEYWORD),
  severity: defineSearchAttributeKey('IncidentSeverity', SearchAttributeType.KEYWORD),
  kind: defineSearchAttributeKey('IncidentKind', SearchAttributeType.KEYWORD),
  breached: defineSearchAttributeKey('IncidentBreached', SearchAttributeType.BOOL),
} as const;

/** Names of the incident workflow's messages (updates and a query). */
export const INCIDENT_MSG = {
  opened: 'incident-opened',
  view: 'incident-view',
  post: 'incident-post',
  link: 'incident-link',
  unlink: 'incident-unlink',
  /** The one update a case workflow takes from its incident (link, message, resolution, unlink). */
  caseNotice: 'incident-notice',
} as const;

/** ApplicationFailure types the API maps to HTTP statuses. */
export const INCIDENT_FAILURE = { closed: 'IncidentClosed', invalid: 'InvalidIncidentCommand' } as const;

/** Webhook event types incidents add: on each linked case, and one per change of the incident. */
export const INCIDENT_EVENT_TYPES = [
  'case.incident_linked',
  'case.incident_update',
  'case.incident_unlinked',
  'incident.opened',
  'incident.updated',
  'incident.resolved',
  'incident.cancelled',
] as const;

/** At most this many case ids in one link or unlink request. */
export const MAX_LINK_BATCH = 100;
