/**
 * Administration: SLA policies and business calendars (all staff read; admins edit, with the
 * deadline calculator), teams and agents, API keys (admins).
 */
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, type Me } from '../api.js';
import { useI18n, type Key } from '../i18n.js';
import { formatTime } from '../time.js';

type Tab = 'policies' | 'calendars' | 'teams' | 'apiKeys';
type Named = { name: string } & Record<string, unknown>;

const message = (err: unknown) => (err instanceof ApiError ? err.problem.detail : String(err));

function useItems<T>(path: string, version: number) {
  const [items, setItems] = useState<T[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    api<{ items: T[] }>('GET', path).then(
      (r) => setItems(r.items),
      (err) => setError(message(err)),
    );
  }, [path, version]);
  return { items, error };
}

/** A named definition as JSON, editable by admins (PUT), with the API's problem detail on error. */
function DefinitionEditor({
  path,
  item,
  editable,
  onSaved,
}: {
  path: string;
  item: Named;
  editable: boolean;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(JSON.stringify(item, null, 2));
  const [note, setNote] = useState<string>();
  const id = `def-${path.replace(/\W/g, '-')}-${item.name}`;
  const save = async (e: Event) => {
    e.preventDefault();
    try {
      await api('PUT', `${path}/${encodeURIComponent(item.name)}`, JSON.parse(text));
      setNote(t('saved'));
      onSaved();
    } catch (err) {
      setNote(message(err));
    }
  };
  return (
    <form onSubmit={save} class="definition">
      <label for={id}>{t('definition')}</label>
      <textarea
        id={id}
        rows={8}
        cols={60}
        readOnly={!editable}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      {editable && <button type="submit">{t('save')}</button>}
      {note && <span role="status">{note}</span>}
    </form>
  );
}

function DueCalculator({ calendar }: { calendar: Named }) {
  const { t, locale } = useI18n();
  const [duration, setDuration] = useState('PT8H');
  const [due, setDue] = useState<string>();
  const id = `due-${calendar.name}`;
  const calc = async (e: Event) => {
    e.preventDefault();
    try {
      const r = await api<{ due: string }>(
        'POST',
        `/v1/business-calendars/${encodeURIComponent(calendar.name)}/due`,
        {
          from: new Date().toISOString(),
          duration,
        },
      );
      setDue(
        t('openedNowDue', {
          at: `${formatTime(r.due, locale)} (${formatTime(r.due, locale, String(calendar.timeZone))})`,
        }),
      );
    } catch (err) {
      setDue(message(err));
    }
  };
  return (
    <form onSubmit={calc} class="bulk" aria-label={`${t('dueCalculator')} ${calendar.name}`}>
      <label for={id}>
        {t('dueCalculator')} — {t('duration')}
      </label>
      <input id={id} value={duration} onInput={(e) => setDuration(e.currentTarget.value)} />
      <button type="submit">{t('calculate')}</button>
      {due && <output>{due}</output>}
    </form>
  );
}

function Policies({ admin }: { admin: boolean }) {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const { items, error } = useItems<Named>('/v1/sla-policies', version);
  if (error) return <p class="error">{error}</p>;
  return (
    <div>
      {items?.map((p) => (
        <details key={p.name}>
          <summary>
            {p.name} — {t('timeZone')}/{String(p.calendar)}: {String(p.respondWithin)} /{' '}
            {String(p.resolveWithin)}
          </summary>
          <DefinitionEditor
            path="/v1/sla-policies"
            item={p}
            editable={admin}
            onSaved={() => setVersion(version + 1)}
          />
        </details>
      ))}
    </div>
  );
}

function Calendars({ admin }: { admin: boolean }) {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const { items, error } = useItems<Named>('/v1/business-calendars', version);
  if (error) return <p class="error">{error}</p>;
  return (
    <div>
      {items?.map((c) => (
        <details key={c.name} open={c.name !== '24x7' && items.length <= 3}>
          <summary>
            {c.name} — {t('timeZone')} {String(c.timeZone)}
          </summary>
          <DueCalculator calendar={c} />
          <DefinitionEditor
            path="/v1/business-calendars"
            item={c}
            editable={admin && c.name !== '24x7'}
            onSaved={() => setVersion(version + 1)}
          />
        </details>
      ))}
    </div>
  );
}

function Teams() {
  const { t, v } = useI18n();
  const teams = useItems<{ name: string; caseTypes: string[]; minLevel: number; maxLevel: number }>(
    '/v1/teams',
    0,
  );
  const agents = useItems<{ id: string; name: string; team: string; active: boolean }>('/v1/agents', 0);
  return (
    <div>
      <h2>{t('teams')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('caseTypes')}</th>
            <th scope="col">{t('levels')}</th>
          </tr>
        </thead>
        <tbody>
          {teams.items?.map((tm) => (
            <tr key={tm.name}>
              <td>{tm.name}</td>
              <td>{tm.caseTypes.map(v).join(', ')}</td>
              <td>
                {tm.minLevel}–{tm.maxLevel}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('agents')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">id</th>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('teams')}</th>
            <th scope="col">{t('active')}</th>
          </tr>
        </thead>
        <tbody>
          {agents.items?.map((a) => (
            <tr key={a.id}>
              <td>{a.id}</td>
              <td>{a.name}</td>
              <td>{a.team}</td>
              <td>{a.active ? t('yes') : t('no')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ApiKeys() {
  const { t, v, locale } = useI18n();
  const [version, setVersion] = useState(0);
  const { items, error } = useItems<{
    id: string;
    name: string;
    role: string;
    scoped: boolean;
    createdAt: string;
    expiresAt: string | null;
    lastUsedAt: string | null;
    revokedAt: string | null;
  }>('/v1/api-keys', version);
  const [name, setName] = useState('');
  const [role, setRole] = useState('agent');
  // Integrator keys are scoped to their integration unless the admin says otherwise (as the API).
  const [scoped, setScoped] = useState(true);
  const [expires, setExpires] = useState('');
  const [created, setCreated] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const create = async (e: Event) => {
    e.preventDefault();
    try {
      const r = await api<{ key: string }>('POST', '/v1/api-keys', {
        name,
        role,
        ...(role === 'integrator' ? { scoped } : {}),
        // The field is in the viewer's local time; the API takes an instant.
        ...(expires ? { expiresAt: new Date(expires).toISOString() } : {}),
      });
      setProblem(undefined);
      setCreated(r.key);
      setName('');
      setVersion(version + 1);
    } catch (err) {
      setProblem(message(err));
    }
  };
  const revoke = async (id: string) => {
    try {
      await api('DELETE', `/v1/api-keys/${encodeURIComponent(id)}`);
      setVersion(version + 1);
    } catch (err) {
      setProblem(message(err));
    }
  };
  return (
    <div>
      <form class="bulk" onSubmit={create} aria-label={t('newKey')}>
        <label>
          {t('name')}
          <input required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label>
          {t('role')}
          <select value={role} onChange={(e) => setRole(e.currentTarget.value)}>
            {['integrator', 'agent', 'supervisor', 'admin'].map((r) => (
              <option key={r} value={r}>
                {v(r)}
              </option>
            ))}
          </select>
        </label>
        {role === 'integrator' && (
          <label>
            <input type="checkbox" checked={scoped} onChange={(e) => setScoped(e.currentTarget.checked)} />
            {t('scoped')}
          </label>
        )}
        <label>
          {t('expires')}
          <input type="datetime-local" value={expires} onInput={(e) => setExpires(e.currentTarget.value)} />
        </label>
        <button type="submit">{t('newKey')}</button>
      </form>
      {created && (
        <p role="status">
          {t('keyShownOnce')} <code>{created}</code>
        </p>
      )}
      {(problem || error) && (
        <p class="error" role="alert">
          {problem ?? error}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">id</th>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('role')}</th>
            <th scope="col">{t('scoped')}</th>
            <th scope="col">{t('created')}</th>
            <th scope="col">{t('expires')}</th>
            <th scope="col">{t('lastUsed')}</th>
            <th scope="col">{t('revoked')}</th>
            <th scope="col">
              <span class="sr-only">{t('revoke')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items?.map((k) => (
            <tr key={k.id}>
              <td>{k.id}</td>
              <td>{k.name}</td>
              <td>{v(k.role)}</td>
              <td>{k.scoped ? '✓' : '—'}</td>
              <td>{formatTime(k.createdAt, locale)}</td>
              <td>{k.expiresAt ? formatTime(k.expiresAt, locale) : '—'}</td>
              <td>{k.lastUsedAt ? formatTime(k.lastUsedAt, locale) : '—'}</td>
              <td>{k.revokedAt ? formatTime(k.revokedAt, locale) : '—'}</td>
              <td>
                {!k.revokedAt && (
                  <button
                    type="button"
                    onClick={() => void revoke(k.id)}
                    aria-label={`${t('revoke')} ${k.name}`}
                  >
                    {t('revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AdminPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const admin = me.role === 'admin';
  const tabs: Tab[] = ['policies', 'calendars', 'teams', ...(admin ? (['apiKeys'] as Tab[]) : [])];
  const [tab, setTab] = useState<Tab>('calendars');
  return (
    <section>
      <h1>{t('admin')}</h1>
      <div class="tabs" role="group" aria-label={t('admin')}>
        {tabs.map((tb) => (
          <button type="button" key={tb} aria-pressed={tab === tb} onClick={() => setTab(tb)}>
            {t(tb as Key)}
          </button>
        ))}
      </div>
      {tab === 'policies' && <Policies admin={admin} />}
      {tab === 'calendars' && <Calendars admin={admin} />}
      {tab === 'teams' && <Teams />}
      {tab === 'apiKeys' && admin && <ApiKeys />}
    </section>
  );
}
