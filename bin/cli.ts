/**
 * Admin command line: API keys, teams and agents.
 *   npm run cli -- keys create --role supervisor --name li.na [--expires 2027-06-30]   (prints the key once)
 *   npm run cli -- keys create --role integrator --name crm-sync [--unscoped]    (integrators: scoped by default)
 *   npm run cli -- keys list | keys revoke <id>
 *   npm run cli -- teams list | teams put <name> --types complaint,inquiry [--min-level 1] [--max-level 3] [--lead AGENT]
 *   npm run cli -- agents list [--team T] | agents put <id> --name "Zhang San" --team front-line [--inactive] [--email A]
 * Uses DATABASE_URL, else the running embedded service's database, else opens the embedded one.
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../domain/people.js';
import { appendAudit } from '../db/audit-log.js';
import { auditedState } from '../db/audit-state.js';
import { createDb, migrate, type Db } from '../db/database.js';
import {
  createApiKey,
  listAgents,
  listApiKeys,
  listTeams,
  putAgent,
  putTeam,
  revokeApiKey,
} from '../db/directory.js';
import { CASE_TYPES } from '../domain/case/contract.js';
import { loadConfig } from '../app/config.js';
import { startEmbeddedPostgres } from '../dev/embedded-postgres.js';
import { runningEmbeddedUrl } from '../app/stack.js';

const USAGE = readFileSync(new URL(import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.startsWith(' *   '))
  .map((l) => l.slice(3))
  .join('\n');

/** The command line's changes go to the audit log too, by the operating-system user who ran it. */
function cliAudit(
  db: Db,
  action: string,
  targetType: string,
  targetId: string,
  before: unknown,
  after: unknown,
) {
  const toJson = (v: unknown) => JSON.parse(JSON.stringify(v ?? null)) as unknown;
  return appendAudit(db, {
    actor: `cli:${userInfo().username}`,
    action,
    targetType,
    targetId,
    before: toJson(before),
    after: toJson(after),
  });
}

async function openDatabase(): Promise<{ db: Db; close: () => Promise<void> }> {
  const config = loadConfig();
  let url = config.database.url;
  let stopEmbedded: (() => Promise<void>) | undefined;
  url ??= runningEmbeddedUrl(config.dataDir);
  if (!url) {
    const pg = await startEmbeddedPostgres({
      dataDir: path.join(config.dataDir, 'pg'),
      port: 0,
      maxConnections: 2,
    });
    url = pg.url;
    stopEmbedded = () => pg.stop();
  }
  const db = createDb(url, 1);
  await migrate(db);
  return {
    db,
    close: async () => {
      await db.destroy();
      await stopEmbedded?.();
    },
  };
}

const table = (rows: object[]) => (rows.length ? console.table(rows) : console.log('(none)'));

async function run(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      team: { type: 'string' },
      types: { type: 'string' },
      'min-level': { type: 'string' },
      'max-level': { type: 'string' },
      inactive: { type: 'boolean' },
      lead: { type: 'string' },
      email: { type: 'string' },
      expires: { type: 'string' },
      unscoped: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [noun, verb, arg] = positionals;
  if (values.help || !noun) return void console.log(USAGE);
  const { db, close } = await openDatabase();
  try {
    switch (`${noun} ${verb ?? ''}`.trim()) {
      case 'keys create': {
        const role = values.role as Role;
        if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
        if (!values.name)
          throw new Error('keys create --role ROLE --name PERSON (an agent key: the agent id)');
        const expiresAt = values.expires ? new Date(values.expires) : undefined;
        if (expiresAt && Number.isNaN(expiresAt.getTime()))
          throw new Error('--expires must be a date or time');
        const { key, record } = await createApiKey(db, {
          role,
          name: values.name,
          expiresAt,
          scoped: values.unscoped ? false : undefined,
        });
        await cliAudit(
          db,
          'api_key.created',
          'api_key',
          record.id,
          null,
          await auditedState.apiKey(db)(record.id),
        );
        console.log(
          `created ${record.id} (${record.role} ${record.name}${record.scoped ? ', scoped to its own cases' : ''}${record.expiresAt ? `, expires ${record.expiresAt}` : ''})`,
        );
        console.log(`key (shown once, store it now): ${key}`);
        break;
      }
      case 'keys list':
        table(await listApiKeys(db));
        break;
      case 'keys revoke':
        if (!arg) throw new Error('keys revoke <id>');
        if (await revokeApiKey(db, arg)) {
          await cliAudit(db, 'api_key.revoked', 'api_key', arg, null, await auditedState.apiKey(db)(arg));
          console.log(`revoked ${arg}`);
        } else console.log(`no active key ${arg}`);
        break;
      case 'teams list':
        table(await listTeams(db));
        break;
      case 'teams put': {
        const types = (values.types ?? '').split(',').filter(Boolean);
        const unknown = types.filter((t) => !(CASE_TYPES as readonly string[]).includes(t));
        if (!arg || types.length === 0 || unknown.length) {
          throw new Error(
            `teams put <name> --types ${CASE_TYPES.join(',')} (unknown: ${unknown.join(',') || 'none'})`,
          );
        }
        const teamBefore = await auditedState.team(db)(arg);
        const team = await putTeam(db, {
          name: arg,
          caseTypes: types,
          minLevel: Number(values['min-level'] ?? 1),
          maxLevel: Number(values['max-level'] ?? 3),
          lead: values.lead ?? null,
        });
        await cliAudit(db, 'team.put', 'team', arg, teamBefore, await auditedState.team(db)(arg));
        console.log(
          `team ${team.name}: ${team.caseTypes.join(', ')} at levels ${team.minLevel}-${team.maxLevel}`,
        );
        break;
      }
      case 'agents list':
        table(await listAgents(db, values.team));
        break;
      case 'agents put': {
        if (!arg || !values.team) throw new Error('agents put <id> --name NAME --team TEAM [--inactive]');
        const agentBefore = await auditedState.agent(db)(arg);
        const a = await putAgent(db, {
          id: arg,
          name: values.name ?? arg,
          team: values.team,
          active: !values.inactive,
          email: values.email ?? null,
        });
        await cliAudit(db, 'agent.put', 'agent', arg, agentBefore, await auditedState.agent(db)(arg));
        console.log(`agent ${a.id} (${a.name}) in ${a.team}${a.active ? '' : ', inactive'}`);
        break;
      }
      default:
        throw new Error(`unknown command '${positionals.join(' ')}'\n${USAGE}`);
    }
  } finally {
    await close();
  }
}

run(process.argv.slice(2)).catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
