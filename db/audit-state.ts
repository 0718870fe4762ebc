/**
 * The states of settings the audit log records before and after a change. Each reads one record
 * as it is stored; the API removes secrets before anything is written (api/audit.ts).
 */
import type { Db } from './database.js';

export const auditedState = {
  team: (db: Db) => (name: string) =>
    db.selectFrom('teams').selectAll().where('name', '=', name).executeTakeFirst().then(orNull),
  agent: (db: Db) => (id: string) =>
    db.selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirst().then(orNull),
  apiKey: (db: Db) => (id: string) =>
    db
      .selectFrom('api_keys')
      .select(['id', 'name', 'role', 'scoped', 'created_at', 'revoked_at', 'expires_at'])
      .where('id', '=', id)
      .executeTakeFirst()
      .then(orNull),
  policy: (db: Db) => (name: string) =>
    db
      .selectFrom('sla_policies')
      .select('definition')
      .where('name', '=', name)
      .executeTakeFirst()
      .then((r) => r?.definition ?? null),
  calendar: (db: Db) => (name: string) =>
    db
      .selectFrom('business_calendars')
      .select('definition')
      .where('name', '=', name)
      .executeTakeFirst()
      .then((r) => r?.definition ?? null),
  webhook: (db: Db) => (id: string) =>
    db
      .selectFrom('webhook_subscriptions')
      .select(['id', 'url', 'event_types', 'integration', 'active', 'paused', 'previous_secret_until'])
      .where('id', '=', id)
      .executeTakeFirst()
      .then(orNull),
};

const orNull = <T>(r: T | undefined): T | null => r ?? null;
