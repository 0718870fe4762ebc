/** The audit of the codec endpoint: every decode, who asked and which cases and workflows it concerned. */
import { sql } from 'kysely';
import type { Db } from './database.js';

export interface CodecAccess {
  actor: string;
  keyId: string;
  via: 'key' | 'session';
  workflowIds: string[];
  caseIds: string[];
  payloads: number;
}

export async function recordCodecAccess(db: Db, a: CodecAccess): Promise<void> {
  await db
    .insertInto('codec_access')
    .values({
      actor: a.actor,
      key_id: a.keyId,
      via: a.via,
      workflow_ids: JSON.stringify(a.workflowIds),
      case_ids: JSON.stringify(a.caseIds),
      payloads: a.payloads,
    })
    .execute();
}

/** Decodes newest first, optionally of one case (by case id or its workflow id) or one actor. */
export function listCodecAccess(db: Db, f: { caseId?: string; actor?: string; limit: number }) {
  return db
    .selectFrom('codec_access')
    .selectAll()
    .$if(f.caseId !== undefined, (s) =>
      s.where(sql<boolean>`(case_ids ? ${f.caseId!} or workflow_ids ? ${`case:${f.caseId}`})`),
    )
    .$if(f.actor !== undefined, (s) => s.where('actor', '=', f.actor!))
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit)
    .execute();
}
