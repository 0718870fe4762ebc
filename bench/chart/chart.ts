/**
 * bench/results/latency.png: latency distributions (baseline vs ours) and the scale curve, drawn
 * with the small canvas in png.ts.
 */
import type { BenchResults } from '../lib/results.js';
import { Canvas, hex, type Rgb } from './png.js';

const W = 1400;
const H = 1000;
const INK = hex('#222222');
const GRID = hex('#dddddd');
const MUTED = hex('#777777');
const BASE = hex('#1f77b4');
const BASE_LIGHT = hex('#9ecae1');
const OURS = hex('#e6550d');
const OURS_LIGHT = hex('#fdae6b');
const CEILING = hex('#888888');
const GREEN = hex('#2ca02c');

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Series {
  label: string;
  color: Rgb;
  /** [x, y] points. */
  points: [number, number][];
  thickness?: number;
  markers?: boolean;
}

const fmt = (v: number) =>
  v >= 1000 ? `${Number.isInteger(v / 1000) ? v / 1000 : (v / 1000).toFixed(1)}k` : `${v}`;

class LogX {
  readonly lo: number;
  readonly hi: number;
  constructor(
    values: number[],
    readonly area: Rect,
  ) {
    const pos = values.filter((v) => v > 0 && Number.isFinite(v));
    const min = pos.length ? Math.min(...pos) : 1;
    const max = pos.length ? Math.max(...pos, min * 10) : 10;
    this.lo = 10 ** Math.floor(Math.log10(min));
    this.hi = 10 ** Math.ceil(Math.log10(max));
  }
  px(v: number): number {
    const c = Math.min(this.hi, Math.max(this.lo, v));
    return (
      this.area.x +
      ((Math.log10(c) - Math.log10(this.lo)) / (Math.log10(this.hi) - Math.log10(this.lo))) * this.area.w
    );
  }
  ticks(): number[] {
    const out: number[] = [];
    for (let d = this.lo; d <= this.hi; d *= 10)
      for (const m of [1, 2, 5]) if (d * m >= this.lo && d * m <= this.hi) out.push(d * m);
    return out;
  }
}

class LinY {
  constructor(
    readonly lo: number,
    readonly hi: number,
    readonly area: Rect,
  ) {}
  px(v: number): number {
    return this.area.y + this.area.h - ((v - this.lo) / (this.hi - this.lo)) * this.area.h;
  }
}

function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (v <= m * p) return m * p;
  return 10 * p;
}

function frame(c: Canvas, panel: Rect, title: string, subtitle: string): Rect {
  c.strokeRect(panel.x, panel.y, panel.w, panel.h, GRID);
  c.text(panel.x + 14, panel.y + 12, title, INK, 2);
  c.text(panel.x + 14, panel.y + 34, subtitle, MUTED, 1);
  return { x: panel.x + 80, y: panel.y + 56, w: panel.w - 80 - 70, h: panel.h - 56 - 56 };
}

function legend(c: Canvas, area: Rect, series: { label: string; color: Rgb }[], right = false): void {
  const width = Math.max(...series.map((s) => Canvas.textWidth(s.label, 1))) + 34;
  const x = right ? area.x + area.w - width - 6 : area.x + 8;
  let y = area.y + 8;
  c.fillRect(x - 4, y - 4, width, series.length * 16 + 4, hex('#ffffff'), 0.85);
  for (const s of series) {
    c.fillRect(x, y + 2, 20, 4, s.color);
    c.text(x + 26, y, s.label, INK, 1);
    y += 16;
  }
}

/** Percentile (y, 0–100) against latency (x, log ms). */
function cdfPanel(c: Canvas, panel: Rect, title: string, subtitle: string, series: Series[]): void {
  const area = frame(c, panel, title, subtitle);
  const x = new LogX(
    series.flatMap((s) => s.points.map((p) => p[0])),
    area,
  );
  const y = new LinY(0, 100, area);
  for (const t of x.ticks()) {
    const px = x.px(t);
    c.line(px, area.y, px, area.y + area.h, GRID);
    const label = fmt(t);
    c.text(px - Canvas.textWidth(label, 1) / 2, area.y + area.h + 8, label, INK, 1);
  }
  for (const p of [0, 25, 50, 75, 90, 99]) {
    const py = y.px(p);
    const strong = p === 50 || p === 99;
    c.line(area.x, py, area.x + area.w, py, strong ? hex('#bbbbbb') : GRID, 1, strong ? undefined : [4, 4]);
    const label = `p${p}`;
    c.text(area.x - Canvas.textWidth(label, 1) - 8, py - 4, label, strong ? INK : MUTED, 1);
  }
  c.strokeRect(area.x, area.y, area.w, area.h, MUTED);
  const xl = 'latency, ms (log scale)';
  c.text(area.x + area.w / 2 - Canvas.textWidth(xl, 1) / 2, area.y + area.h + 26, xl, MUTED, 1);
  for (const s of series) {
    c.polyline(
      s.points.map(([vx, vy]) => [x.px(Math.max(vx, x.lo)), y.px(vy)]),
      s.color,
      s.thickness ?? 3,
    );
  }
  legend(c, area, series);
}

