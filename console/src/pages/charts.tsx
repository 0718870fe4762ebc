/** Small SVG charts (no chart library): bars and lines, each with a text summary for screen readers. */
const COLORS = ['#0a58ca', '#d63384', '#198754', '#fd7e14', '#6f42c1', '#20c997', '#6c757d', '#dc3545'];

export interface Bar {
  label: string;
  value: number;
}

export function BarChart({
  bars,
  format = String,
  max,
}: {
  bars: Bar[];
  format?: (n: number) => string;
  max?: number;
}) {
  const top = max ?? Math.max(1, ...bars.map((b) => b.value));
  const rowH = 24;
  const labelW = 130;
  const width = 420;
  const summary = bars.map((b) => `${b.label}: ${format(b.value)}`).join(', ');
  return (
    <svg viewBox={`0 0 ${width} ${bars.length * rowH + 6}`} role="img" aria-label={summary} class="chart">
      {bars.map((b, i) => {
        const w = ((width - labelW - 70) * b.value) / top;
        return (
          <g key={b.label} transform={`translate(0, ${i * rowH + 3})`}>
            <text x={labelW - 6} y={15} text-anchor="end">
              {b.label}
            </text>
            <rect
              x={labelW}
              y={3}
              width={Math.max(0, w)}
              height={rowH - 8}
              fill={COLORS[i % COLORS.length]}
              rx={2}
            />
            <text x={labelW + Math.max(0, w) + 6} y={15}>
              {format(b.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export interface Series {
  name: string;
  points: (number | null)[];
}

export function LineChart({ labels, series, unit }: { labels: string[]; series: Series[]; unit: string }) {
  const width = 420;
  const height = 180;
  const left = 40;
  const bottom = 30;
  const values = series.flatMap((s) => s.points.filter((p): p is number => p !== null));
  const top = Math.max(1, ...values) * 1.1;
  const x = (i: number) => left + (labels.length <= 1 ? 0 : (i * (width - left - 10)) / (labels.length - 1));
  const y = (v: number) => height - bottom - (v * (height - bottom - 10)) / top;
  const summary = series
    .map(
      (s) =>
        `${s.name}: ${s.points.map((p, i) => `${labels[i]} ${p === null ? '—' : p.toFixed(1)}`).join(', ')}`,
    )
    .join('; ');
  return (
    <>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${summary} (${unit})`} class="chart">
        <line x1={left} y1={height - bottom} x2={width - 5} y2={height - bottom} stroke="#57606a" />
        <line x1={left} y1={5} x2={left} y2={height - bottom} stroke="#57606a" />
        <text x={left - 4} y={12} text-anchor="end">
          {top.toFixed(0)}
        </text>
        <text x={left - 4} y={height - bottom} text-anchor="end">
          0
        </text>
        {labels.map((l, i) =>
          labels.length <= 8 || i % Math.ceil(labels.length / 8) === 0 ? (
            <text key={l} x={x(i)} y={height - 12} text-anchor="middle">
              {l.slice(5)}
            </text>
          ) : null,
        )}
        {series.map((s, si) => {
          const pts = s.points.map((p, i) => (p === null ? null : `${x(i)},${y(p)}`)).filter(Boolean);
          return (
            <g key={s.name}>
              <polyline points={pts.join(' ')} fill="none" stroke={COLORS[si]} stroke-width={2} />
              {s.points.map((p, i) =>
                p === null ? null : <circle key={i} cx={x(i)} cy={y(p)} r={3} fill={COLORS[si]} />,
              )}
            </g>
          );
        })}
      </svg>
      <p class="legend">
        {series.map((s, si) => (
          <span key={s.name} class={`c${si}`}>
            {s.name}
          </span>
        ))}
      </p>
    </>
  );
}
