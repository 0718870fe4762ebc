/**
 * The production topology of docker-compose.yml, run natively: PostgreSQL (initialised with the
 * compose file's init scripts), Temporal's schema by the compose file's schema script, the full
 * Temporal server on PostgreSQL with the configuration in deploy/temporal/config, the namespace and
 * search attributes by the compose file's bootstrap script, the workers and the API instances (as
 * many as the compose file's replicas) and the Web UI when its server is installed. Each process
 * gets the compose file's environment for its service, with the service names and container
 * paths turned into 127.0.0.1 ports and the files in deploy/ they are mounted from.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Connection } from '@temporalio/client';
import { findPgBin, freePort } from '../../test/support/postgres.js';
import { Child, safeRead, spawnChild, tail, waitUntil } from './child.js';
import { hostPath, loadCompose, service, type ComposeService } from './compose.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, '.tools/bin');

export interface TopologyOptions {
  /** State: PostgreSQL's data and every process's log. Kept between runs. */
  dir: string;
  /** Variables for docker-compose.yml's `${…}` (what a `.env` file gives compose). */
  variables?: Record<string, string>;
  /** Extra environment for the API and worker processes. */
  appEnv?: Record<string, string>;
  /** Host ports; 0 or absent: any free one. */
  ports?: { api?: number[]; temporal?: number; ui?: number; postgres?: number };
  /** Test runs: PostgreSQL without fsync. */
  fast?: boolean;
  log?: (line: string) => void;
}

/** Server roles' ports, each its own (all roles run in one process, as in the image). */
const SERVER_PORTS = [
  'FRONTEND_HTTP_PORT',
  'FRONTEND_MEMBERSHIP_PORT',
  'HISTORY_GRPC_PORT',
  'HISTORY_MEMBERSHIP_PORT',
  'MATCHING_GRPC_PORT',
  'MATCHING_MEMBERSHIP_PORT',
  'WORKER_GRPC_PORT',
  'WORKER_MEMBERSHIP_PORT',
] as const;

/** Containers have an address each; processes on one host share it: loopback, and any free
 *  port for each process's /metrics (the default 9464 would clash). */
const ONE_HOST = { HOST: '127.0.0.1', METRICS_PORT: '0' };

/** The environment a native process starts from: nothing of the caller's configuration. */
function baseEnv(): NodeJS.ProcessEnv {
  const keep = ['HOME', 'USER', 'TMPDIR', 'TZ', 'LANG', 'LC_ALL', 'TERM'];
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    keep.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]]),
  );
  env.PATH = `${BIN}:${path.dirname(process.execPath)}:${process.env.PATH ?? '/usr/bin:/bin'}`;
  env.FORCE_COLOR = '0';
  return env;
}

export class Topology {
  readonly services: ComposeService[];
  readonly log: (line: string) => void;
  pgPort = 0;
  temporalPort = 0;
  uiPort = 0;
  apiPorts: number[] = [];
  private serverPorts: Record<string, string> = {};
  /** PostgreSQL's own folder (data, socket, log): one the `postgres` user can reach. */
  readonly pgDir: string;
  private pgData: string;
  temporal?: Child;
  ui?: Child;
  readonly workers: Child[] = [];
  readonly apis: (Child | undefined)[] = [];
  /** Processes that exited without us ending them. */
  readonly crashes: string[] = [];
  private counter = 0;
  private stopping = false;
  /** Seconds each start-up phase took. */
  readonly timings: Record<string, number> = {};

  constructor(readonly opts: TopologyOptions) {
    this.services = loadCompose(path.join(ROOT, 'docker-compose.yml'), {
      ...process.env,
      ...opts.variables,
    });
    this.log = opts.log ?? (() => {});
    mkdirSync(opts.dir, { recursive: true });
    this.pgDir = postgresFolder(opts.dir);
    this.pgData = path.join(this.pgDir, 'postgresql');
    if (this.pgDir !== opts.dir) this.log(`  postgresql: data in ${this.pgDir} (${opts.dir} is private)`);
  }

  get temporalAddress(): string {
    return `127.0.0.1:${this.temporalPort}`;
  }
  apiUrl(i: number): string {
    return `http://127.0.0.1:${this.apiPorts[i]}`;
  }
  get uiUrl(): string | undefined {
    return this.ui ? `http://localhost:${this.uiPort}` : undefined;
  }
  /** The compose file's value of a service's variable (interpolated). */
  env(serviceName: string, key: string): string | undefined {
    return service(this.services, serviceName).environment[key];
  }

