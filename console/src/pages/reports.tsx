/** The service-quality report as charts, for a period, with its CSV. */
import { useEffect, useState } from 'preact/hooks';
import type { components } from '../../../clients/typescript/src/index.js';
import { api, ApiError, query } from '../api.js';
import { useI18n } from '../i18n.js';
import { BarChart, LineChart } from './charts.js';

/** The service-quality report, as the API's document describes it. */
type Report = components['schemas']['ServiceQualityReport'];

/**
 * The viewer's calendar date `offset` days from today, as a date input wants it. The period is
 * read back at local midnight, so the date must be local too: a UTC date is a day behind (or
 * ahead) around midnight and left out the cases opened since the viewer's midnight.
 */
function localDay(offset: number): string {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const hours = (s: number | null) => (s === null ? null : s / 3600);

export function ReportsPage() {
  const { t, v } = useI18n();
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [from, setFrom] = useState(() => localDay(-84));
  const [to, setTo] = useState(() => localDay(1));
  const [groupBy, setGroupBy] = useState('week');
  const [report, setReport] = useState<Report>();
  const [error, setError] = useState<string>();
  const params = {
    from: new Date(`${from}T00:00:00`).toISOString(),
    to: new Date(`${to}T00:00:00`).toISOString(),
    groupBy,
    timeZone: zone,
  };
  const qs = query(params);
  useEffect(() => {
    api<Report>('GET', `/v1/reports/service-quality?${qs}`).then(
      (r) => {
        setReport(r);
        setError(undefined);
      },
      (err) => setError(err instanceof ApiError ? err.problem.detail : String(err)),
    );
  }, [qs]);

  const groups = report?.groups ?? [];
  const labels = groups.map((g) => g.key ?? '—');
  return (
    <section>
      <h1>{t('reports')}</h1>
      <form class="filters" aria-label={t('period')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('from')}
          <input type="date" name="from" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label>
          {t('to')}
          <input type="date" name="to" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        </label>
        <label>
          {t('groupBy')}
          <select name="groupBy" value={groupBy} onChange={(e) => setGroupBy(e.currentTarget.value)}>
            <option value="day">{t('day')}</option>
            <option value="week">{t('week')}</option>
            <option value="month">{t('month')}</option>
          </select>
        </label>
        <a href={`/v1/reports/service-quality?${qs}&format=csv`} download>
          {t('exportCsv')}
        </a>
      </form>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {!report ? (
        <p>{t('loading')}</p>
      ) : (
        <>
          <div class="kpis" data-testid="kpis">
            <div>
              {t('cases')}
              <strong>{report.total}</strong>
            </div>
            <div>
              {t('complaintRate')}
              <strong>{pct(report.complaintRate)}</strong>
            </div>
            <div>
              {t('repeatFaults')}
              <strong>
                {report.repeatFaults.count} / {report.repeatFaults.of}
              </strong>
            </div>
            <div>
              {v('resolved')}
              <strong>{pct(report.resolutionRate)}</strong>
            </div>
          </div>
          <div class="charts">
            <figure>
              <figcaption>{t('slaCompliance')}</figcaption>
              <BarChart
                max={1}
                format={(n) => pct(n)}
                bars={Object.entries(report.slaCompliance).map(([clock, c]) => ({
                  label: v(clock),
                  value: c.compliance ?? 0,
                }))}
              />
            </figure>
            <figure>
              <figcaption>{t('responseTimes')}</figcaption>
              <LineChart
                labels={labels}
                unit="h"
                series={[
                  { name: 'p50', points: groups.map((g) => hours(g.responseTime.p50)) },
                  { name: 'p90', points: groups.map((g) => hours(g.responseTime.p90)) },
                ]}
              />
            </figure>
            <figure>
              <figcaption>{t('resolutionTimes')}</figcaption>
              <LineChart
                labels={labels}
                unit="h"
                series={[
                  { name: 'p50', points: groups.map((g) => hours(g.resolutionTime.p50)) },
                  { name: 'p90', points: groups.map((g) => hours(g.resolutionTime.p90)) },
                ]}
              />
            </figure>
            <figure>
              <figcaption>{t('volumeByType')}</figcaption>
              <BarChart bars={Object.entries(report.byType).map(([k, n]) => ({ label: v(k), value: n }))} />
            </figure>
            <figure>
              <figcaption>{t('volumeByChannel')}</figcaption>
              <BarChart
                bars={Object.entries(report.byChannel).map(([k, n]) => ({ label: v(k), value: n }))}
              />
            </figure>
            <figure>
              <figcaption>{t('ratings')}</figcaption>
              <BarChart
                bars={([5, 4, 3, 2, 1] as const).map((s) => ({
                  label: '★'.repeat(s),
                  value: report.rating.distribution[s] ?? 0,
                }))}
              />
            </figure>
          </div>
        </>
      )}
    </section>
  );
}
