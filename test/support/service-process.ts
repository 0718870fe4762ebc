/**
 * The real service as a child process (embedded Temporal dev server + embedded PostgreSQL under
 * its own DATA_DIR, on free ports): what test/process/ and the README-blocks test start.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from './postgres.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ServiceEnv {
  env: NodeJS.ProcessEnv;
  apiUrl: string;
}

/** The environment of a service of its own: free ports, `dataDir`, no shared servers. */
export async function serviceEnv(dataDir: string, extra: NodeJS.ProcessEnv = {}): Promise<ServiceEnv> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    TEMPORAL_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    METRICS_PORT: String(await freePort()),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ...extra,
  };
  for (const name of ['TEMPORAL_ADDRESS', 'DATABASE_URL', 'TEMPORAL_TASK_QUEUE']) delete env[name];
  return { env, apiUrl: `http://127.0.0.1:${port}` };
}

/** `npm start`'s own command (package.json), run by this Node: the compiled service in dist/. */
export function npmStartArgs(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [node, ...args] = pkg.scripts.start!.split(/\s+/);
  if (node !== 'node') throw new Error(`npm start is not 'node …': ${pkg.scripts.start}`);
  return args;
}

/** Starts `node <args>` in the repository root; stdout is readable as text, stderr kept. */
export function startService(env: NodeJS.ProcessEnv, args: string[]): ChildProcess & { log: () => string } {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stdout!.on('data', (s: string) => (log += s));
  child.stderr!.on('data', (s: string) => (log += s));
  return Object.assign(child, { log: () => log });
}

/** Resolves once the process prints that it is ready; rejects if it exits or takes too long. */
export async function ready(child: ChildProcess, timeoutMs = 150_000): Promise<void> {
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in ${timeoutMs} ms:\n${out}`)), timeoutMs);
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      if (/\] ready\b/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} while starting:\n${out}`));
    });
  });
}

/** Sends the signal(s) and answers the exit code and how long the process took to end. */
export async function stop(
  child: ChildProcess,
  signals: NodeJS.Signals[],
): Promise<{ code: number | null; ms: number }> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const t0 = Date.now();
  for (const s of signals) {
    child.kill(s);
    await new Promise((r) => setTimeout(r, 200));
  }
  const code = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 60_000))]);
  return { code, ms: Date.now() - t0 };
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The embedded Temporal dev server's pid, as the service wrote it under its DATA_DIR. */
export function temporalPid(dataDir: string): number {
  return Number(readFileSync(path.join(dataDir, 'temporal.sqlite.pid'), 'utf8'));
}

/** Kills what a test left running: the service and its detached Temporal dev server. */
export function killLeftovers(child: ChildProcess | undefined, dataDir: string): void {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  try {
    const pid = temporalPid(dataDir);
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  } catch {
    // no pid file: nothing left running
  }
}
