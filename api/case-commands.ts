/**
 * An action on a case: one Workflow Update, with the assignee checked, free text sealed and the
 * Idempotency-Key claimed first; the answer already reflects it in the read model.
 */
import { isActiveAgent, requireActiveAgent, UnknownAgent } from '../db/directory.js';
import { withTeamFacts } from './case-teams.js';
import { FREE_TEXT_FIELDS, type CaseCommand } from '../domain/case/commands.js';
import { isTerminal, workflowIdForCase } from '../domain/case/contract.js';
import type { CaseView } from '../domain/case/types.js';
import { actorOf } from '../domain/people.js';
import { actionUpdates } from '../workflows/case-updates.js';
import { type Principal } from './auth.js';
import { explainUpdateFailure, isWorkflowGone, notAllowed } from './case-failures.js';
import type { CaseServiceDeps } from './case-service.js';
import { claimKey } from './idempotency.js';
import { problem } from './problem.js';

export async function actOnCase(
  deps: CaseServiceDeps,
  get: (caseId: string, principal?: Principal) => Promise<CaseView>,
  caseId: string,
  command: CaseCommand,
  principal: Principal,
  idempotencyKey?: string,
): Promise<CaseView> {
  const current = await get(caseId, principal);
  command = await checkAssignee(deps, command, current, principal);
  command = await withTeamFacts(deps.db, command, current, principal);
  let retry = false;
  if (idempotencyKey) {
    const operation = `POST ${caseId} ${command.action}`;
    retry = !(await claimKey(deps.db, principal, idempotencyKey, operation, command, caseId)).fresh;
  }
  // A retry goes to the workflow even when the read model says the case ended: the read model can
  // be ahead of what Temporal recorded, and only the workflow knows whether the action took effect.
  if (isTerminal(current.status) && !retry) throw notAllowed(command.action, current.status);
  const { client, updateTimeoutMs } = deps;
  const handle = client.workflow.getHandle(workflowIdForCase(caseId));
  const sealed = await sealFreeText(deps, current, command);
  try {
    const view = await client.connection.withDeadline(Date.now() + updateTimeoutMs, () =>
      handle.executeUpdate(actionUpdates[command.action], {
        args: [
          {
            actor: actorOf(principal),
            command: sealed,
            ...(command.action === 'approval' && deps.fourEyes ? { fourEyes: true } : {}),
          },
        ],
        updateId: idempotencyKey ? `${principal.keyId}:${idempotencyKey}` : undefined,
      }),
    );
    return await deps.personalData.reveal(view);
  } catch (err) {
    // The workflow has completed: a retry of the action that ended it gets the case, not a conflict.
    if (retry && isWorkflowGone(err)) return get(caseId);
    throw await explainUpdateFailure(err, command.action, async () => (await get(caseId)).status);
  }
}

/**
 * The command with its free text sealed with the case's data key: the workflow treats it as an
 * opaque string, so it enters Temporal's history only in the sealed form (see db/personal-data.ts).
 */
async function sealFreeText(
  deps: CaseServiceDeps,
  view: CaseView,
  command: CaseCommand,
): Promise<CaseCommand> {
  const fields = command as unknown as Record<string, unknown>;
  const text = Object.fromEntries(
    FREE_TEXT_FIELDS[command.action].flatMap((f) => (typeof fields[f] === 'string' ? [[f, fields[f]]] : [])),
  ) as Record<string, string>;
  if (Object.keys(text).length === 0) return command;
  return { ...command, ...(await deps.personalData.seal(view.id, view.customer.id, text)) };
}

/**
 * An assignee must be a known, active agent. An agent accepting an unassigned case without naming
 * anyone takes it as themself, by their directory id.
 */
async function checkAssignee(
  deps: CaseServiceDeps,
  command: CaseCommand,
  current: CaseView,
  principal: Principal,
): Promise<CaseCommand> {
  if (command.action !== 'accept' && command.action !== 'assign') return command;
  const assignee = command.assignee;
  if (assignee === undefined && current.assignee === null && principal.role === 'agent') {
    const self = await isActiveAgent(deps.db, principal.name);
    return self ? { ...command, assignee: principal.name } : command;
  }
  if (assignee === undefined) return command;
  try {
    await requireActiveAgent(deps.db, assignee);
  } catch (err) {
    if (err instanceof UnknownAgent) {
      throw problem.badRequest(`assignee: ${err.message}`, [
        { path: 'assignee', in: 'body', message: 'no such active agent' },
      ]);
    }
    throw err;
  }
  return command;
}
