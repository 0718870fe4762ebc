/** The read model's schema, as Kysely types: the single description of every table. */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { CaseView } from '../domain/case/types.js';
import type { IncidentTables } from './incident-schema.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface CasesTable {
  id: string;
  number: string;
  type: string;
  channel: string;
  status: string;
  priority: string;
  level: number;
  customer_id: string;
  assignee: string | null;
  owner: string | null;
  sla_policy: string;
  breached: boolean;
  next_deadline: Timestamp | null;
  reopen_count: number;
  rating_score: number | null;
  first_contact_resolution: boolean;
  accepted_at: Timestamp | null;
  resolved_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
  /** Sequence of the last event projected; a projection with a lower one is stale and ignored. */
  seq: number;
  view: JSONColumnType<CaseView>;
  response_business_ms: number | null;
  resolution_business_ms: number | null;
  personal_data_erased_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Generated from the view: lower-cased subject, description and customer name (text search). */
  search_text: ColumnType<string, never, never>;
  /** Generated from the view: the integrator's own reference (the list's `externalRef` filter). */
  external_ref: ColumnType<string | null, never, never>;
  /** Generated from the view: the team responsible now (migration 018; the team queue). */
  team: ColumnType<string | null, never, never>;
}

export interface CaseEventsTable {
  case_id: string;
  seq: number;
  at: Timestamp;
  type: string;
  actor: string;
  data: JSONColumnType<Record<string, unknown>>;
}

export interface CustomersTable {
  id: string;
  name: string;
  tier: string;
  email: string | null;
  phone: string | null;
  organisation: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  erased_at: Timestamp | null;
}

export interface SlaPoliciesTable {
  name: string;
  definition: JSONColumnType<Record<string, unknown>>;
  updated_at: Timestamp;
}

export interface SlaRulesTable {
  position: number;
  /** {type?, priority?, tier?, channel?}: every given field must match. */
  match: JSONColumnType<Record<string, string>>;
  policy: string;
}

export interface BusinessCalendarsTable {
  name: string;
  definition: JSONColumnType<Record<string, unknown>>;
  updated_at: Timestamp;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  case_id: string | null;
  response: JSONColumnType<Record<string, unknown>> | null;
  status_code: number | null;
  created_at: CreatedAt;
}

export interface TeamsTable {
  name: string;
  case_types: JSONColumnType<string[]>;
  min_level: number;
  max_level: number;
  /** The team's lead: an agent id (migration 019). */
  lead: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Which team takes a raised level (case_type '*': any type), and whom to tell (migration 018). */
export interface EscalationRulesTable {
  level: number;
  case_type: ColumnType<string, string | undefined, string>;
  team: string;
  manager: string | null;
  notify: JSONColumnType<string[]>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface AgentsTable {
  id: string;
  name: string;
  team: string;
  active: boolean;
  /** Where copies of the agent's notifications go (migration 019). */
  email: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  role: string;
  key_hash: string;
  created_at: CreatedAt;
  revoked_at: Timestamp | null;
  expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** An integrator key that sees only the cases its integration (the key's name) opened. */
  scoped: Generated<boolean>;
}

export interface RateLimitsTable {
  bucket: string;
  window_start: Timestamp;
  hits: number;
}

export interface CodecSessionsTable {
  token_hash: string;
  key_id: string;
  role: string;
  name: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export interface CodecAccessTable {
  id: Generated<number>;
  at: CreatedAt;
  actor: string;
  key_id: string;
  via: string;
  workflow_ids: JSONColumnType<string[]>;
  case_ids: JSONColumnType<string[]>;
  payloads: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: CreatedAt;
  actor: string;
  action: string;
  target_type: string;
  target_id: string | null;
  address: string | null;
  request_id: string | null;
  before: ColumnType<unknown, string | null, never>;
  after: ColumnType<unknown, string | null, never>;
  details: ColumnType<Record<string, unknown> | null, string | null, never>;
}

export interface OutboxTable {
  event_id: string;
  case_id: string;
  seq: number;
  type: string;
  payload: JSONColumnType<Record<string, unknown>>;
  created_at: CreatedAt;
}

export interface WebhookSubscriptionsTable {
  id: string;
  url: string;
  /** Event types, or ['*'] for all. */
  event_types: JSONColumnType<string[]>;
  secret: string;
  active: boolean;
  /** Paused: deliveries are queued but not sent until resumed. */
  paused: Generated<boolean>;
  /** After a rotation, the old secret still signs (a second v1) until previous_secret_until. */
  previous_secret: string | null;
  previous_secret_until: Timestamp | null;
  /**
   * The integration (an integrator key's name) it belongs to: it gets only events of the cases that
   * integration opened and of incidents linked to them. Null: admin-owned, every event (migration 015).
   */
  integration: string | null;
  created_at: CreatedAt;
}

export interface WebhookDeliveriesTable {
  subscription_id: string;
  event_id: string;
  case_id: string;
  seq: number;
  /** cancelled: the subscription was deleted before it was sent. */
  status: Generated<'pending' | 'delivered' | 'failed' | 'cancelled'>;
  attempts: Generated<number>;
  last_status_code: number | null;
  last_error: string | null;
  locked_until: Timestamp | null;
  created_at: CreatedAt;
  last_attempt_at: Timestamp | null;
  delivered_at: Timestamp | null;
  /** When the next attempt is due (backoff after a failure). */
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  retry_from: Timestamp | null;
}

export interface DataKeysTable {
  case_id: string;
  customer_id: string;
  wrapping_key_id: string;
  wrapped_key: string;
  created_at: CreatedAt;
}

/** The console's sign-in sessions: the same columns as the codec's. */
export type ConsoleSessionsTable = CodecSessionsTable;
export interface MailMessagesTable {
  id: string;
  case_id: string;
  seq: number;
  event_type: string;
  kind: string;
  locale: string;
  message_id: string;
  to_address: string | null;
  subject: string | null;
  text_body: string | null;
  html_body: string | null;
  status: Generated<string>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: CreatedAt;
  last_attempt_at: Timestamp | null;
  sent_at: Timestamp | null;
  /** The mail task queue whose sender sends it; empty (with next_attempt_at) for rows of an earlier release, sent by their own workflow (migration 014). */
  task_queue: string | null;
  next_attempt_at: Timestamp | null;
  locked_until: Timestamp | null;
}

/** One per case event and person told (migration 019). */
export interface NotificationsTable {
  id: Generated<number>;
  person: string;
  case_id: string;
  seq: number;
  event_type: string;
  data: JSONColumnType<Record<string, unknown>>;
  created_at: CreatedAt;
  read_at: Timestamp | null;
}

export interface CustomerLinkRevocationsTable {
  case_id: string;
  revoked_before: Timestamp;
}

export interface Database extends IncidentTables {
  cases: CasesTable;
  case_events: CaseEventsTable;
  customers: CustomersTable;
  sla_policies: SlaPoliciesTable;
  sla_rules: SlaRulesTable;
  business_calendars: BusinessCalendarsTable;
  idempotency_keys: IdempotencyKeysTable;
  teams: TeamsTable;
  agents: AgentsTable;
  escalation_rules: EscalationRulesTable;
  api_keys: ApiKeysTable;
  outbox: OutboxTable;
  data_keys: DataKeysTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  rate_limits: RateLimitsTable;
  codec_sessions: CodecSessionsTable;
  codec_access: CodecAccessTable;
  audit_log: AuditLogTable;
  console_sessions: ConsoleSessionsTable;
  mail_messages: MailMessagesTable;
  customer_link_revocations: CustomerLinkRevocationsTable;
  notifications: NotificationsTable;
}