const cdfSeries = (label: string, color: Rgb, cdf: number[], thickness = 3): Series => ({
  label,
  color,
  thickness,
  points: cdf.map((v, p) => [Math.max(v, 0.1), p] as [number, number]),
});

function scalePanel(c: Canvas, panel: Rect, r: BenchResults): void {
  const area = frame(
    c,
    panel,
    'Scale: open cases waiting on timers',
    'worker RSS (MiB, left, orange) and GET /v1/cases?limit=50 p99 (ms, right, blue) at each checkpoint',
  );
  const pts = r.scale;
  const x = new LogX(
    pts.map((p) => p.openCases),
    area,
  );
  const rssMax = niceMax(Math.max(...pts.map((p) => p.worker.rssMb)) * 1.15);
  const listMax = niceMax(Math.max(...pts.map((p) => p.list.latencyMs.p99)) * 1.15);
  const yl = new LinY(0, rssMax, area);
  const yr = new LinY(0, listMax, area);
  for (const t of x.ticks()) {
    const px = x.px(t);
    c.line(px, area.y, px, area.y + area.h, GRID);
    const label = fmt(t);
    c.text(px - Canvas.textWidth(label, 1) / 2, area.y + area.h + 8, label, INK, 1);
  }
  for (let k = 0; k <= 5; k++) {
    const py = area.y + area.h - (k / 5) * area.h;
    c.line(area.x, py, area.x + area.w, py, GRID, 1, [4, 4]);
    const left = `${Math.round((rssMax * k) / 5)}`;
    c.text(area.x - Canvas.textWidth(left, 1) - 8, py - 4, left, OURS, 1);
    const right = `${((listMax * k) / 5).toFixed(listMax < 10 ? 1 : 0)}`;
    c.text(area.x + area.w + 8, py - 4, right, BASE, 1);
  }
  c.strokeRect(area.x, area.y, area.w, area.h, MUTED);
  const xl = 'open cases (log scale)';
  c.text(area.x + area.w / 2 - Canvas.textWidth(xl, 1) / 2, area.y + area.h + 26, xl, MUTED, 1);
  const rss = pts.map((p) => [x.px(p.openCases), yl.px(p.worker.rssMb)] as [number, number]);
  const list = pts.map((p) => [x.px(p.openCases), yr.px(p.list.latencyMs.p99)] as [number, number]);
  c.polyline(rss, OURS, 3);
  c.polyline(list, BASE, 3);
  for (const [i] of pts.entries()) {
    const [rx, ry] = rss[i]!;
    const [lx, ly] = list[i]!;
    c.fillRect(rx - 4, ry - 4, 9, 9, OURS);
    c.fillRect(lx - 4, ly - 4, 9, 9, BASE);
  }
  // The figures themselves, as a small table in the top-left corner.
  const rowsText = [
    'open cases   worker RSS   list p99',
    ...pts.map(
      (p) =>
        `${String(p.openCases).padStart(10)}   ${`${Math.round(p.worker.rssMb)} MiB`.padStart(10)}   ${`${p.list.latencyMs.p99.toFixed(1)} ms`.padStart(8)}`,
    ),
  ];
  const tw = Math.max(...rowsText.map((t) => Canvas.textWidth(t, 1))) + 12;
  c.fillRect(area.x + 6, area.y + 6, tw, rowsText.length * 13 + 8, hex('#ffffff'), 0.9);
  rowsText.forEach((t, k) => c.text(area.x + 12, area.y + 10 + k * 13, t, k === 0 ? MUTED : INK, 1));
  legend(
    c,
    area,
    [
      { label: 'worker RSS (MiB)', color: OURS },
      { label: 'list p99 (ms)', color: BASE },
    ],
    true,
  );
}

