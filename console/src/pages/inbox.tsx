/** The supervisor's approval inbox: proposals waiting, approved or rejected one by one or in a batch. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, type CaseView, type Me, type CasePage, type TimelineItem } from '../api.js';
import { useI18n } from '../i18n.js';
import { useCaseChanges } from '../live.js';
import { linkProps } from '../router.js';
import { Countdown } from './countdown.js';
import { UrgentMark } from './urgent.js';

interface Proposal {
  case: CaseView;
  summary?: string;
  remedy?: string;
  amount?: number | null;
  proposer?: string;
  findings?: string;
}

function latest(tl: TimelineItem[], type: string) {
  return [...tl].reverse().find((e) => e.type === type);
}

async function loadProposals(): Promise<Proposal[]> {
  const page = await api<CasePage>('GET', '/v1/cases?status=pending_approval&sort=priority&limit=200');
  return Promise.all(
    page.items.map(async (c) => {
      const tl = (await api<{ items: TimelineItem[] }>('GET', `/v1/cases/${c.id}/timeline`)).items;
      const p = latest(tl, 'case.resolution_proposed');
      const f = latest(tl, 'case.findings_recorded');
      return {
        case: c,
        summary: p?.data.summary as string | undefined,
        remedy: p?.data.remedy as string | undefined,
        amount: p?.data.amount as number | null | undefined,
        proposer: p?.actor,
        findings: f?.data.summary as string | undefined,
      };
    }),
  );
}

export function InboxPage({ me }: { me: Me }) {
  const { t, v } = useI18n();
  const [items, setItems] = useState<Proposal[]>();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [comments, setComments] = useState<Record<string, string>>({});
  const [batchComment, setBatchComment] = useState('');
  const [messages, setMessages] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const rows = useRef<HTMLElement[]>([]);

  const load = useCallback(async () => {
    try {
      setItems(await loadProposals());
    } catch (err) {
      setError(err instanceof ApiError ? err.problem.detail : String(err));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useCaseChanges(me.role === 'integrator' ? null : 'all', () => void load());

  const decide = async (ids: string[], decision: 'approve' | 'reject', comment?: (id: string) => string) => {
    const out: Record<string, string> = {};
    for (const id of ids) {
      const text = comment?.(id)?.trim();
      try {
        await api('POST', `/v1/cases/${id}/approval`, { decision, ...(text ? { comment: text } : {}) });
        out[id] = t('done');
      } catch (err) {
        out[id] = err instanceof ApiError ? err.problem.detail : String(err);
      }
    }
    setMessages(out);
    setSelected(new Set());
    await load();
  };

  const onKey = (e: KeyboardEvent, index: number, id: string) => {
    if ((e.target as HTMLElement).matches('input, textarea, select')) return;
    const focus = (i: number) => rows.current[Math.max(0, Math.min(i, rows.current.length - 1))]?.focus();
    if (e.key === 'j') focus(index + 1);
    else if (e.key === 'k') focus(index - 1);
    else if (e.key === 'x') {
      const s = new Set(selected);
      if (s.has(id)) s.delete(id);
      else s.add(id);
      setSelected(s);
    } else if (e.key === 'a') void decide([id], 'approve', (i) => comments[i] ?? '');
    else if (e.key === 'r') void decide([id], 'reject', (i) => comments[i] ?? '');
    else return;
    e.preventDefault();
  };

  return (
    <section>
      <h1>{t('inbox')}</h1>
      <p class="help">{t('inboxKeys')}</p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {Object.keys(messages).length > 0 && (
        <ul role="status" class="messages">
          {Object.entries(messages).map(([id, m]) => (
            <li key={id}>
              {id}: {m}
            </li>
          ))}
        </ul>
      )}
      {!items ? (
        <p>{t('loading')}</p>
      ) : items.length === 0 ? (
        <p>{t('inboxEmpty')}</p>
      ) : (
        <>
          <form
            class="bulk"
            onSubmit={(e) => {
              e.preventDefault();
            }}
          >
            <label>
              {t('comment')}
              <input
                name="batch-comment"
                value={batchComment}
                onInput={(e) => setBatchComment(e.currentTarget.value)}
              />
            </label>
            <button
              type="button"
              disabled={selected.size === 0}
              onClick={() => void decide([...selected], 'approve', () => batchComment)}
            >
              {t('approveSelected')} ({selected.size})
            </button>
            <button
              type="button"
              disabled={selected.size === 0}
              onClick={() => void decide([...selected], 'reject', () => batchComment)}
            >
              {t('rejectSelected')} ({selected.size})
            </button>
          </form>
          <ul class="inbox">
            {items.map((p, i) => (
              <li
                key={p.case.id}
                data-case={p.case.id}
                tabIndex={0}
                ref={(el) => {
                  if (el) rows.current[i] = el;
                }}
                aria-label={`${p.case.number} ${p.case.subject}`}
                onKeyDown={(e) => onKey(e, i, p.case.id)}
              >
                <div class="head">
                  <input
                    type="checkbox"
                    aria-label={`${t('selectCase')} ${p.case.number}`}
                    checked={selected.has(p.case.id)}
                    onChange={(e) => {
                      const s = new Set(selected);
                      if (e.currentTarget.checked) s.add(p.case.id);
                      else s.delete(p.case.id);
                      setSelected(s);
                    }}
                  />
                  <a {...linkProps(`/cases/${p.case.id}`)}>{p.case.number}</a>{' '}
                  <UrgentMark priority={p.case.priority} /> {p.case.subject} — {p.case.customer.name}
                  <Countdown c={p.case} />
                </div>
                <dl class="proposal">
                  <dt>{t('remedy')}</dt>
                  <dd>{p.remedy ? v(p.remedy) : '—'}</dd>
                  <dt>{t('amount')}</dt>
                  <dd>{p.amount ?? '—'}</dd>
                  <dt>{t('proposer')}</dt>
                  <dd>{p.proposer ?? '—'}</dd>
                  <dt>{t('proposal')}</dt>
                  <dd>{p.summary ?? '—'}</dd>
                  <dt>{t('findings')}</dt>
                  <dd>{p.findings ?? '—'}</dd>
                </dl>
                <div class="decide">
                  <label>
                    {t('comment')}
                    <input
                      name={`comment-${p.case.id}`}
                      value={comments[p.case.id] ?? ''}
                      onInput={(e) => setComments({ ...comments, [p.case.id]: e.currentTarget.value })}
                    />
                  </label>
                  <button
                    type="button"
                    onClick={() => void decide([p.case.id], 'approve', (id) => comments[id] ?? '')}
                  >
                    {t('approve')}
                  </button>
                  <button
                    type="button"
                    onClick={() => void decide([p.case.id], 'reject', (id) => comments[id] ?? '')}
                  >
                    {t('reject')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
