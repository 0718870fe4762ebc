/**
 * The README works as written: its set-up-and-run command's settings start the real compiled
 * service (`npm start`'s own command: embedded Temporal dev server + embedded PostgreSQL, in a
 * temporary DATA_DIR on free ports), then every shell block of README.md and of docs/*.md runs as
 * pasted, in bash, one session per file: each must exit 0, and the README's tour must leave the
 * case closed with the rating it gave. Blocks marked `no-run` are listed so the list stays small.
 * docs/api.md's endpoint table must name every route the service declares, with its roles.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  killLeftovers,
  npmStartArgs,
  ready,
  ROOT,
  serviceEnv,
  startService,
  stop,
} from '../support/service-process.js';
import { documentedFiles, driverScript, shellBlocks } from './blocks.js';

const CI = process.env.CI === 'true';
const hasCurl = spawnSync('bash', ['-c', 'command -v curl'], { stdio: 'ignore' }).status === 0;
if (CI && !hasCurl)
  throw new Error('curl is missing: the README examples need it (CI=true: a failure, not a skip)');

/** The settings the README's set-up-and-run command gives `npm start` (`NAME=value … npm start`). */
function readmeStartSettings(readme: string): Record<string, string> {
  const line = readme.split('\n').find((l) => /^npm install && .*\bnpm start\b/.test(l));
  if (!line) throw new Error('README.md has no `npm install && … npm start` command');
  const settings: Record<string, string> = {};
  for (const m of line.slice(0, line.indexOf('npm start')).matchAll(/\b([A-Z][A-Z0-9_]*)=(\S+)/g))
    settings[m[1]!] = m[2]!;
  return settings;
}

/** `role=key` pairs of CASE_API_KEYS, by role. */
const keysByRole = (keys: string) =>
  Object.fromEntries(
    keys.split(',').map((p) => [p.slice(0, p.indexOf('=')).split(':')[0], p.slice(p.indexOf('=') + 1)]),
  );

const dataDir = mkdtempSync(path.join(tmpdir(), 'case-readme-'));
const workDir = mkdtempSync(path.join(tmpdir(), 'case-readme-work-'));
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const settings = readmeStartSettings(readme);
// The webhook example of docs/api.md runs its receiver on this machine; that page says so.
const DOCS_EXTRA = { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' };
let apiUrl = '';
let service: ReturnType<typeof startService> | undefined;

function runBlocks(file: string): { status: number | null; out: string } {
  const script = path.join(workDir, `${path.basename(file)}.sh`);
  writeFileSync(script, driverScript(shellBlocks(file, ROOT).run));
  const r = spawnSync('bash', [script], {
    cwd: workDir,
    env: { ...process.env, API: apiUrl, PATH: `${path.dirname(process.execPath)}:${process.env.PATH}` },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

/** The block that was running when the script stopped. */
const lastBlock = (out: string) => [...out.matchAll(/^::block (.*)$/gm)].pop()?.[1];

describe.skipIf(!hasCurl)('the README and docs examples, pasted into bash', () => {
  beforeAll(async () => {
    const start = npmStartArgs();
    if (!existsSync(path.join(ROOT, start[0]!)))
      throw new Error(`${start[0]} is missing: npm install (or npm run build) builds it`);
    const s = await serviceEnv(dataDir, { ...settings, ...DOCS_EXTRA });
    apiUrl = s.apiUrl;
    service = startService(s.env, start);
    await ready(service);
  }, 200_000);

  afterAll(async () => {
    if (service && service.exitCode === null) await stop(service, ['SIGTERM']);
    killLeftovers(service, dataDir);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(workDir, { recursive: true, force: true });
  }, 90_000);

  it('keeps the list of examples that do not run small, and the README has a runnable tour', () => {
    const noRun = documentedFiles(ROOT).flatMap((f) => shellBlocks(f, ROOT).noRun.map((b) => b.where));
    console.log(`examples marked no-run: ${noRun.join(', ')}`);
    expect(noRun.length).toBeLessThanOrEqual(8);
    expect(shellBlocks('README.md', ROOT).run.length).toBeGreaterThanOrEqual(2);
  });

  it('runs every block of README.md; the tour ends with the case rated and closed', async () => {
    const { status, out } = runBlocks('README.md');
    expect(status, `README.md stopped in the block at ${lastBlock(out)}:\n${out}`).toBe(0);
    expect(out).toMatch(/^::done$/m);
    const id = /^opened case (\S+)$/m.exec(out)?.[1];
    expect(id, out).toBeTruthy();
    const statuses = out.split('\n').filter((l) => /^[a-z_]+$/.test(l));
    expect(statuses.at(-1)).toBe('closed');
    const key = keysByRole(settings.CASE_API_KEYS!)['supervisor'];
    const res = await fetch(`${apiUrl}/v1/cases/${id}`, { headers: { Authorization: `Bearer ${key}` } });
    const view = (await res.json()) as { status: string; rating: { score: number } | null };
    expect(view.status).toBe('closed');
    expect(view.rating?.score).toBe(5);
  }, 240_000);

  const docsWithExamples = documentedFiles(ROOT)
    .slice(1)
    .filter((f) => shellBlocks(f, ROOT).run.length > 0);
  for (const file of docsWithExamples) {
    it(`runs every block of ${file}`, () => {
      const { status, out } = runBlocks(file);
      expect(status, `${file} stopped in the block at ${lastBlock(out)}:\n${out}`).toBe(0);
      expect(out).toMatch(/^::done$/m);
    }, 240_000);
  }

  it("docs/api.md's endpoint table names every declared route with its roles", async () => {
    const doc = (await (await fetch(`${apiUrl}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { 'x-roles'?: string[] }>>;
    };
    const declared = new Map<string, string>();
    for (const [p, ops] of Object.entries(doc.paths))
      for (const [m, op] of Object.entries(ops))
        declared.set(`${m.toUpperCase()} ${p}`, rolesOf(op['x-roles']));
    const documented = endpointTable(readFileSync(path.join(ROOT, 'docs/api.md'), 'utf8'));
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(declared));
  });
});

/** Roles as a sorted list without admin (who may do everything); `public` for routes without a key. */
function rolesOf(roles: string[] | undefined): string {
  if (!roles) return 'public';
  return (
    roles
      .filter((r) => r !== 'admin')
      .sort()
      .join(', ') || 'admin'
  );
}

/** The rows `| \`METHOD /path\` | roles | … |` of the endpoint table. */
function endpointTable(markdown: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const m of markdown.matchAll(/^\|\s*`(GET|POST|PUT|PATCH|DELETE) (\/\S*)`\s*\|([^|]+)\|/gm)) {
    const roles = m[3]!.trim();
    rows.set(`${m[1]} ${m[2]}`, roles === 'public' ? 'public' : rolesOf(roles.split(/,\s*/)));
  }
  return rows;
}
