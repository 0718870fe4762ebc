import { sql, type Kysely } from 'kysely';

/**
 * redact_free_text(json, keys, needles, replacement): the json with every occurrence of each needle
 * (the customer's name, e-mail, phone), case-insensitively, replaced inside the strings found under
 * one of `keys` at any depth. Retention keeps the complaint archive's findings and resolution text
 * but runs them through this first, so the archive keeps the fault and loses the person.
 * Needles shorter than two characters are ignored (they would redact ordinary words).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE OR REPLACE FUNCTION redact_text(t text, needles text[], replacement text)
    RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE n text;
    BEGIN
      FOREACH n IN ARRAY coalesce(needles, '{}') LOOP
        CONTINUE WHEN n IS NULL OR char_length(btrim(n)) < 2;
        t := regexp_replace(t, regexp_replace(btrim(n), '([.^$*+?()[\\]{}|\\\\-])', '\\\\\\1', 'g'), replacement, 'gi');
      END LOOP;
      RETURN t;
    END $$`.execute(db);
  await sql`CREATE OR REPLACE FUNCTION redact_free_text(j jsonb, keys text[], needles text[], replacement text)
    RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
    BEGIN
      CASE jsonb_typeof(j)
        WHEN 'object' THEN
          RETURN (SELECT coalesce(jsonb_object_agg(k, CASE
                    WHEN k = ANY (keys) AND jsonb_typeof(v) = 'string'
                      THEN to_jsonb(redact_text(v #>> '{}', needles, replacement))
                    ELSE redact_free_text(v, keys, needles, replacement) END), '{}'::jsonb)
                  FROM jsonb_each(j) AS e (k, v));
        WHEN 'array' THEN
          RETURN (SELECT coalesce(jsonb_agg(redact_free_text(v, keys, needles, replacement) ORDER BY i), '[]'::jsonb)
                  FROM jsonb_array_elements(j) WITH ORDINALITY AS a (v, i));
        ELSE
          RETURN j;
      END CASE;
    END $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP FUNCTION IF EXISTS redact_free_text(jsonb, text[], text[], text)`.execute(db);
  await sql`DROP FUNCTION IF EXISTS redact_text(text, text[], text)`.execute(db);
}
