/**
 * What staff are told, and whom: which case events become a notification for which people (the
 * "who is told" table of docs/notifications.md), and the notice's short text in Simplified Chinese
 * and English (the console and the mail copies say the same). Pure: the caller resolves the
 * audiences to people (db/notifications.ts) and gives the time zone.
 */
import type { CaseEvent } from '../case/types.js';
import { personOf } from '../people.js';
import { formatTime, type Locale } from './customer-messages.js';

/** Whose team a lead or the members are: the case's team now, or a team named by the event. */
export type TeamRef = { case: true } | { name: string };

/** One group of people an event tells; db/notifications.ts turns each into person names. */
export type Audience =
  | { who: 'assignee' }
  | { who: 'owner' }
  | { who: 'lead'; team: TeamRef }
  | { who: 'members'; team: TeamRef }
  | { who: 'supervisors' }
  | { who: 'person'; name: string };

export interface Told {
  audiences: Audience[];
  /** People never told of this event (the proposer of a remedy waiting for approval). */
  except: string[];
}

export const STAFF_NOTICE_TYPES = [
  'sla.warning',
  'sla.breached',
  'supervisor.notified',
  'case.escalated',
  'case.approval_requested',
  'case.transferred',
  'case.transfer_refused',
  'case.handed_back',
  'case.team_changed',
] as const;
export type StaffNoticeType = (typeof STAFF_NOTICE_TYPES)[number];

const isNoticeType = (t: string): t is StaffNoticeType =>
  (STAFF_NOTICE_TYPES as readonly string[]).includes(t);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const team = (v: unknown): TeamRef | undefined => {
  const name = str(v);
  return name ? { name } : undefined;
};

/**
 * Who an event tells. The person who acted is never told of their own act (they know), nor is
 * anyone the event excludes; an event that tells nobody gives undefined.
 */
export function toldOf(e: Pick<CaseEvent, 'type' | 'data' | 'actor'>): Told | undefined {
  if (!isNoticeType(e.type)) return undefined;
  const d = e.data;
  const caseLead: Audience = { who: 'lead', team: { case: true } };
  const groups = (...a: (Audience | undefined | false)[]) => a.filter((x): x is Audience => !!x);
  let audiences: Audience[];
  const except = [personOf(e.actor)];
  switch (e.type) {
    case 'sla.warning':
      // The findings clock runs in the department the case was handed to: its lead hears of it too.
      audiences = groups({ who: 'assignee' }, d.clock === 'findings' && caseLead);
      break;
    case 'sla.breached':
    case 'supervisor.notified':
    case 'case.escalated':
      audiences = [caseLead, { who: 'supervisors' }];
      break;
    case 'case.approval_requested':
      audiences = [{ who: 'supervisors' }];
      break;
    case 'case.transferred': {
      const t = team(d.team);
      audiences = t
        ? [
            { who: 'lead', team: t },
            { who: 'members', team: t },
          ]
        : [];
      break;
    }
    case 'case.transfer_refused':
    case 'case.handed_back': {
      const t = team(d.to);
      const owner = str(d.owner);
      audiences = groups(
        owner ? { who: 'person', name: owner } : { who: 'owner' },
        t ? { who: 'lead', team: t } : { who: 'lead', team: { case: true } },
      );
      break;
    }
    case 'case.team_changed': {
      const t = team(d.to);
      const extra = Array.isArray(d.notify) ? d.notify.map(str).filter((n): n is string => !!n) : [];
      audiences = groups(
        t && { who: 'lead', team: t },
        t && { who: 'members', team: t },
        str(d.manager) !== undefined && { who: 'person', name: str(d.manager)! },
        ...extra.map((name): Audience => ({ who: 'person', name })),
      );
      break;
    }
  }
  return audiences.length > 0 ? { audiences, except } : undefined;
}

/** What a notification keeps to render its text: the case's number and the event's facts. */
export interface NoticeFacts {
  type: string;
  number: string;
  data: Record<string, unknown>;
}

const CLOCK: Record<Locale, Record<string, string>> = {
  en: {
    respond: 'first response',
    resolve: 'resolution',
    callback: 'callback',
    rate: 'rating',
    findings: 'findings',
  },
  'zh-CN': { respond: '首次响应', resolve: '解决', callback: '回访', rate: '评价', findings: '部门调查结论' },
};

type Texts = Record<StaffNoticeType, (f: Vars) => string>;
interface Vars {
  n: string;
  clock: string;
  due: string;
  reason: string;
  team: string;
  from: string;
  to: string;
  level: string;
  remedy: string;
  amount: string;
}

