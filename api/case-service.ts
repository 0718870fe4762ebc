/**
 * The API's side of a case, one object the routes hold: opening (case-opening.ts), actions as
 * Workflow Updates (case-commands.ts), and reads from the read model.
 */
import type { Client } from '@temporalio/client';
import { findCaseView } from '../db/cases.js';
import type { Db } from '../db/database.js';
import type { PersonalData } from '../db/personal-data.js';
import type { BusinessCalendar } from '../domain/calendar/index.js';
import type { CaseCommand } from '../domain/case/commands.js';
import type { CaseView, SlaSnapshot } from '../domain/case/types.js';
import { type Principal } from './auth.js';
import { actOnCase } from './case-commands.js';
import { openCase } from './case-opening.js';
import { claimKey } from './idempotency.js';
import { problem } from './problem.js';
import type { OpenCaseBody } from './routes/case-schemas.js';
import { scopeOf } from './scope.js';
import type { SlaCatalog } from './sla-catalog.js';

export interface CaseServiceDeps {
  client: Client;
  db: Db;
  taskQueue: string;
  updateTimeoutMs: number;
  fourEyes: boolean;
  personalData: PersonalData;
  catalog: SlaCatalog;
}

export class CaseService {
  constructor(private readonly deps: CaseServiceDeps) {}

  /** Opens a case; with an Idempotency-Key the same key and body always give the same case. */
  open(body: OpenCaseBody, principal: Principal, idempotencyKey?: string) {
    return openCase(this.deps, (id) => this.find(id), body, principal, idempotencyKey);
  }

  /** Runs one action as a Workflow Update; the answer already reflects it in the read model. */
  act(
    caseId: string,
    command: CaseCommand,
    principal: Principal,
    idempotencyKey?: string,
  ): Promise<CaseView> {
    return actOnCase(this.deps, (id, p) => this.get(id, p), caseId, command, principal, idempotencyKey);
  }

  claimIdempotencyKey(principal: Principal, key: string, operation: string, body: unknown, caseId: string) {
    return claimKey(this.deps.db, principal, key, operation, body, caseId);
  }

  /** The case, if it exists and (for a scoped integrator) its integration opened it. */
  find(caseId: string, principal?: Principal): Promise<CaseView | undefined> {
    return findCaseView(this.deps.db, caseId, principal && scopeOf(principal));
  }

  async get(caseId: string, principal?: Principal): Promise<CaseView> {
    const view = await this.find(caseId, principal);
    if (!view) throw problem.notFound(`no case with id '${caseId}'`);
    return view;
  }

  snapshotPolicy(name: string, explicit: boolean): Promise<SlaSnapshot> {
    return this.deps.catalog.snapshotPolicy(name, explicit);
  }

  calendar(name: string): Promise<BusinessCalendar> {
    return this.deps.catalog.calendar(name);
  }
}
