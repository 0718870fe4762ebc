import type { Kysely } from 'kysely';

// Response and resolution times in working time on the case's own calendar, for reports.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('cases')
    .addColumn('response_business_ms', 'bigint')
    .addColumn('resolution_business_ms', 'bigint')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('cases')
    .dropColumn('response_business_ms')
    .dropColumn('resolution_business_ms')
    .execute();
}
