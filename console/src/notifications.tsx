/**
 * The signed-in person's notifications: the unread count in the header and the list, kept live by
 * their own stream (/v1/notifications/stream, server-sent events). Agents and supervisors have them.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Notification, NotificationPage } from '../../clients/typescript/src/index.js';
import { api } from './api.js';
import { useI18n } from './i18n.js';
import { linkProps } from './router.js';
import { formatTime } from './time.js';

export interface Notifications {
  items: Notification[];
  unread: number;
  markRead: (id: string) => Promise<void>;
}

/** The newest notifications and the unread count, reloaded whenever the stream says so. */
export function useNotifications(enabled: boolean): Notifications {
  const [page, setPage] = useState<NotificationPage>({ items: [], unread: 0, nextCursor: null });
  const reload = useCallback(() => {
    api<NotificationPage>('GET', '/v1/notifications?limit=50').then(setPage, () => {});
  }, []);
  useEffect(() => {
    if (!enabled) return;
    reload();
    const source = new EventSource('/v1/notifications/stream');
    let pending: ReturnType<typeof setTimeout> | undefined;
    // A step tells several things at once: one reload for them all.
    const changed = () => {
      clearTimeout(pending);
      pending = setTimeout(reload, 150);
    };
    source.addEventListener('notification', changed);
    source.addEventListener('resync', changed);
    return () => {
      clearTimeout(pending);
      source.close();
    };
  }, [enabled, reload]);
  const markRead = async (id: string) => {
    await api('POST', `/v1/notifications/${encodeURIComponent(id)}/read`);
    reload();
  };
  return { items: page.items, unread: page.unread, markRead };
}

/** The header's link to the list, with the unread count. */
export function NotificationsBell({ unread }: { unread: number }) {
  const { t } = useI18n();
  return (
    <a {...linkProps('/notifications')} class="bell" data-testid="notifications-link">
      {t('notifications')}{' '}
      <span
        class={unread > 0 ? 'badge' : 'badge zero'}
        data-testid="unread-count"
        aria-label={t('unreadCount', { n: String(unread) })}
      >
        {unread}
      </span>
    </a>
  );
}

export function NotificationsPage({ n }: { n: Notifications }) {
  const { t, lang, locale } = useI18n();
  return (
    <section>
      <h1>
        {t('notifications')} <small>{t('unreadCount', { n: String(n.unread) })}</small>
      </h1>
      {n.items.length === 0 ? (
        <p>{t('noNotifications')}</p>
      ) : (
        <ul class="notifications">
          {n.items.map((item) => (
            <li
              key={item.id}
              data-notification={item.id}
              data-type={item.type}
              class={item.readAt ? 'read' : 'unread'}
            >
              <a {...linkProps(`/cases/${item.caseId}`)}>
                {lang === 'zh' ? item.text['zh-CN'] : item.text.en}
              </a>{' '}
              <time dateTime={item.createdAt}>{formatTime(item.createdAt, locale)}</time>{' '}
              {!item.readAt && (
                <button type="button" onClick={() => void n.markRead(item.id)}>
                  {t('markRead')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
