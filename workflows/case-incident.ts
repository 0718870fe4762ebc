/**
 * The case workflow's side of incidents: one Workflow Update through which its incident links it,
 * tells it each public message, resolves it and unlinks it. The decisions are domain/case/incident.ts;
 * the search attribute CaseIncidentId follows the link so ops can list an incident's cases.
 */
import { condition, defineUpdate, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { SA } from '../domain/case/contract.js';
import { applyIncidentNotice, checkLink } from '../domain/case/incident.js';
import type { Outcome } from '../domain/case/decision.js';
import { toCaseView } from '../domain/case/view.js';
import type { CaseState, CaseView } from '../domain/case/types.js';
import { INCIDENT_MSG } from '../domain/incident/contract.js';
import type { IncidentNotice } from '../domain/incident/types.js';
import { isPatched, PATCHES } from './patches.js';
import { refusalsAsFailures } from './refusals.js';

export const incidentNoticeUpdate = defineUpdate<CaseView, [IncidentNotice]>(INCIDENT_MSG.caseNotice);

export interface CaseIncidentHooks {
  state: () => CaseState;
  /** The case has opened (its first projection is done). */
  ready: () => boolean;
  commit: (outcome: Outcome) => Promise<void>;
}

const actorOf = (n: IncidentNotice): string =>
  n.kind === 'resolve'
    ? n.resolution.resolvedBy
    : `incident:${n.kind === 'link' ? n.incident.id : n.incidentId}`;

export function handleIncidentNotices(h: CaseIncidentHooks): void {
  setHandler(
    incidentNoticeUpdate,
    async (notice: IncidentNotice) => {
      await condition(h.ready);
      const before = h.state().incident?.id ?? null;
      const outcome = refusalsAsFailures(() =>
        applyIncidentNotice(h.state(), notice, { now: Date.now(), actor: actorOf(notice) }),
      );
      // commit() takes the new state before its first await: the attribute is upserted in the same task.
      const committed = h.commit(outcome);
      const after = h.state().incident?.id ?? null;
      if (after !== before && isPatched(PATCHES.incidentLinks)) {
        upsertSearchAttributes([{ key: SA.incidentId, value: after }]);
      }
      await committed;
      return toCaseView(h.state());
    },
    {
      validator: (notice: IncidentNotice) => {
        if (notice.kind === 'link') refusalsAsFailures(() => checkLink(h.state(), notice.incident.id));
      },
    },
  );
}
