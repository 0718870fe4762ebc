/**
 * What the case machine needs to know of the directory for transfers (it stays pure): that the
 * department exists, the owner's team to return to, and whether the caller belongs to the
 * department that has the case (a supervisor counts as one).
 */
import type { Db } from '../db/database.js';
import { teamExists, teamOfAgent } from '../db/directory.js';
import type { CaseCommand } from '../domain/case/commands.js';
import type { CaseView } from '../domain/case/types.js';
import type { Principal } from './auth.js';
import { problem } from './problem.js';

export async function withTeamFacts(
  db: Db,
  command: CaseCommand,
  current: CaseView,
  principal: Principal,
): Promise<CaseCommand> {
  switch (command.action) {
    case 'transfer': {
      if (!(await teamExists(db, command.team))) {
        throw problem.unprocessable(`no team named '${command.team}': transfer to an existing team`, [
          { path: 'team', in: 'body', message: 'unknown team' },
        ]);
      }
      const ownerTeam = current.owner ? await teamOfAgent(db, current.owner) : null;
      return { ...command, ownerTeam };
    }
    case 'findings':
      return current.transfer
        ? { ...command, byDepartment: await inDepartment(db, current, principal) }
        : command;
    case 'refuse-transfer':
      if (current.transfer && !(await inDepartment(db, current, principal))) {
        throw problem.forbidden(
          `only a member of team '${current.transfer.team}' (which has the case) or a supervisor may refuse the transfer`,
        );
      }
      return command;
    default:
      return command;
  }
}

/** A member of the team that has the case, or a supervisor (or admin). */
async function inDepartment(db: Db, current: CaseView, principal: Principal): Promise<boolean> {
  if (principal.role === 'supervisor' || principal.role === 'admin') return true;
  if (principal.role !== 'agent' || !current.team) return false;
  return (await teamOfAgent(db, principal.name)) === current.team;
}
