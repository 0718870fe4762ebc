import { sql, type Kysely } from 'kysely';

/**
 * People are told: one notification per case event and person (the unique key makes a retried
 * projection harmless), written in the projection's transaction; a team's lead (an agent id) and an
 * agent's e-mail address for mail copies. Each new notification is announced on the channel
 * `notification_added` (delivered at commit), which the API turns into its person's live stream.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    // The person told: the name in an actor `role:name` (an agent's id, a supervisor key's name).
    .addColumn('person', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    // What the text is rendered from: the case's number and the event's facts (scrubbed on erasure).
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', 'timestamptz')
    .addUniqueConstraint('notifications_once', ['case_id', 'seq', 'person'])
    .execute();
  await sql`CREATE INDEX notifications_by_person ON notifications (person, id DESC)`.execute(db);
  await sql`CREATE INDEX notifications_unread ON notifications (person, id DESC) WHERE read_at IS NULL`.execute(
    db,
  );
  await sql`CREATE FUNCTION notify_notification_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('notification_added', json_build_object(
    'id', NEW.id::text, 'person', NEW.person, 'caseId', NEW.case_id)::text);
  RETURN NULL;
END $$`.execute(db);
  await sql`CREATE TRIGGER notifications_notify AFTER INSERT ON notifications FOR EACH ROW EXECUTE FUNCTION notify_notification_added()`.execute(
    db,
  );
  await db.schema.alterTable('teams').addColumn('lead', 'text').execute();
  await db.schema.alterTable('agents').addColumn('email', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS notifications_notify ON notifications`.execute(db);
  await sql`DROP FUNCTION IF EXISTS notify_notification_added()`.execute(db);
  await db.schema.dropTable('notifications').ifExists().execute();
  await db.schema.alterTable('teams').dropColumn('lead').execute();
  await db.schema.alterTable('agents').dropColumn('email').execute();
}
