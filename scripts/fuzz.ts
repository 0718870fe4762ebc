/**
 * npm run fuzz [-- --examples=N] [--roles=admin,integrator] [--seed=N]
 *
 * Fuzzes the served OpenAPI document with schemathesis (every check), once per role, against the
 * real service (compiled `start`: embedded Temporal + PostgreSQL under a fresh data directory), and prints the
 * counts per role. A schema-valid request refused for a reason a JSON schema cannot state (a
 * reference to something that does not exist, an order between two fields, "in the future", a name
 * that must repeat the path's, a replayed Idempotency-Key) is counted apart, by reason; every other
 * failure fails the run. Installs schemathesis into .tools/st on first use (needs python3 + pip).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildIsFresh } from '../dev/workflow-bundle.js';
import {
  npmStartArgs,
  ready,
  serviceEnv,
  startService as startProcess,
} from '../test/support/service-process.js';

const SCHEMATHESIS_VERSION = '4.32.5';
const ST = path.resolve('.tools/st/bin/schemathesis');
const ROLES = ['admin', 'supervisor', 'agent', 'integrator'] as const;
type Role = (typeof ROLES)[number];

/** Refusals of schema-valid input that no JSON schema can express, each with why. */
export const UNSTATABLE: { reason: string; detail: RegExp }[] = [
  {
    reason: 'Idempotency-Key replayed with another body (422)',
    detail: /already used with a different request/,
  },
  { reason: 'cursor not given out by this API', detail: /cursor is not one this API gave out/ },
  {
    reason: 'names something that does not exist',
    detail:
      /unknown SLA policy|unknown business calendar|no team named|no active agent|unknown calendar|not a known calendar|no incident with id|unknown case id/,
  },
  {
    reason: 'order between two fields',
    detail: /must be before|must not end before|does not start before|overlap|must not exceed/,
  },
  { reason: 'must repeat the name in the path', detail: /but the path names/ },
  {
    reason: 'relative to now',
    detail: /in the future|days from now|days after now|beyond the horizon|horizon/,
  },
  { reason: 'sum of duration parts beyond its bound', detail: /invalid SLA duration .*at most/ },
  { reason: 'a calendar with no working time', detail: /has no working time/ },
  {
    reason: 'a webhook target on this machine or a private network (WEBHOOK_ALLOWED_HOSTS)',
    detail:
      /(names this machine or a metadata service|link-local or metadata address) \(allow it with WEBHOOK_ALLOWED_HOSTS\)/,
  },
];

interface Counts {
  generated: number;
  failures: Map<string, number>;
  unstatable: Map<string, number>;
}

function ensureSchemathesis(): void {
  if (existsSync(ST)) return;
  console.log(`installing schemathesis ${SCHEMATHESIS_VERSION} into .tools/st…`);
  const run = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { stdio: 'inherit' });
    if (r.status !== 0)
      throw new Error(`${cmd} ${args.join(' ')} failed; python3 with venv and pip is needed`);
  };
  run('python3', ['-m', 'venv', '.tools/st']);
  run('.tools/st/bin/pip', ['install', '--quiet', `schemathesis==${SCHEMATHESIS_VERSION}`]);
}

async function startService(keys: Record<Role, string>, dataDir: string) {
  const { env, apiUrl } = await serviceEnv(dataDir, {
    CASE_API_KEYS: ROLES.map((r) => `${r}:${r === 'agent' ? 'fuzz.agent' : `${r}.fuzz`}=${keys[r]}`).join(
      ',',
    ),
    RATE_LIMIT_PER_MINUTE: '1000000',
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000000',
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    LOG_LEVEL: 'error',
  });
  // What ships is what is fuzzed: the compiled service, built from the sources as they are.
  if (!buildIsFresh()) spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  const child = startProcess(env, npmStartArgs());
  await ready(child);
  return { url: apiUrl, child };
}

/** The agent key's person must be an active agent in the directory. */
async function addFuzzAgent(url: string, adminKey: string): Promise<void> {
  const put = async (p: string, body: unknown) => {
    const res = await fetch(url + p, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${adminKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`PUT ${p}: ${res.status} ${await res.text()}`);
  };
  await put('/v1/teams/fuzz', { caseTypes: ['complaint', 'fault_report'], minLevel: 1, maxLevel: 3 });
  await put('/v1/agents/fuzz.agent', { name: 'Fuzz Agent', team: 'fuzz', active: true });
}

/** Counts from schemathesis's text report: its summary lines and each ST202 failure's detail. */
export function countReport(out: string): Counts {
  const counts: Counts = { generated: 0, failures: new Map(), unstatable: new Map() };
  counts.generated = Number(/(\d+) generated/.exec(out)?.[1] ?? 0);
  const blocks = out.split(/\n(?=- ST\d+ )/).slice(1);
  for (const block of blocks) {
    const code = /^- (ST\d+ [^\n]+)/.exec(block)![1]!.trim();
    const detail = /"detail":"((?:[^"\\]|\\.)*)"/.exec(block)?.[1] ?? '';
    const known = code.startsWith('ST202') ? UNSTATABLE.find((u) => u.detail.test(detail)) : undefined;
    const bucket = known ? counts.unstatable : counts.failures;
    const key = known ? known.reason : code + (detail ? ` — ${detail.slice(0, 160)}` : '');
    bucket.set(key, (bucket.get(key) ?? 0) + 1);
  }
  return counts;
}

function fuzz(url: string, key: string, examples: number, seed: number): Promise<string> {
  const args = ['run', `${url}/openapi.json`, '-H', `Authorization: Bearer ${key}`, '--checks', 'all'];
  args.push('--max-examples', String(examples), '--seed', String(seed), '--request-timeout', '30');
  args.push('--no-color', '--output-truncate', 'false');
  return new Promise((resolve) => {
    const child = spawn(ST, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.once('exit', () => resolve(out));
  });
}

async function main(): Promise<number> {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const examples = Number(arg('examples') ?? 10);
  const seed = Number(arg('seed') ?? 1);
  const roles = (arg('roles')?.split(',') ?? [...ROLES]) as Role[];
  ensureSchemathesis();
  const keys = Object.fromEntries(ROLES.map((r) => [r, `fuzz-${r}-${randomUUID()}`])) as Record<Role, string>;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'case-fuzz-'));
  const reports = mkdtempSync(path.join(tmpdir(), 'case-fuzz-reports-'));
  console.log(`schemathesis reports: ${reports}`);
  const service = await startService(keys, dataDir);
  let failed = 0;
  try {
    await addFuzzAgent(service.url, keys.admin);
    for (const role of roles) {
      const t0 = Date.now();
      const out = await fuzz(service.url, keys[role], examples, seed);
      const c = countReport(out);
      const fails = [...c.failures.values()].reduce((a, b) => a + b, 0);
      const unstatable = [...c.unstatable.values()].reduce((a, b) => a + b, 0);
      failed += fails;
      console.log(
        `${role}: ${c.generated} requests generated, ${fails} failures, ${unstatable} refusals a schema cannot state (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
      );
      for (const [k, n] of c.failures) console.log(`  ! ${n} × ${k}`);
      for (const [k, n] of c.unstatable) console.log(`  · ${n} × ${k}`);
      // The whole report, with a curl line to reproduce each failure.
      writeFileSync(path.join(reports, `${role}.txt`), out);
    }
  } finally {
    service.child.kill('SIGINT');
    await new Promise((r) => service.child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(
    `fuzz: ${failed === 0 ? 'passed' : `${failed} failures`} (${examples} examples per operation, seed ${seed})`,
  );
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`fuzz: ${err.message}`);
    process.exit(2);
  },
);