export function renderChart(r: BenchResults): Buffer {
  const c = new Canvas(W, H);
  const { ceiling, baseline, ours } = r.create;
  const title = `Case service vs hand-written Temporal baseline - ${r.mode} run, ${r.machine.cores} cores (${String(r.machine.cpuModel)}), same Temporal + PostgreSQL`;
  c.text(20, 14, title, INK, 2);
  const t = r.targets;
  const ok = (b: boolean | undefined) => (b ? 'met' : 'NOT met');
  const head =
    `createRatio ${r.createRatio} (>=0.8 ${ok(t.createRatio?.met)})   ` +
    (r.actionBaselineP99Ratio === undefined
      ? ''
      : `actionBaselineP99Ratio ${r.actionBaselineP99Ratio} (<=1.2 ${ok(t.actionBaselineP99Ratio?.met)})   `) +
    `actionP99Ratio ${r.actionP99Ratio} (<=1.5 ${ok(t.actionP99Ratio?.met)})   ` +
    `breachLatencyP99Ms ${r.breachLatencyP99Ms} (<=1000 ${ok(t.breachLatencyP99Ms?.met)})   worker RSS x${r.workerRssGrowth}   list p99 x${r.listP99Growth}`;
  c.text(20, 42, head, t.createRatio?.met && t.actionP99Ratio?.met ? GREEN : OURS, 1);

  const pw = (W - 60) / 2;
  const ph = (H - 90) / 2;
  const top = 70;
  cdfPanel(
    c,
    { x: 20, y: top, w: pw, h: ph },
    `Creating a case (N=${ours.n}, C=${ours.concurrency})`,
    `baseline ${baseline.casesPerSecond} cases/s vs ours ${ours.casesPerSecond} cases/s; baseline "in PG" = start -> row written by its activity`,
    [
      cdfSeries(`raw ceiling: empty workflow start (${ceiling.perSecond}/s)`, CEILING, ceiling.cdf, 2),
      cdfSeries('baseline: start call returns', BASE_LIGHT, baseline.startAck.cdf, 2),
      cdfSeries('baseline: case in PostgreSQL', BASE, baseline.recorded.cdf),
      cdfSeries('ours: POST /v1/cases answered (in read model)', OURS, ours.cdf),
    ],
  );
  cdfPanel(
    c,
    { x: 40 + pw, y: top, w: pw, h: ph },
    `An action (N=${r.actions.raw.n}, C=${r.actions.raw.concurrency})`,
    `p99: raw ${r.actions.raw.latencyMs.p99} ms` +
      (r.actions.baseline ? `, hand-written accept ${r.actions.baseline.latencyMs.p99} ms` : '') +
      ` vs ours ${r.actions.accept.latencyMs.p99} ms -> actionP99Ratio ${r.actionP99Ratio}` +
      (r.actionBaselineP99Ratio === undefined ? '' : `, actionBaselineP99Ratio ${r.actionBaselineP99Ratio}`),
    [
      cdfSeries(
        `raw: executeUpdate on a trivial workflow (C=${r.actions.raw.concurrency})`,
        BASE,
        r.actions.raw.cdf,
      ),
      ...(r.actions.baseline
        ? [
            cdfSeries(
              'hand-written: accept as an Update (local activity, timer moved)',
              hex('#8c564b'),
              r.actions.baseline.cdf,
            ),
          ]
        : []),
      cdfSeries(
        `ours: POST /v1/cases/{id}/accept (C=${r.actions.accept.concurrency})`,
        OURS,
        r.actions.accept.cdf,
      ),
      cdfSeries('raw: one at a time', BASE_LIGHT, r.actions.raw.sequential.cdf, 2),
      cdfSeries('ours: accept one at a time', OURS_LIGHT, r.actions.accept.sequential.cdf, 2),
      ...(r.actions.accept.breakdown
        ? [
            cdfSeries(
              'ours: the accept update sent straight to the workflow (no API), one at a time',
              hex('#9467bd'),
              r.actions.accept.breakdown.directUpdate.cdf,
              2,
            ),
          ]
        : []),
    ],
  );
  cdfPanel(
    c,
    { x: 20, y: top + ph + 20, w: pw, h: ph },
    `SLA breach after its deadline (M=${r.breach.cases}, respond ${r.breach.respondWithin})`,
    `detected (timeline detectedAt - deadline) p99 ${r.breach.detectedLateMs.p99} ms; visible in GET p99 ${r.breach.visibleLateMs.p99} ms`,
    [
      cdfSeries('ours: breach detected by the workflow', OURS, r.breach.detectedCdf),
      cdfSeries('ours: breach visible in GET /v1/cases/{id}', OURS_LIGHT, r.breach.visibleCdf),
    ],
  );
  scalePanel(c, { x: 40 + pw, y: top + ph + 20, w: pw, h: ph }, r);
  return c.toPng();
}