  /** Everything, in the compose file's order of dependencies. `afterSchema` runs before the
   *  server starts, `afterBootstrap` before the workers and APIs (they register missing search
   *  attributes themselves): checks there see what the one-shot scripts did. */
  async start(
    hooks: { afterSchema?: () => Promise<void>; afterBootstrap?: () => Promise<void> } = {},
  ): Promise<void> {
    const p = this.opts.ports ?? {};
    const api = service(this.services, 'api');
    this.pgPort = p.postgres || (await freePort());
    this.temporalPort = p.temporal || (await serverPort());
    this.uiPort = p.ui || (await freePort());
    this.apiPorts = [];
    for (let i = 0; i < api.replicas; i++) this.apiPorts.push(p.api?.[i] || (await freePort()));
    for (const k of SERVER_PORTS) this.serverPorts[k] = String(await serverPort());

    await this.timed('postgres', () => this.startPostgres());
    await this.timed('schema', () => this.runOneShot('temporal-schema'));
    await hooks.afterSchema?.();
    await this.timed('temporal', () => this.startTemporal());
    await this.timed('bootstrap', () => this.runOneShot('temporal-admin-tools'));
    await hooks.afterBootstrap?.();
    if (existsSync(path.join(BIN, 'temporal-ui-server'))) await this.timed('ui', () => this.startUi());
    const workers = service(this.services, 'worker').replicas;
    await this.timed('app', () =>
      Promise.all([
        ...Array.from({ length: workers }, () => this.startWorker()),
        ...this.apiPorts.map((_, i) => this.startApi(i)),
      ]),
    );
  }

  private async timed(phase: string, fn: () => Promise<unknown>): Promise<void> {
    const t0 = Date.now();
    await fn();
    this.timings[phase] = (Date.now() - t0) / 1000;
    this.log(`  ${phase} up in ${this.timings[phase]!.toFixed(1)} s`);
  }

  // --- the compose file's environment, natively ---------------------------------------------------

  /** Service names → 127.0.0.1 and its native port; published host ports → their native ports. */
  private nativeEnv(s: ComposeService): Record<string, string> {
    const containerPorts: Record<string, Record<string, number>> = {
      postgresql: { 5432: this.pgPort },
      temporal: { 7233: this.temporalPort },
      'temporal-ui': { 8080: this.uiPort },
      api: { 3000: this.apiPorts[0]! },
    };
    const published: Record<string, number> = {};
    for (const other of this.services) {
      other.ports.forEach((port, i) => {
        const native = other.name === 'api' ? this.apiPorts[i] : containerPorts[other.name]?.[port.container];
        if (native) published[port.host] = native;
      });
    }
    const names = this.services.map((x) => x.name).join('|');
    const hostPort = new RegExp(`\\b(${names}):(\\d+)\\b`, 'g');
    // A bare service name (POSTGRES_SEEDS: postgresql) makes its port variables (DB_PORT: 5432) its.
    const named = Object.values(s.environment).filter((v) => containerPorts[v]);
    const out: Record<string, string> = {};
    for (const [key, raw] of Object.entries(s.environment)) {
      const port = /_PORT$/.test(key) && named.map((n) => containerPorts[n]![raw]).find(Boolean);
      if (port) {
        out[key] = String(port);
        continue;
      }
      let v = raw.replace(hostPort, (m, name: string, port: string) =>
        containerPorts[name]?.[port] ? `127.0.0.1:${containerPorts[name][port]}` : m,
      );
      v = v.replace(/\b(localhost|127\.0\.0\.1):(\d+)\b/g, (m, host: string, port: string) =>
        published[port] ? `${host}:${published[port]}` : m,
      );
      if (this.services.some((x) => x.name === v)) v = '127.0.0.1';
      if (v.startsWith('/')) v = hostPath(s, v) ?? v;
      out[key] = v;
    }
    return out;
  }

  /** A container's argv on the host: container paths under its mounts become the mounted files. */
  private nativeArgv(s: ComposeService): string[] {
    return s.argv.map((a) => (a.startsWith('/') && hostPath(s, a)) || a);
  }

  private spawn(name: string, argv: string[], env: Record<string, string>): Child {
    const child = spawnChild(name, argv, {
      cwd: ROOT,
      env: { ...baseEnv(), ...env },
      logFile: path.join(this.opts.dir, `${name}.log`),
    });
    void child.exit.then(() => {
      if (child.endedByUs || this.stopping) return;
      const how = child.proc.exitCode ?? child.proc.signalCode;
      this.crashes.push(`${name} exited by itself (${how}): ${tail(child.logFile, 5)}`);
      this.log(`  !! ${name} exited by itself (${how}); log: ${child.logFile}`);
    });
    return child;
  }

