/**
 * The console for the people who work the cases. Preact (a 4 KB React-compatible library with
 * hooks, kept by an active team) with JSX compiled by esbuild: small, no runtime dependencies
 * beyond itself, and TypeScript all the way, so the forms can import the API's own zod schemas.
 */
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, ApiError, type Me } from './api.js';
import { defaultLang, I18nContext, makeI18n, useI18n, type Lang } from './i18n.js';
import { linkProps, navigate, usePath } from './router.js';
import { QueuesPage } from './pages/queues.js';
import { CasePage } from './pages/case.js';
import { InboxPage } from './pages/inbox.js';
import { ReportsPage } from './pages/reports.js';
import { AdminPage } from './pages/admin.js';
import { NotificationsBell, NotificationsPage, useNotifications } from './notifications.js';

function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const { t } = useI18n();
  const [key, setKey] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const me = await api<Me>('POST', '/v1/session', { apiKey: key });
      setKey('');
      onSignedIn(me);
    } catch (err) {
      setError(err instanceof ApiError ? err.problem.detail : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" class="signin">
      <h1>{t('appName')}</h1>
      <form onSubmit={submit}>
        <label for="api-key">{t('apiKey')}</label>
        <input
          id="api-key"
          name="apiKey"
          type="password"
          autocomplete="off"
          required
          value={key}
          aria-describedby="api-key-help"
          onInput={(e) => setKey(e.currentTarget.value)}
        />
        <p id="api-key-help" class="help">
          {t('apiKeyHelp')}
        </p>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('signIn')}
        </button>
      </form>
      <LangSwitch />
    </main>
  );
}

function LangSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <label class="lang">
      {t('language')}{' '}
      <select value={lang} onChange={(e) => setLang(e.currentTarget.value as Lang)}>
        <option value="zh" lang="zh-CN">
          简体中文
        </option>
        <option value="en" lang="en">
          English
        </option>
      </select>
    </label>
  );
}

function Shell({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const { t, v } = useI18n();
  const path = usePath();
  const staff = me.role !== 'integrator';
  const supervisor = me.role === 'supervisor' || me.role === 'admin';
  // People are told: agents and supervisors (an admin or integrator key is no one to tell).
  const told = me.role === 'agent' || me.role === 'supervisor';
  const notifications = useNotifications(told);
  const caseMatch = /^\/cases\/([^/]+)$/.exec(path);
  let page;
  if (caseMatch) page = <CasePage id={decodeURIComponent(caseMatch[1]!)} me={me} />;
  else if (path === '/inbox' && supervisor) page = <InboxPage me={me} />;
  else if (path === '/reports' && supervisor) page = <ReportsPage />;
  else if (path.startsWith('/admin')) page = <AdminPage me={me} />;
  else if (path === '/notifications' && told) page = <NotificationsPage n={notifications} />;
  else page = <QueuesPage me={me} />;
  const nav = (to: string, label: string) => (
    <li>
      <a
        {...linkProps(to)}
        aria-current={path === to || (to === '/' && path === '/queues') ? 'page' : undefined}
      >
        {label}
      </a>
    </li>
  );
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header>
        <span class="brand">{t('appName')}</span>
        <nav aria-label={t('appName')}>
          <ul>
            {nav('/', t('queues'))}
            {supervisor && nav('/inbox', t('inbox'))}
            {supervisor && nav('/reports', t('reports'))}
            {staff && nav('/admin', t('admin'))}
          </ul>
        </nav>
        {told && <NotificationsBell unread={notifications.unread} />}
        <span class="who" data-testid="who">
          {t('signedInAs')} {me.agent?.name ?? me.name} ({v(me.role)})
        </span>
        <LangSwitch />
        <button type="button" onClick={onSignOut}>
          {t('signOut')}
        </button>
      </header>
      <main id="main">{page}</main>
    </>
  );
}

function App() {
  const [lang, setLangState] = useState<Lang>(() =>
    defaultLang(localStorage.getItem('console.lang'), navigator.languages ?? [navigator.language]),
  );
  const setLang = (l: Lang) => {
    // Only the language choice is kept in the browser; never a key.
    localStorage.setItem('console.lang', l);
    setLangState(l);
  };
  const i18n = useMemo(() => makeI18n(lang, setLang), [lang]);
  useEffect(() => {
    document.documentElement.lang = i18n.locale;
    document.title = i18n.t('appName');
  }, [i18n]);
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  useEffect(() => {
    api<Me>('GET', '/v1/session').then(setMe, () => setMe(null));
  }, []);
  const signOut = async () => {
    await api('DELETE', '/v1/session').catch(() => {});
    setMe(null);
    navigate('/');
  };
  return (
    <I18nContext.Provider value={i18n}>
      {me === undefined ? (
        <p class="loading">{i18n.t('loading')}</p>
      ) : me === null ? (
        <SignIn onSignedIn={setMe} />
      ) : (
        <Shell me={me} onSignOut={signOut} />
      )}
    </I18nContext.Provider>
  );
}

render(<App />, document.getElementById('app')!);
