import { sql, type Kysely } from 'kysely';

/**
 * scrub_free_text(json, keys, replacement): the json with every string found under one of `keys`,
 * at any depth (a resolved event's `resolution.summary`, a view's `rating.comment`), replaced.
 * Erasure runs it over views, events and outbox payloads inside the transaction that destroys the
 * data keys. PL/pgSQL rather than SQL because it calls itself.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE OR REPLACE FUNCTION scrub_free_text(j jsonb, keys text[], replacement text)
    RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
    BEGIN
      CASE jsonb_typeof(j)
        WHEN 'object' THEN
          RETURN (SELECT coalesce(jsonb_object_agg(k, CASE
                    WHEN k = ANY (keys) AND jsonb_typeof(v) = 'string' THEN to_jsonb(replacement)
                    ELSE scrub_free_text(v, keys, replacement) END), '{}'::jsonb)
                  FROM jsonb_each(j) AS e (k, v));
        WHEN 'array' THEN
          RETURN (SELECT coalesce(jsonb_agg(scrub_free_text(v, keys, replacement) ORDER BY i), '[]'::jsonb)
                  FROM jsonb_array_elements(j) WITH ORDINALITY AS a (v, i));
        ELSE
          RETURN j;
      END CASE;
    END $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP FUNCTION IF EXISTS scrub_free_text(jsonb, text[], text)`.execute(db);
}
