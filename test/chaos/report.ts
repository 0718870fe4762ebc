/** The run's figures as lines for the log and as the summary table. */
import type { IncidentChaosResult } from './incident.js';
import type { ChaosRun, ScenarioResult } from './scenarios.js';

export const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function formatFigures(r: ScenarioResult, stage: 'read model' | 'settled'): string {
  const f = r.figures;
  const settled =
    stage === 'settled'
      ? ` | workflows completed ${f.workflowsCompleted}/${f.cases}, the last ${secs(f.settledMs)} after the lifecycles` +
        ` | webhooks ${f.webhooks.delivered}/${f.webhooks.expected} (redelivered ${f.webhooks.redelivered}, cases out of order ${f.webhooks.outOfOrder})`
      : '';
  return (
    `  [${r.name}] ${stage}: ${r.ok ? 'OK' : 'FAILED'}: cases ${f.cases}, closed ${f.closed}, events ${f.events}, ` +
    `lost ${f.lost}, doubled ${f.doubled}, unfinished ${f.cases - f.finished}, time ${secs(r.ms)}` +
    ` | HTTP ${r.http}${settled}`
  );
}

export function logProblems(r: ScenarioResult, log: (line: string) => void): void {
  const all = [...r.problems, ...r.figures.problems];
  for (const p of all.slice(0, 20)) log(`    ! ${p}`);
  if (all.length > 20) log(`    ! … and ${all.length - 20} more`);
}

export function summaryTable(run: ChaosRun): string {
  const head = [
    'scenario',
    'cases',
    'closed',
    'events',
    'lost',
    'doubled',
    'unfinished',
    '503s',
    '500s',
    'webhooks',
    'settled',
    'time',
    'result',
  ];
  const rows = run.results.map((r) => [
    r.name,
    String(r.figures.cases),
    String(r.figures.closed),
    String(r.figures.events),
    String(r.figures.lost),
    String(r.figures.doubled),
    String(r.figures.cases - r.figures.finished),
    String(r.unavailable),
    String(r.serverErrors),
    `${r.figures.webhooks.delivered}/${r.figures.webhooks.expected}`,
    r.figures.workflowsCompleted === r.figures.cases ? `+${secs(r.figures.settledMs)}` : 'no',
    secs(r.ms),
    r.ok ? 'ok' : 'FAILED',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [
    line(head),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
    '',
    'lost/doubled: events missing or extra in a timeline (by type and seq), webhooks never delivered, ' +
      'extra cases or workflows for one Idempotency-Key; settled: when the last case workflow completed ' +
      '(projections and webhooks drained), after the lifecycles; time: lifecycles + fault + read-model checks',
    ...(run.incident ? [incidentLine(run.incident)] : []),
    `profile ${run.profile.name}: ${run.results.filter((r) => r.ok).length}/${run.results.length} scenarios ok, total ${secs(run.ms)}${run.ok ? '' : ' — FAILED'}`,
  ].join('\n');
}

function incidentLine(r: IncidentChaosResult): string {
  const w = r.webhooks;
  return (
    `incident-fanout: ${r.cases} linked cases, 2 updates, worker killed mid fan-out: lost ${r.lost}, doubled ${r.doubled}, ` +
    `webhooks ${w.delivered}/${w.expected} (redelivered ${w.redelivered}), ${secs(r.ms)} — ${r.ok ? 'ok' : 'FAILED'}`
  );
}