const TEXTS: Record<Locale, Texts> = {
  en: {
    'sla.warning': (v) => `Case ${v.n}: the ${v.clock} deadline is near (due ${v.due})`,
    'sla.breached': (v) => `Case ${v.n}: the ${v.clock} deadline was missed`,
    'supervisor.notified': (v) => `Case ${v.n} needs a supervisor: ${v.reason}`,
    'case.escalated': (v) => `Case ${v.n} escalated to level ${v.level}${v.reason ? `: ${v.reason}` : ''}`,
    'case.approval_requested': (v) =>
      `Case ${v.n}: remedy '${v.remedy}'${v.amount ? ` (${v.amount})` : ''} waits for your approval`,
    'case.transferred': (v) =>
      `Case ${v.n} handed to ${v.team}${v.due ? `; findings due ${v.due}` : ''}${v.reason ? `: ${v.reason}` : ''}`,
    'case.transfer_refused': (v) =>
      `Case ${v.n}: ${v.team} refused the transfer${v.reason ? `: ${v.reason}` : ''}; back with ${v.to}`,
    'case.handed_back': (v) => `Case ${v.n}: ${v.team} recorded findings and handed it back to ${v.to}`,
    'case.team_changed': (v) =>
      `Case ${v.n} moved to ${v.to} (level ${v.level})${v.reason ? `: ${v.reason}` : ''}`,
  },
  'zh-CN': {
    'sla.warning': (v) => `工单 ${v.n}：${v.clock}时限即将到期（${v.due}）`,
    'sla.breached': (v) => `工单 ${v.n}：${v.clock}时限已超时`,
    'supervisor.notified': (v) => `工单 ${v.n} 需要主管关注：${v.reason}`,
    'case.escalated': (v) => `工单 ${v.n} 已升级至 ${v.level} 级${v.reason ? `：${v.reason}` : ''}`,
    'case.approval_requested': (v) =>
      `工单 ${v.n}：补救措施「${v.remedy}」${v.amount ? `（${v.amount}）` : ''}等待您审批`,
    'case.transferred': (v) =>
      `工单 ${v.n} 已转办至 ${v.team}${v.due ? `，调查结论截止 ${v.due}` : ''}${v.reason ? `：${v.reason}` : ''}`,
    'case.transfer_refused': (v) =>
      `工单 ${v.n}：${v.team} 退回转办${v.reason ? `（${v.reason}）` : ''}，已回到 ${v.to}`,
    'case.handed_back': (v) => `工单 ${v.n}：${v.team} 已提交调查结论，退回 ${v.to}`,
    'case.team_changed': (v) =>
      `工单 ${v.n} 已转至 ${v.to}（${v.level} 级）${v.reason ? `：${v.reason}` : ''}`,
  },
};

/** Reasons the machine itself writes, in both languages (people's own reasons stay as written). */
const SYSTEM_REASONS: Record<string, string> = {
  'poor rating': '客户评分过低',
  'respond deadline missed': '首次响应超时',
  'resolve deadline missed': '解决超时',
  'callback deadline missed': '回访超时',
  'rate deadline missed': '评价超时',
  'findings deadline missed': '部门调查结论超时',
};

/** The notice's one line in this language; times in this zone. */
export function noticeText(f: NoticeFacts, locale: Locale, timeZone: string): string {
  const d = f.data;
  const s = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  const clock = s(d.clock);
  const reason = s(d.reason);
  const v: Vars = {
    n: f.number,
    clock: CLOCK[locale][clock] ?? clock,
    due: d.dueAt || d.findingsBy ? formatTime(s(d.dueAt || d.findingsBy), locale, timeZone) : '',
    reason: locale === 'zh-CN' ? (SYSTEM_REASONS[reason] ?? reason) : reason,
    team: s(d.team),
    from: s(d.from),
    to: s(d.to),
    // An escalation's new level is its `to`; a team change names its team `to` and the `level`.
    level: s(f.type === 'case.escalated' ? d.to : d.level),
    remedy: s(d.remedy),
    amount: s(d.amount),
  };
  return isNoticeType(f.type) ? TEXTS[locale][f.type](v) : `${f.number}: ${f.type}`;
}

/** The mail copy of a person's notices of one step: subject and plain text. */
export function noticeMail(
  notices: NoticeFacts[],
  locale: Locale,
  timeZone: string,
  consoleUrl: string | undefined,
): { subject: string; text: string } {
  const lines = notices.map((n) => noticeText(n, locale, timeZone));
  const caseNumber = notices[0]?.number ?? '';
  const subject =
    notices.length === 1
      ? lines[0]!
      : locale === 'zh-CN'
        ? `工单 ${caseNumber}：${notices.length} 条通知`
        : `Case ${caseNumber}: ${notices.length} notifications`;
  const footer =
    locale === 'zh-CN'
      ? `此邮件是控制台通知的副本${consoleUrl ? `：${consoleUrl}` : '。'}`
      : `A copy of your notifications in the case console${consoleUrl ? `: ${consoleUrl}` : '.'}`;
  return { subject, text: `${lines.map((l) => `• ${l}`).join('\n')}\n\n${footer}\n` };
}
