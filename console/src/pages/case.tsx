/** The case page: the case, its deadlines on their calendar, the timeline, and the allowed actions. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ACTION_ROLES } from '../../../api/action-roles.js';
import { actionsAllowedIn } from '../../../domain/case/machine.js';
import { api, ApiError, type CaseView, type Me, type TimelineItem } from '../api.js';
import { useI18n } from '../i18n.js';
import { useCaseChanges } from '../live.js';
import { linkProps } from '../router.js';
import { formatTime } from '../time.js';
import { ActionForm } from './action-forms.js';
import { Countdown } from './countdown.js';

const CLOCKS = [
  ['respond', 'respondBy'],
  ['resolve', 'resolveBy'],
  ['callback', 'callbackBy'],
  ['rate', 'rateBy'],
  ['findings', 'findingsBy'],
] as const;

/** The actions this person may take now: the machine's table for the status ∩ the role's (a refusal only while a transfer is open). */
export function allowedActions(c: CaseView, me: Me) {
  return actionsAllowedIn(c.status)
    .filter((a) => me.role === 'admin' || ACTION_ROLES[a].includes(me.role))
    .filter((a) => (a === 'refuse-transfer' ? !!c.transfer : a === 'transfer' ? !c.transfer : true));
}

export function CasePage({ id, me }: { id: string; me: Me }) {
  const { t, v, locale } = useI18n();
  const [c, setCase] = useState<CaseView>();
  const [timeline, setTimeline] = useState<TimelineItem[]>([]);
  const [error, setError] = useState<string>();
  const load = useCallback(async () => {
    try {
      const [view, tl] = await Promise.all([
        api<CaseView>('GET', `/v1/cases/${encodeURIComponent(id)}`),
        api<{ items: TimelineItem[] }>('GET', `/v1/cases/${encodeURIComponent(id)}/timeline`),
      ]);
      setCase(view);
      setTimeline(tl.items);
      setError(undefined);
    } catch (err) {
      setError(err instanceof ApiError ? err.problem.detail : String(err));
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  // Integrators follow by id too (a scoped key only its own cases).
  useCaseChanges(id, () => void load());

  if (error && !c)
    return (
      <p role="alert" class="error">
        {error}
      </p>
    );
  if (!c) return <p>{t('loading')}</p>;
  const actions = allowedActions(c, me);
  const zone = c.sla?.timeZone;
  const next = c.sla?.thresholds[0];
  return (
    <article class="case" data-status={c.status}>
      <p>
        <a {...linkProps('/')}>← {t('back')}</a>
      </p>
      <h1>
        {c.number} · {c.subject}
      </h1>
      <dl class="facts">
        <dt>{t('status')}</dt>
        <dd>
          <span class={`status s-${c.status}`} data-testid="case-status">
            {v(c.status)}
          </span>
        </dd>
        <dt>{t('type')}</dt>
        <dd>{v(c.type)}</dd>
        <dt>{t('priority')}</dt>
        <dd>{v(c.priority)}</dd>
        <dt>{t('level')}</dt>
        <dd>{c.level}</dd>
        <dt>{t('customer')}</dt>
        <dd>
          {c.customer.name} ({c.customer.id})
        </dd>
        <dt>{t('assignee')}</dt>
        <dd>{c.assignee ?? '—'}</dd>
        <dt>{t('responsibleTeam')}</dt>
        <dd data-testid="case-team">{c.team ?? '—'}</dd>
      </dl>
      {c.transfer && (
        <p class="transfer" data-testid="case-transfer">
          {t('withDepartment', {
            team: c.transfer.team,
            since: formatTime(c.transfer.since, locale),
            to: c.transfer.returnTo ?? '—',
          })}
        </p>
      )}
      <h2>{t('description')}</h2>
      <p class="description">{c.description}</p>

      <section aria-labelledby="deadlines-title">
        <h2 id="deadlines-title">{t('deadlines')}</h2>
        {c.sla && <p>{t('countedOn', { calendar: c.sla.calendar, zone: c.sla.timeZone })}</p>}
        {next && (
          <p data-testid="next-threshold">
            {t('nextThreshold', {
              what: `${v(next.clock)} · ${v(next.kind)}`,
              at: formatTime(next.at, locale),
            })}
          </p>
        )}
        <table class="deadlines">
          <thead>
            <tr>
              <th scope="col">{t('clock')}</th>
              <th scope="col">{t('dueAt')}</th>
              <th scope="col">{t('remaining')}</th>
            </tr>
          </thead>
          <tbody>
            {CLOCKS.map(([clock, field]) => {
              const due = c.deadlines[field];
              const breach = c.breaches.find((b) => b.clock === clock);
              if (!due && !breach) return null;
              const warnAt = c.sla?.thresholds.find((x) => x.clock === clock && x.kind === 'warning')?.at;
              return (
                <tr key={clock} data-clock={clock}>
                  <th scope="row">{clock === 'findings' ? t('findingsClock') : v(clock)}</th>
                  <td>
                    {due ? formatTime(due, locale) : '—'}
                    {due && zone && <div class="zone">{formatTime(due, locale, zone)}</div>}
                  </td>
                  <td>
                    {breach ? (
                      <span class="countdown breached" data-urgency="breached">
                        {t('breachedAt')} {formatTime(breach.at, locale)}
                      </span>
                    ) : (
                      <Countdown cd={{ clock, due: due!, warnAt, warned: c.sla?.warned?.includes(clock) }} />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {c.customerWait && <CustomerWait wait={c.customerWait} zone={zone} />}
      </section>

      <section aria-labelledby="actions-title">
        <h2 id="actions-title">{t('actions')}</h2>
        {actions.length === 0 ? (
          <p>{t('noActions')}</p>
        ) : (
          <div class="actions">
            {actions.map((a) => (
              <ActionForm
                key={`${a}-${c.status}`}
                action={a}
                caseView={c}
                onDone={(view) => {
                  setCase(view);
                  void load();
                }}
              />
            ))}
          </div>
        )}
      </section>

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('timeline')}</h2>
        <ol class="timeline">
          {timeline.map((e) => {
            const vis = e.type === 'case.note_added' ? String(e.data.visibility) : undefined;
            return (
              <li key={e.seq} class={vis ? `note ${vis}` : undefined} data-type={e.type}>
                <time dateTime={e.at}>{formatTime(e.at, locale)}</time> <strong>{e.type}</strong>{' '}
                <span class="actor">{e.actor}</span>
                {vis && <span class={`badge ${vis}`}>{t(vis === 'internal' ? 'internal' : 'public')}</span>}
                <EventData data={e.data} />
              </li>
            );
          })}
        </ol>
      </section>
    </article>
  );
}

function EventData({ data }: { data: Record<string, unknown> }) {
  const entries = Object.entries(data).filter(([k, val]) => val !== null && val !== '' && k !== 'visibility');
  if (entries.length === 0) return null;
  return (
    <dl class="data">
      {entries.map(([k, val]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{typeof val === 'object' ? JSON.stringify(val) : String(val)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** While the case waits on the customer: the reminder and the automatic close its policy sets. */
function CustomerWait({ wait, zone }: { wait: NonNullable<CaseView['customerWait']>; zone?: string }) {
  const { t, locale } = useI18n();
  const at = (iso: string) => (
    <>
      {formatTime(iso, locale)}
      {zone && <div class="zone">{formatTime(iso, locale, zone)}</div>}
    </>
  );
  return (
    <>
      <h3 id="customer-wait-title">{t('customerWait')}</h3>
      <dl class="facts" data-testid="customer-wait" aria-labelledby="customer-wait-title">
        <dt>{t('customerWaitSince')}</dt>
        <dd>{at(wait.since)}</dd>
        <dt>{t('customerRemindAt')}</dt>
        <dd data-field="remindAt">
          {wait.reminded ? t('customerReminded') : wait.remindAt ? at(wait.remindAt) : t('customerNever')}
        </dd>
        <dt>{t('customerCloseAt')}</dt>
        <dd data-field="closeAt">{wait.closeAt ? at(wait.closeAt) : t('customerNever')}</dd>
      </dl>
    </>
  );
}
