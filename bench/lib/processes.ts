/**
 * The service's roles as child processes (`node dist/bin/main.js worker|api`, compiled as shipped), so the
 * worker's resident memory is its own, read from /proc/<pid>/status, and the load generator does
 * not share an event loop with what it measures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sleep } from './stats.js';

export interface ServiceProcess {
  name: string;
  pid: number;
  logFile: string;
  /** The first match of the ready pattern in the output. */
  ready: RegExpMatchArray;
  /** VmRSS and VmHWM (peak) in MiB. */
  memory(): { rssMb: number; hwmMb: number };
  stop(): Promise<void>;
}

export const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);

export async function startService(opts: {
  name: string;
  args: string[];
  env: Record<string, string>;
  readyPattern: RegExp;
  logDir: string;
  timeoutMs?: number;
  nodeArgs?: string[];
}): Promise<ServiceProcess> {
  const logFile = path.join(opts.logDir, `${opts.name}.log`);
  const fd = openSync(logFile, 'a');
  const child: ChildProcess = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...opts.args], {
    cwd: ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  let exitCode: number | null = null;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exitCode = code ?? (signal ? 128 : -1);
      resolve();
    }),
  );
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  let ready: RegExpMatchArray | null = null;
  while (!ready) {
    if (exitCode !== null)
      throw new Error(`${opts.name} exited with ${exitCode} while starting; see ${logFile}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${opts.name} did not become ready in time; see ${logFile}`);
    }
    ready = readFileSync(logFile, 'utf8').match(opts.readyPattern);
    if (!ready) await sleep(200);
  }
  const pid = child.pid!;
  return {
    name: opts.name,
    pid,
    logFile,
    ready,
    memory: () => readMemory(pid),
    async stop() {
      if (exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export function readMemory(pid: number): { rssMb: number; hwmMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return {
    rssMb: Math.round((kb('VmRSS') / 1024) * 10) / 10,
    hwmMb: Math.round((kb('VmHWM') / 1024) * 10) / 10,
  };
}

/** Total CPU time (user + system, seconds) a process has used, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100;
}
