/**
 * Where a test run's time goes, per file: importing it, its hooks (servers and stacks started in
 * beforeAll, stopped in afterAll) and its tests. Printed at the end of the run as a table of the
 * slowest files (VITEST_TIMINGS=N rows; .ci/run asks for it), and written as JSON to
 * VITEST_TIMINGS_OUT if set.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

interface FileTiming {
  file: string;
  importMs: number;
  hooksMs: number;
  testsMs: number;
  totalMs: number;
}

export default class TimingReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const rows: FileTiming[] = modules.map((m) => {
      const d = m.diagnostic();
      let testsMs = 0;
      for (const t of m.children.allTests()) testsMs += t.diagnostic()?.duration ?? 0;
      const hooksMs = Math.max(0, d.duration - testsMs);
      return {
        file: path.relative(m.project.config.root, m.moduleId),
        importMs: d.collectDuration,
        hooksMs,
        testsMs,
        totalMs: d.collectDuration + d.duration,
      };
    });
    rows.sort((a, b) => b.totalMs - a.totalMs);
    if (process.env.VITEST_TIMINGS_OUT)
      writeFileSync(process.env.VITEST_TIMINGS_OUT, JSON.stringify(rows, null, 2));
    const limit = Number(process.env.VITEST_TIMINGS) || 20;
    const s = (ms: number) => (ms / 1000).toFixed(1).padStart(7);
    const sum = (k: keyof Omit<FileTiming, 'file'>) => rows.reduce((a, r) => a + r[k], 0);
    const lines = [
      `\nslowest test files (seconds; import, beforeAll/afterAll hooks, tests):`,
      `${'total'.padStart(7)} ${'import'.padStart(7)} ${'hooks'.padStart(7)} ${'tests'.padStart(7)}  file`,
      ...rows
        .slice(0, limit)
        .map((r) => `${s(r.totalMs)} ${s(r.importMs)} ${s(r.hooksMs)} ${s(r.testsMs)}  ${r.file}`),
      `${s(sum('totalMs'))} ${s(sum('importMs'))} ${s(sum('hooksMs'))} ${s(sum('testsMs'))}  all ${rows.length} files (summed over workers)\n`,
    ];
    console.log(lines.join('\n'));
  }
}
