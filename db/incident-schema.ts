/** The incidents' tables (migration 012), as Kysely types; db/schema.ts's Database includes them. */
import type { ColumnType, JSONColumnType } from 'kysely';
import type { IncidentView } from '../domain/incident/types.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface IncidentsTable {
  id: string;
  number: string;
  title: string;
  kind: string;
  severity: string;
  status: string;
  breached: boolean;
  messages: number;
  first_message_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
  seq: number;
  view: JSONColumnType<IncidentView>;
}

export interface IncidentCasesTable {
  incident_id: string;
  case_id: string;
  linked_at: Timestamp;
  linked_by: string;
  unlinked_at: Timestamp | null;
  /** The last incident message this case was told (0: none yet). */
  last_message_seq: ColumnType<number, number | undefined, number>;
}

export interface IncidentTables {
  incidents: IncidentsTable;
  incident_cases: IncidentCasesTable;
}
