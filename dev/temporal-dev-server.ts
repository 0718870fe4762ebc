/**
 * The embedded Temporal: the real `temporal server start-dev` (SQLite file, Web UI), started as a
 * child process, with the case search attributes registered at start.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { CASE_SEARCH_ATTRIBUTES } from '../domain/case/contract.js';
import { findTemporalCli, MISSING_CLI_HELP } from './temporal-binaries.js';

export interface DevServerOptions {
  port: number;
  uiPort?: number;
  /** SQLite file; omit for an in-memory server (tests). */
  dbFile?: string;
  logFile?: string;
  codecEndpoint?: string;
  ip?: string;
  startTimeoutMs?: number;
  /** Dynamic config, e.g. a low history limit to make continue-as-new happen in a test. */
  dynamicConfig?: Record<string, string | number | boolean>;
  onProgress?: (message: string) => void;
}

export interface RunningDevServer {
  address: string;
  uiUrl?: string;
  stop(): Promise<void>;
}

const SA_TYPE_NAMES: Record<string, string> = {
  KEYWORD: 'Keyword',
  INT: 'Int',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  TEXT: 'Text',
  DOUBLE: 'Double',
  KEYWORD_LIST: 'KeywordList',
};

/**
 * The Web UI's one printed URL. On loopback it is named `localhost`, as the API, the codec endpoint
 * and its sign-in page are: the codec session cookie is sent only to the host name it was set on
 * and only from the same site, so the UI and the sign-in page must be opened under one host name.
 * (127.0.0.1 works as well when used for both; see docs/operations-web-ui.md.)
 */
export function webUiUrl(ip: string, uiPort: number): string {
  const host = ['127.0.0.1', '0.0.0.0', '::1', '::'].includes(ip)
    ? 'localhost'
    : ip.includes(':')
      ? `[${ip}]`
      : ip;
  return `http://${host}:${uiPort}`;
}

export async function startDevServer(opts: DevServerOptions): Promise<RunningDevServer> {
  const cli = findTemporalCli();
  if (!cli) return startWithSdkDownload(opts);
  const ip = opts.ip ?? '127.0.0.1';
  const args = ['server', 'start-dev', '--ip', ip, '--port', String(opts.port), '--log-level', 'warn'];
  if (opts.dbFile) {
    mkdirSync(path.dirname(opts.dbFile), { recursive: true });
    args.push('--db-filename', opts.dbFile);
  }
  if (opts.uiPort) args.push('--ui-port', String(opts.uiPort), '--ui-disable-news-fetch');
  else args.push('--headless');
  if (opts.codecEndpoint) args.push('--ui-codec-endpoint', opts.codecEndpoint);
  for (const key of CASE_SEARCH_ATTRIBUTES)
    args.push('--search-attribute', `${key.name}=${SA_TYPE_NAMES[key.type]}`);

  for (const [k, v] of Object.entries(opts.dynamicConfig ?? {})) {
    args.push('--dynamic-config-value', `${k}=${JSON.stringify(v)}`);
  }
  const out = opts.logFile ? openSync(opts.logFile, 'a') : 'ignore';
  const pidFile = opts.dbFile ? `${opts.dbFile}.pid` : undefined;
  if (pidFile) stopLeftover(pidFile);
  // Its own process group: Ctrl-C in a terminal must not stop Temporal under a worker still draining.
  // We stop it ourselves, last; if this process dies any other way, the exit hook below kills it.
  const child = spawn(cli, args, { stdio: ['ignore', out, out], detached: true });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => {
    process.removeListener('exit', killOnExit);
    if (pidFile) rmSync(pidFile, { force: true });
  });
  if (pidFile && child.pid) writeFileSync(pidFile, String(child.pid));
  const address = `${ip}:${opts.port}`;
  opts.onProgress?.(`starting Temporal dev server (${cli}) on ${address}…`);
  try {
    await waitUntilServing(address, child, opts.startTimeoutMs ?? 60_000);
  } catch (err) {
    await stopChild(child);
    throw err;
  }
  return {
    address,
    uiUrl: opts.uiPort ? webUiUrl(ip, opts.uiPort) : undefined,
    stop: () => stopChild(child),
  };
}

async function waitUntilServing(address: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  for (;;) {
    if (exited !== null) throw new Error(`the Temporal dev server exited with code ${exited} while starting`);
    try {
      const conn = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await conn.workflowService.getSystemInfo({});
        return;
      } finally {
        await conn.close();
      }
    } catch (err) {
      if (Date.now() > deadline) {
        throw new Error(
          `the Temporal dev server did not answer on ${address} within ${timeoutMs} ms: ${String(err)}`,
          {
            cause: err,
          },
        );
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/**
 * A dev server left running by a process killed with SIGKILL (no exit hook ran) still holds the port
 * and the SQLite file: stop it, so a restart finds its embedded server again.
 */
function stopLeftover(pidFile: string): void {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, 'utf8'));
  } catch {
    return;
  }
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (cmdline.includes('start-dev')) process.kill(pid, 'SIGKILL');
  } catch {
    // gone already (or no /proc: nothing to check it by)
  }
  rmSync(pidFile, { force: true });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Machines with internet: let the SDK download the CLI (same flags through its own options). */
async function startWithSdkDownload(opts: DevServerOptions): Promise<RunningDevServer> {
  opts.onProgress?.(`${MISSING_CLI_HELP}; trying the Temporal SDK's download instead…`);
  try {
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        ip: opts.ip ?? '127.0.0.1',
        port: opts.port,
        dbFilename: opts.dbFile,
        ui: opts.uiPort !== undefined,
        uiPort: opts.uiPort,
        searchAttributes: CASE_SEARCH_ATTRIBUTES,
        extraArgs: opts.codecEndpoint ? ['--ui-codec-endpoint', opts.codecEndpoint] : [],
      },
    });
    return {
      address: env.address,
      uiUrl: opts.uiPort ? webUiUrl(opts.ip ?? '127.0.0.1', opts.uiPort) : undefined,
      stop: () => env.teardown(),
    };
  } catch (err) {
    throw new Error(`${MISSING_CLI_HELP} (the SDK download failed too: ${String(err)})`, { cause: err });
  }
}