  /** A one-shot container (schema, bootstrap): its command, to completion. */
  private async runOneShot(name: string): Promise<void> {
    const s = service(this.services, name);
    const child = this.spawn(name, this.nativeArgv(s), this.nativeEnv(s));
    child.endedByUs = true;
    await child.exit;
    if (child.proc.exitCode !== 0) {
      throw new Error(`${name} (${s.argv.join(' ')}) failed:\n${tail(child.logFile)}`);
    }
  }

  // --- PostgreSQL -----------------------------------------------------------------------------------

  /** A PostgreSQL program, as the `postgres` user when we are root (the server refuses root). It
   *  runs in PostgreSQL's own folder and reads nothing of the clone, which that user may not be
   *  able to read: what it needs from there comes on standard input. */
  private pg(cmd: string, args: string[], input?: string): string {
    const bin = findPgBin(cmd);
    if (!bin) throw new Error(`${cmd} not found: run \`bash scripts/install-postgres.sh\``);
    const asRoot = process.getuid?.() === 0;
    const opts = { encoding: 'utf8' as const, stdio: 'pipe' as const, cwd: this.pgDir, input };
    return asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], opts)
      : execFileSync(bin, args, opts);
  }

  /** PostgreSQL as the postgres image runs it: user and password from the compose file, password
   *  auth over TCP, and on first start the init scripts mounted into /docker-entrypoint-initdb.d. */
  async startPostgres(): Promise<void> {
    const s = service(this.services, 'postgresql');
    const user = s.environment.POSTGRES_USER || 'postgres';
    const fresh = !existsSync(path.join(this.pgData, 'PG_VERSION'));
    if (fresh) {
      mkdirSync(this.pgData, { recursive: true });
      chmodSync(this.pgDir, 0o777);
      const pwfile = path.join(this.pgDir, 'pwfile');
      writeFileSync(pwfile, `${s.environment.POSTGRES_PASSWORD ?? ''}\n`, { mode: 0o644 });
      if (process.getuid?.() === 0) execFileSync('chown', ['postgres', this.pgData]);
      this.pg('initdb', [
        ...['-D', this.pgData, '-U', user, `--pwfile=${pwfile}`, '-E', 'UTF8', '--locale=C'],
        ...['--auth-host=scram-sha-256', '--auth-local=trust', '--no-sync'],
      ]);
    }
    this.pgCtl('start');
    if (!fresh) return;
    const scripts = s.mounts
      .filter((m) => m.target.startsWith('/docker-entrypoint-initdb.d/'))
      .sort((a, b) => a.target.localeCompare(b.target));
    for (const m of scripts) {
      this.log(`  postgresql init: ${path.relative(ROOT, m.source)}`);
      // On standard input: the postgres user may not be able to read the clone (a private
      // home folder, a mode-700 CI checkout).
      this.pg(
        'psql',
        [
          ...['-v', 'ON_ERROR_STOP=1', '-h', this.pgDir, '-p', String(this.pgPort)],
          ...['-U', user, '-d', 'postgres', '-f', '-'],
        ],
        readFileSync(m.source, 'utf8'),
      );
    }
  }

  private pgCtl(action: 'start' | 'stop'): void {
    if (action === 'stop') {
      try {
        this.pg('pg_ctl', ['-D', this.pgData, '-m', 'fast', '-w', 'stop']);
      } catch {
        // not running
      }
      return;
    }
    const fast = this.opts.fast ? ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off' : '';
    const opts = `-p ${this.pgPort} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${this.pgDir} -c max_connections=300${fast}`;
    const logFile = path.join(this.pgDir, 'postgresql.log');
    this.pg('pg_ctl', ['-D', this.pgData, '-o', opts, '-l', logFile, '-w', 'start']);
  }

  // --- Temporal -------------------------------------------------------------------------------------

  /** The server as the temporalio/server image starts it (`temporal-server start`). */
  async startTemporal(): Promise<void> {
    const s = service(this.services, 'temporal');
    const bin = path.join(BIN, 'temporal-server');
    if (!existsSync(bin))
      throw new Error('temporal-server missing: run `bash scripts/install-temporal-server.sh`');
    const env = {
      ...this.nativeEnv(s),
      BIND_ON_IP: '127.0.0.1',
      FRONTEND_GRPC_PORT: String(this.temporalPort),
      ...this.serverPorts,
    };
    const argv = s.argv.length ? this.nativeArgv(s) : [bin, 'start'];
    this.temporal = this.spawn(`temporal-${++this.counter}`, argv, env);
    await waitUntil(this.temporal, () => this.temporalServing(), 'serving', 120_000);
  }

  private async temporalServing(): Promise<boolean> {
    let connection: Connection | undefined;
    try {
      connection = await Connection.connect({ address: this.temporalAddress, connectTimeout: 1000 });
      const health = await connection.withDeadline(Date.now() + 2000, () =>
        connection!.healthService.check({}),
      );
      return health.status === 1; // SERVING
    } catch {
      return false;
    } finally {
      await connection?.close().catch(() => {});
    }
  }

  async stopTemporal(): Promise<void> {
    await this.temporal?.stop(20_000);
  }

  /** The Web UI, as the temporalio/ui image starts it, when its server is installed (--ui). */
  private async startUi(): Promise<void> {
    const s = service(this.services, 'temporal-ui');
    const env = { ...this.nativeEnv(s), TEMPORAL_UI_PORT: String(this.uiPort) };
    const root = path.join(ROOT, '.tools/temporal-ui');
    const argv = [path.join(BIN, 'temporal-ui-server'), '--root', root, '--env', 'docker', 'start'];
    this.ui = this.spawn('temporal-ui', argv, env);
    await waitUntil(this.ui, () => reachable(`${this.uiUrl}/`), 'serving', 60_000);
  }

  // --- workers and APIs -----------------------------------------------------------------------------

  /** A worker replica; `argv` replaces the compose command (another build of the worker). */
  async startWorker(
    opts: { argv?: string[]; name?: string; env?: Record<string, string> } = {},
  ): Promise<Child> {
    const s = service(this.services, 'worker');
    const name = opts.name ?? `worker-${++this.counter}`;
    const env = { ...this.nativeEnv(s), ...ONE_HOST, ...this.opts.appEnv, ...opts.env };
    const child = this.spawn(name, opts.argv ?? this.nativeArgv(s), env);
    this.workers.push(child);
    await waitUntil(child, () => /\] ready\b/.test(safeRead(child.logFile)), 'ready', 120_000);
    return child;
  }

  /** API replica `i` on its port (again after a kill). */
  async startApi(i: number, extraEnv: Record<string, string> = {}): Promise<Child> {
    const s = service(this.services, 'api');
    const env = {
      ...this.nativeEnv(s),
      ...ONE_HOST,
      PORT: String(this.apiPorts[i]),
      ...this.opts.appEnv,
      ...extraEnv,
    };
    const child = this.spawn(`api-${i + 1}.${++this.counter}`, this.nativeArgv(s), env);
    this.apis[i] = child;
    await waitUntil(
      child,
      () => reachable(`${this.apiUrl(i)}/readyz`, (status) => status === 200),
      'ready',
      120_000,
    );
    return child;
  }

  get liveWorkers(): Child[] {
    return this.workers.filter((w) => w.alive);
  }

  /** Everything down: the APIs first, the workers drain, then Temporal, the UI and PostgreSQL. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.apis.map((a) => a?.stop()));
    await Promise.all(this.workers.map((w) => w.stop()));
    await Promise.all([this.ui?.stop(), this.temporal?.stop(20_000)]);
    this.pgCtl('stop');
  }

  /** Last resort (a synchronous exit handler): SIGKILL every process, stop PostgreSQL. */
  killAll(): void {
    for (const c of [...this.apis, ...this.workers, this.ui, this.temporal]) c?.signal('SIGKILL');
    this.pgCtl('stop');
  }
}

/**
 * Where PostgreSQL keeps its data for a state folder: the folder itself, unless we are root and the
 * `postgres` user cannot reach it (a folder inside a private home or a mode-700 clone). Then a
 * folder of its own under /var/lib, named by the state folder, so a later run finds the same data.
 */
function postgresFolder(dir: string): string {
  if (process.getuid?.() !== 0 || postgresCanReach(dir)) return dir;
  const id = createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 16);
  const own = path.join('/var/lib/case-service-topology', id);
  mkdirSync(own, { recursive: true });
  chmodSync(path.dirname(own), 0o755);
  return own;
}

function postgresCanReach(dir: string): boolean {
  try {
    execFileSync('runuser', ['-u', 'postgres', '--', 'test', '-x', dir], { stdio: 'ignore', cwd: '/' });
    return true;
  } catch {
    return false;
  }
}

/**
 * A free port the server can use: its membership table stores ports as smallint, so an ephemeral
 * port (above 32767, what the OS hands out for port 0) would stop it at start.
 */
async function serverPort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const srv = createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

async function reachable(url: string, ok = (status: number) => status < 500): Promise<boolean> {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return ok(r.status);
  } catch {
    return false;
  }
}
