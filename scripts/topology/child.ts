/**
 * A child process of ours, started in its own process group (so a signal reaches everything it
 * started, and SIGKILL is real), its output in a log file. Shared by the chaos suite and the
 * native topology.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One child process of ours: its id, its log, whether it is gone. */
export class Child {
  private exited = false;
  /** Set when we end it; any other exit is a crash. */
  endedByUs = false;
  readonly exit: Promise<void>;
  constructor(
    readonly name: string,
    readonly proc: ChildProcess,
    readonly logFile: string,
  ) {
    this.exit = new Promise((resolve) => proc.once('exit', () => ((this.exited = true), resolve())));
  }
  get alive(): boolean {
    return !this.exited && this.proc.exitCode === null && this.proc.signalCode === null;
  }
  /** Signals the child's whole process group (it was started detached, as its group's leader). */
  signal(sig: NodeJS.Signals): void {
    if (!this.alive || this.proc.pid === undefined) return;
    try {
      process.kill(-this.proc.pid, sig);
    } catch {
      // already gone
    }
  }
  async kill9(): Promise<void> {
    this.endedByUs = true;
    this.signal('SIGKILL');
    await Promise.race([this.exit, sleep(5000)]);
  }
  /** SIGTERM (graceful), SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    this.endedByUs = true;
    if (!this.alive) return;
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
    await this.exit;
    clearTimeout(timer);
  }
}

/** Starts `argv` detached (its own process group), stdout and stderr appended to `logFile`. */
export function spawnChild(
  name: string,
  argv: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; logFile: string },
): Child {
  const fd = openSync(opts.logFile, 'a');
  const proc = spawn(argv[0]!, argv.slice(1), {
    cwd: opts.cwd,
    env: opts.env,
    stdio: ['ignore', fd, fd],
    detached: true,
  });
  closeSync(fd);
  // A missing binary is reported through the exit code and the log, not as an unhandled error.
  proc.once('error', (err) => console.error(`${name}: ${err.message}`));
  return new Child(name, proc, opts.logFile);
}

/** Waits until `ready` answers true (polled), failing early when the child exits. */
export async function waitUntil(
  child: Child,
  ready: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!child.alive) throw new Error(`${child.name} exited while ${what}:\n${errorGist(child.logFile)}`);
    if (await ready()) return;
    if (Date.now() > deadline) {
      await child.kill9();
      throw new Error(`${child.name} was not ${what} within ${timeoutMs / 1000} s:\n${tail(child.logFile)}`);
    }
    await sleep(200);
  }
}

export function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

export function tail(file: string, lines = 30): string {
  return safeRead(file).split('\n').slice(-lines).join('\n');
}

/** The error lines of a log (the end of it when it has none): what a failed start says. */
export function errorGist(file: string, lines = 8): string {
  const errors = safeRead(file)
    .split('\n')
    .filter(
      (l) => /\b(error|fatal|panic|unable|failed)\b/i.test(l) && !/^\[Fx\] (PROVIDE|INVOKE|SUPPLY)/.test(l),
    );
  return errors.length
    ? errors
        .slice(-lines)
        .map((l) => l.slice(0, 600))
        .join('\n')
    : tail(file);
}
