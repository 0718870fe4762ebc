/**
 * CPU time per component between two moments (from /proc), so each phase can say where its CPU
 * went: the bench itself, the API, the workers, the Temporal server, PostgreSQL — and how much the
 * rest of the machine used meanwhile (other users of a shared box make figures noisy).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

export interface CpuSnapshot {
  /** Busy CPU seconds of the whole machine. */
  machine: number;
  /** Seconds per named component. */
  named: Record<string, number>;
  /** Seconds per process (own + reaped children). */
  procs: Map<number, { s: number; ppid: number }>;
}

const TICK = 100; // CLK_TCK on Linux

function stat(pid: number): string[] | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return s.slice(s.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // exited
  }
}

function commandOf(pid: number): string {
  try {
    const parts = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return parts
      .map((p) => p.replace(/^.*\/(?=[^/]+$)/, ''))
      .join(' ')
      .slice(0, 60);
  } catch {
    return '?';
  }
}

/** utime + stime of a process, plus its reaped children's. */
function allProcs(): Map<number, { s: number; ppid: number }> {
  const out = new Map<number, { s: number; ppid: number }>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const f = stat(Number(d));
    if (!f) continue;
    const s = (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / TICK;
    out.set(Number(d), { s, ppid: Number(f[1]) });
  }
  return out;
}

/** The pid of the dev server listening on `port` (its command line names the port). */
export function findTemporalPid(port: number): number | undefined {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      const i = cmd.indexOf('--port');
      if (cmd.includes('start-dev') && i >= 0 && cmd[i + 1] === String(port)) return Number(d);
    } catch {
      // gone
    }
  }
  return undefined;
}

export function postmasterPid(pgdata: string): number | undefined {
  const file = `${pgdata}/postmaster.pid`;
  if (!existsSync(file)) return undefined;
  return Number(readFileSync(file, 'utf8').split('\n')[0]);
}

/** Busy CPU seconds of the whole machine (all cores). */
function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = v;
  return (user + nice + system + irq + softirq + steal) / TICK;
}

/** Whether `pid` is `root` or descends from it. */
function descends(procs: Map<number, { ppid: number }>, pid: number, roots: Set<number>): boolean {
  for (let cur: number | undefined = pid, hops = 0; cur && hops < 64; hops++) {
    if (roots.has(cur)) return true;
    cur = procs.get(cur)?.ppid;
  }
  return false;
}

export class CpuMeter {
  /**
   * @param pids the named components; `tree` adds the component's child processes (PostgreSQL's backends)
   * @param roots processes whose whole tree is "ours" (the bench itself, the PostgreSQL server)
   */
  constructor(
    private readonly pids: () => Record<string, { pid?: number; tree?: boolean }>,
    private readonly roots: () => number[],
  ) {}

  snapshot(): CpuSnapshot {
    const procs = allProcs();
    const named: Record<string, number> = {};
    for (const [name, { pid, tree }] of Object.entries(this.pids())) {
      if (!pid) continue;
      let s = procs.get(pid)?.s ?? 0;
      if (tree) for (const [, p] of procs) if (p.ppid === pid) s += p.s;
      named[name] = s;
    }
    return { machine: machineBusySeconds(), named, procs };
  }

  /**
   * CPU seconds per component between two snapshots, plus `stack` (every process of the bench's
   * tree and PostgreSQL's), `machine` (the whole box) and `other` (machine − stack), with the
   * busiest other processes named so noise can be told from our own work.
   */
  diff(a: CpuSnapshot, b: CpuSnapshot): { seconds: Record<string, number>; otherTop: string[] } {
    const d: Record<string, number> = {};
    const round = (v: number) => Math.round(v * 100) / 100;
    for (const [k, v] of Object.entries(b.named)) d[k] = round(Math.max(0, v - (a.named[k] ?? 0)));
    const roots = new Set(this.roots());
    let stack = 0;
    const others: [number, number][] = [];
    for (const [pid, p] of b.procs) {
      const delta = Math.max(0, p.s - (a.procs.get(pid)?.s ?? 0));
      if (delta === 0) continue;
      if (descends(b.procs, pid, roots)) stack += delta;
      else others.push([pid, delta]);
    }
    const machine = b.machine - a.machine;
    d.machine = round(machine);
    d.stack = round(stack);
    d.other = round(Math.max(0, machine - stack));
    const otherTop = others
      .sort((x, y) => y[1] - x[1])
      .slice(0, 3)
      .filter(([, s]) => s >= 0.5)
      .map(([pid, s]) => `${commandOf(pid)}: ${s.toFixed(1)} s`);
    return { seconds: d, otherTop };
  }
}
