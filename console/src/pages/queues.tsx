/** Queues: mine, my team's, unassigned, breached, pending approval; filters, search, live countdowns. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { CASE_STATUSES, CASE_TYPES, PRIORITIES } from '../../../domain/case/contract.js';
import { api, ApiError, query, type Me, type CasePage } from '../api.js';
import { useI18n, type Key } from '../i18n.js';
import { useCaseChanges } from '../live.js';
import { linkProps } from '../router.js';
import { Countdown } from './countdown.js';
import { UrgentMark } from './urgent.js';

const STATUSES = [...CASE_STATUSES];
const TYPES = [...CASE_TYPES];
const PRIORITIES_LIST = [...PRIORITIES];

type Tab = 'mine' | 'team' | 'unassigned' | 'breached' | 'pendingApproval' | 'all';
const TAB_QUERY: Record<Tab, (me: Me) => Record<string, string | undefined>> = {
  mine: () => ({ mine: 'true' }),
  team: (me) => ({ team: me.agent?.team }),
  unassigned: () => ({ unassigned: 'true' }),
  breached: () => ({ breached: 'true' }),
  pendingApproval: () => ({ status: 'pending_approval' }),
  all: () => ({}),
};

interface Filters {
  status: string;
  type: string;
  priority: string;
  level: string;
  breached: string;
  assignee: string;
  customerId: string;
  q: string;
  sort: string;
}
const NO_FILTERS: Filters = {
  status: '',
  type: '',
  priority: '',
  level: '',
  breached: '',
  assignee: '',
  customerId: '',
  q: '',
  // Urgent first (then the next deadline), in every queue.
  sort: 'priority',
};

export function QueuesPage({ me }: { me: Me }) {
  const { t, v } = useI18n();
  const tabs: Tab[] = [
    'mine',
    ...(me.agent ? (['team'] as Tab[]) : []),
    'unassigned',
    'breached',
    'pendingApproval',
    'all',
  ];
  const [tab, setTab] = useState<Tab>(me.role === 'agent' ? 'mine' : 'all');
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [page, setPage] = useState<CasePage>();
  const [error, setError] = useState<string>();
  const [selected, setSelected] = useState<Set<string>>(new Set());

  const params = { ...filters, ...TAB_QUERY[tab](me), limit: '50' };
  const key = query(params);
  const load = useCallback(async () => {
    try {
      setPage(await api<CasePage>('GET', `/v1/cases?${key}`));
      setError(undefined);
    } catch (err) {
      setError(err instanceof ApiError ? err.problem.detail : String(err));
    }
  }, [key]);
  useEffect(() => {
    void load();
  }, [load]);
  const connected = useCaseChanges(me.role === 'integrator' ? null : 'all', () => void load());

  const more = async () => {
    if (!page?.nextCursor) return;
    const next = await api<CasePage>('GET', `/v1/cases?${query({ ...params, cursor: page.nextCursor })}`);
    setPage({ items: [...page.items, ...next.items], nextCursor: next.nextCursor });
  };

  const field = (name: keyof Filters, label: Key, options?: string[], render: (o: string) => string = v) => (
    <label>
      {t(label)}
      {options ? (
        <select
          name={name}
          value={draft[name]}
          onChange={(e) => setDraft({ ...draft, [name]: e.currentTarget.value })}
        >
          <option value="">{t('any')}</option>
          {options.map((o) => (
            <option value={o} key={o}>
              {render(o)}
            </option>
          ))}
        </select>
      ) : (
        <input
          name={name}
          value={draft[name]}
          onInput={(e) => setDraft({ ...draft, [name]: e.currentTarget.value })}
        />
      )}
    </label>
  );

  return (
    <section>
      <h1>{t('queues')}</h1>
      <div class="tabs" role="group" aria-label={t('queues')}>
        {tabs.map((tb) => (
          <button
            type="button"
            key={tb}
            aria-pressed={tab === tb}
            onClick={() => {
              setTab(tb);
              setSelected(new Set());
            }}
          >
            {t(tb)}
          </button>
        ))}
        <span class={`live ${connected ? 'on' : 'off'}`} role="status">
          {connected ? t('live') : t('offline')}
        </span>
      </div>
      <form
        class="filters"
        aria-label={t('filters')}
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
        }}
      >
        <label class="search">
          {t('search')}
          <input
            type="search"
            name="q"
            value={draft.q}
            title={t('searchHelp')}
            onInput={(e) => setDraft({ ...draft, q: e.currentTarget.value })}
          />
        </label>
        {field('status', 'status', STATUSES)}
        {field('type', 'type', TYPES)}
        {field('priority', 'priority', PRIORITIES_LIST)}
        {field('level', 'level', ['1', '2', '3'], (o) => o)}
        {field('breached', 'breached', ['true', 'false'], (o) => t(o === 'true' ? 'yes' : 'no'))}
        {field('assignee', 'assignee')}
        {field('customerId', 'customerId')}
        <label>
          {t('sort')}
          <select
            name="sort"
            value={draft.sort}
            onChange={(e) => setDraft({ ...draft, sort: e.currentTarget.value })}
          >
            <option value="priority">{t('sortPriority')}</option>
            <option value="nextDeadline">{t('sortDeadline')}</option>
            <option value="createdAt">{t('sortNewest')}</option>
          </select>
        </label>
        <button type="submit">{t('apply')}</button>
        <button
          type="button"
          onClick={() => {
            setDraft(NO_FILTERS);
            setFilters(NO_FILTERS);
          }}
        >
          {t('reset')}
        </button>
      </form>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {(me.role === 'supervisor' || me.role === 'admin') && (
        <BulkReassign ids={[...selected]} onDone={() => void load().then(() => setSelected(new Set()))} />
      )}
      {!page ? (
        <p>{t('loading')}</p>
      ) : page.items.length === 0 ? (
        <p>{t('noCases')}</p>
      ) : (
        <table class="cases">
          <thead>
            <tr>
              {(me.role === 'supervisor' || me.role === 'admin') && (
                <th scope="col">
                  <span class="sr-only">{t('selectCase')}</span>
                </th>
              )}
              <th scope="col">{t('number')}</th>
              <th scope="col">{t('subject')}</th>
              <th scope="col">{t('customer')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('priority')}</th>
              <th scope="col">{t('level')}</th>
              <th scope="col">{t('assignee')}</th>
              <th scope="col">{t('nextDeadline')}</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((c) => (
              <tr key={c.id} data-case={c.id} class={c.priority === 'urgent' ? 'urgent' : undefined}>
                {(me.role === 'supervisor' || me.role === 'admin') && (
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${t('selectCase')} ${c.number}`}
                      checked={selected.has(c.id)}
                      onChange={(e) => {
                        const s = new Set(selected);
                        if (e.currentTarget.checked) s.add(c.id);
                        else s.delete(c.id);
                        setSelected(s);
                      }}
                    />
                  </td>
                )}
                <td>
                  <a {...linkProps(`/cases/${c.id}`)}>{c.number}</a>
                </td>
                <td>
                  <UrgentMark priority={c.priority} /> {c.subject}
                </td>
                <td>{c.customer.name}</td>
                <td>
                  <span class={`status s-${c.status}`}>{v(c.status)}</span>
                </td>
                <td>{v(c.priority)}</td>
                <td>{c.level}</td>
                <td>{c.assignee ?? '—'}</td>
                <td>
                  <Countdown c={c} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page?.nextCursor && (
        <button type="button" onClick={() => void more()}>
          {t('loadMore')}
        </button>
      )}
    </section>
  );
}

function BulkReassign({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const { t } = useI18n();
  const [assignee, setAssignee] = useState('');
  const [result, setResult] = useState<string>();
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      const r = await api<{ results: { id: string; status: number; problem?: { detail: string } }[] }>(
        'POST',
        '/v1/cases/reassign',
        { caseIds: ids, assignee },
      );
      const failed = r.results.filter((x) => x.status !== 200);
      setResult(
        `${r.results.length - failed.length}/${r.results.length} ✓` +
          (failed.length ? ` — ${failed.map((f) => f.problem?.detail).join('; ')}` : ''),
      );
      onDone();
    } catch (err) {
      setResult(err instanceof ApiError ? err.problem.detail : String(err));
    }
  };
  return (
    <form class="bulk" onSubmit={submit}>
      <label>
        {t('reassignSelected')} ({ids.length})
        <input
          name="assignee"
          required
          value={assignee}
          onInput={(e) => setAssignee(e.currentTarget.value)}
        />
      </label>
      <button type="submit" disabled={ids.length === 0}>
        {t('reassign')}
      </button>
      {result && <span role="status">{result}</span>}
    </form>
  );
}
