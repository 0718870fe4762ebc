/** A description of the machine and the software the run measured. */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { findTemporalCli } from '../../dev/temporal-binaries.js';

/** The commit measured, and whether product files (outside bench/) differed from it. */
export function describeCode(root: string): { commit: string; dirtyOutsideBench: string[] } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .map((l) => l.slice(3).trim())
      .filter((f) => f && !f.startsWith('bench/') && f !== 'BENCHMARKS.md');
    return { commit, dirtyOutsideBench: dirty };
  } catch {
    return { commit: 'unknown', dirtyOutsideBench: [] };
  }
}

export function describeMachine(extra: Record<string, unknown> = {}) {
  const cpus = os.cpus();
  const cli = findTemporalCli();
  let temporalCli = 'not found';
  if (cli) {
    try {
      temporalCli = execFileSync(cli, ['--version'], { encoding: 'utf8' }).trim();
    } catch (err) {
      temporalCli = `unknown (${(err as Error).message})`;
    }
  }
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    temporalCli,
    temporalCliPath: cli ?? null,
    ...extra,
  };
}
