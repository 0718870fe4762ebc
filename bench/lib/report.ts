/** The closing summary: a table on stdout and the same table as Markdown for BENCHMARKS.md. */
import type { BenchResults } from './results.js';

type Row = [string, string, string, string];

const ms = (v: number) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(1) : Math.round(v)} ms` : '—');
const pair = (a: number, b: number) => `${ms(a)} / ${ms(b)}`;
const mark = (met: boolean | undefined) => (met === undefined ? '' : met ? ' ✔' : ' ✘');
const kb = (b: number) => `${(b / 1024).toFixed(1)} KiB`;
const sumCpu = (c: Record<string, number>) => c.stack ?? 0;

export function rows(r: BenchResults): Row[] {
  const { ceiling, baseline, ours } = r.create;
  const first = r.scale[0]!;
  const last = r.scale[r.scale.length - 1]!;
  const h = r.history;
  const t = r.targets;
  return [
    ['measure', 'baseline / raw', 'ours', 'ratio (target)'],
    [
      `create: cases/s (N=${ours.n}, C=${ours.concurrency})`,
      `${baseline.casesPerSecond}`,
      `${ours.casesPerSecond}`,
      `createRatio ${r.createRatio} (≥ 0.9)${mark(t.createRatio?.met)}`,
    ],
    [
      'create: latency p50 / p99',
      `${pair(baseline.recorded.latencyMs.p50, baseline.recorded.latencyMs.p99)} (in PG)`,
      pair(ours.latencyMs.p50, ours.latencyMs.p99),
      '',
    ],
    [
      'create: start call only p50 / p99',
      pair(baseline.startAck.latencyMs.p50, baseline.startAck.latencyMs.p99),
      '—',
      '',
    ],
    [
      'raw ceiling: empty workflow start',
      `${ceiling.perSecond}/s, ${pair(ceiling.latencyMs.p50, ceiling.latencyMs.p99)}`,
      '',
      '',
    ],
    [
      'create: CPU per case (our processes)',
      ms(sumCpu(baseline.cpuMsPerCase)),
      ms(sumCpu(ours.cpuMsPerOp)),
      `${(sumCpu(ours.cpuMsPerOp) / sumCpu(baseline.cpuMsPerCase)).toFixed(2)}× (createCpuRatio ${r.createCpuRatio})`,
    ],
    [
      `action: p50 / p99 (N=${r.actions.raw.n}, C=${r.actions.raw.concurrency})`,
      `${pair(r.actions.raw.latencyMs.p50, r.actions.raw.latencyMs.p99)} (executeUpdate)`,
      `${pair(r.actions.accept.latencyMs.p50, r.actions.accept.latencyMs.p99)} (accept)`,
      `actionP99Ratio ${r.actionP99Ratio} (≤ 2.0)${mark(t.actionP99Ratio?.met)}`,
    ],
    ...baselineActionRows(r),
    [
      'action: one at a time p50 / p99',
      pair(r.actions.raw.sequential.latencyMs.p50, r.actions.raw.sequential.latencyMs.p99),
      pair(r.actions.accept.sequential.latencyMs.p50, r.actions.accept.sequential.latencyMs.p99),
      `${(r.actions.accept.sequential.latencyMs.p99 / r.actions.raw.sequential.latencyMs.p99).toFixed(2)}×`,
    ],
    [
      'action: accept one at a time — GET case / update without API',
      '',
      r.actions.accept.breakdown
        ? `${ms(r.actions.accept.breakdown.getCase.latencyMs.p50)} / ${ms(r.actions.accept.breakdown.directUpdate.latencyMs.p50)} (p50)`
        : '—',
      '',
    ],
    [
      'action: CPU per action (our processes)',
      ms(sumCpu(r.actions.raw.cpuMsPerOp)),
      ms(sumCpu(r.actions.accept.cpuMsPerOp)),
      `${(sumCpu(r.actions.accept.cpuMsPerOp) / sumCpu(r.actions.raw.cpuMsPerOp)).toFixed(2)}×`,
    ],
    [
      `breach: detected after deadline p50 / p99 (M=${r.breach.cases})`,
      '',
      pair(r.breach.detectedLateMs.p50, r.breach.detectedLateMs.p99),
      `breachLatencyP99Ms ${r.breachLatencyP99Ms} (≤ 500)${mark(t.breachLatencyP99Ms?.met)}`,
    ],
    [
      'breach: rate while firing; worker CPU per breach',
      '',
      `${r.breach.breachesPerSecond}/s; ${ms(r.breach.cpuMsPerBreach?.worker ?? NaN)}`,
      '',
    ],
    [
      'breach: visible in GET after deadline p50 / p99',
      '',
      pair(r.breach.visibleLateMs.p50, r.breach.visibleLateMs.p99),
      r.breach.missing ? `${r.breach.missing} missing` : '',
    ],
    [
      `scale: worker RSS, ${first.openCases} → ${last.openCases} open`,
      '',
      `${first.worker.rssMb} → ${last.worker.rssMb} MiB`,
      `${r.workerRssGrowth}× (flat)${mark(t.workerRssFlat?.met)}`,
    ],
    [
      `scale: list p50 / p99, ${first.openCases} → ${last.openCases} open`,
      '',
      `${pair(first.list.latencyMs.p50, first.list.latencyMs.p99)} → ${pair(last.list.latencyMs.p50, last.list.latencyMs.p99)}`,
      `${r.listP99Growth}× (flat)${mark(t.listP99Flat?.met)}`,
    ],
    [
      'scale: create p99 at first → last checkpoint',
      '',
      `${ms(first.creationLatencyMs?.p99 ?? NaN)} → ${ms(last.creationLatencyMs?.p99 ?? NaN)}`,
      '',
    ],
    [
      'history: events per lifecycle',
      `${h.baseline.closed.events}`,
      `${h.ours.closed.events}`,
      `${h.ratio.events}×`,
    ],
    [
      'history: payload bytes per lifecycle',
      kb(h.baseline.closed.payloadBytes),
      kb(h.ours.closed.payloadBytes),
      `${h.ratio.payloadBytes}×`,
    ],
    [
      'history: encoded history per lifecycle',
      kb(h.baseline.closed.encodedBytes),
      kb(h.ours.closed.encodedBytes),
      `${h.ratio.encodedBytes}×`,
    ],
  ];
}

export function printSummary(r: BenchResults): void {
  const table = rows(r);
  const widths = [0, 1, 2, 3].map((c) => Math.max(...table.map((row) => row[c]!.length)));
  const line = (row: Row) => row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ');
  const out = [
    '',
    `bench ${r.mode} — ${r.machine.cpuModel} × ${r.machine.cores}, ${r.machine.memoryGiB} GiB, node ${r.machine.node}, ${r.machine.temporalCli}; commit ${r.code.commit.slice(0, 7)}${r.code.dirtyOutsideBench.length ? ' (+ uncommitted changes)' : ''}; ${r.durationSeconds} s`,
    '',
    line(table[0]!),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...table.slice(1).map(line),
    '',
  ];
  process.stdout.write(out.join('\n'));
}

export function markdownSummary(r: BenchResults): string {
  const table = rows(r);
  const md = (row: Row) => `| ${row.join(' | ')} |`;
  return [md(table[0]!), '| --- | --- | --- | --- |', ...table.slice(1).map(md), ''].join('\n');
}

/** The fair action baseline's rows (runs before it had one have none). */
function baselineActionRows(r: BenchResults): Row[] {
  const b = r.actions.baseline;
  const a = r.actions.accept;
  if (!b) return [];
  return [
    [
      `action vs hand-written accept p50 / p99 (N=${b.n}, C=${b.concurrency})`,
      `${pair(b.latencyMs.p50, b.latencyMs.p99)} (baseline accept)`,
      `${pair(a.latencyMs.p50, a.latencyMs.p99)} (accept)`,
      `actionBaselineP99Ratio ${r.actionBaselineP99Ratio} (≤ 1.2)${mark(r.targets.actionBaselineP99Ratio?.met)}`,
    ],
    [
      'action vs hand-written: one at a time p50 / p99',
      pair(b.sequential.latencyMs.p50, b.sequential.latencyMs.p99),
      pair(a.sequential.latencyMs.p50, a.sequential.latencyMs.p99),
      `${(a.sequential.latencyMs.p99 / b.sequential.latencyMs.p99).toFixed(2)}×`,
    ],
    [
      'action vs hand-written: CPU per accept',
      ms(sumCpu(b.cpuMsPerOp)),
      ms(sumCpu(a.cpuMsPerOp)),
      `${(sumCpu(a.cpuMsPerOp) / sumCpu(b.cpuMsPerOp)).toFixed(2)}×`,
    ],
  ];
}
