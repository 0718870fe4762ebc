/**
 * The customer's case page, server-rendered plain HTML in the customer's language: status, the
 * promises made (deadlines), the public timeline, and the one form the case waits for. No script.
 */
import { NO_REPLY_CAUSE } from '../domain/case/customer-wait.js';
import type { CaseStatus } from '../domain/case/contract.js';
import type { CaseView } from '../domain/case/types.js';
import { eventVisibility } from '../domain/case/visibility.js';
import { escapeHtml as h, formatTime, type Locale } from '../domain/notifications/customer-messages.js';

export interface PublicEvent {
  at: string;
  type: string;
  data: Record<string, unknown>;
}

const STATUS: Record<Locale, Record<CaseStatus, string>> = {
  'zh-CN': {
    new: '已收到，等待受理',
    investigating: '处理中',
    pending_customer: '等待您的回复',
    pending_approval: '处理方案审批中',
    resolved: '已处理，等待回访',
    awaiting_rating: '等待您的评价',
    closed: '已关闭',
    rejected: '未受理',
    withdrawn: '已撤销',
  },
  en: {
    new: 'Received, waiting to be taken',
    investigating: 'Being handled',
    pending_customer: 'Waiting for your reply',
    pending_approval: 'Resolution being approved',
    resolved: 'Resolved, we will call you back',
    awaiting_rating: 'Waiting for your rating',
    closed: 'Closed',
    rejected: 'Not taken',
    withdrawn: 'Withdrawn',
  },
};

const T = {
  'zh-CN': {
    title: '我的请求',
    status: '状态',
    promises: '我们的承诺',
    respondBy: '受理',
    resolveBy: '处理结果',
    callbackBy: '回访',
    rateBy: '评价截止',
    timeline: '进展',
    reply: '回复我们',
    replyLabel: '您的回复',
    replyBy: '请在 {at} 前回复，否则我们将撤销此请求。',
    send: '发送',
    rate: '评价我们的服务',
    score: '评分（1 = 很差，5 = 很好）',
    comment: '意见（可选）',
    submitRating: '提交评价',
    thanks: '谢谢，已收到。',
    refused: '链接无效',
    refusedText: '此链接无效或已过期。如需帮助，请联系客服并提供您的请求编号。',
    slow: '请求过多，请稍后再试。',
    unavailable: '服务暂时不可用，请稍后再试。',
  },
  en: {
    title: 'My request',
    status: 'Status',
    promises: 'Our promises',
    respondBy: 'Taken by',
    resolveBy: 'Result by',
    callbackBy: 'Call back by',
    rateBy: 'Rating open until',
    timeline: 'What happened',
    reply: 'Reply to us',
    replyLabel: 'Your reply',
    replyBy: 'Please reply by {at}; otherwise we will withdraw the request.',
    send: 'Send',
    rate: 'Rate our service',
    score: 'Score (1 = very poor, 5 = very good)',
    comment: 'Comment (optional)',
    submitRating: 'Send rating',
    thanks: 'Thank you, we have it.',
    refused: 'Link not valid',
    refusedText:
      'This link is not valid or has expired. If you need help, contact us and quote your request number.',
    slow: 'Too many requests; please try again in a minute.',
    unavailable: 'The service is unavailable for a moment; please try again shortly.',
  },
} as const;

export type PageText = keyof (typeof T)['en'];
export const pageText = (locale: Locale, key: PageText): string => T[locale][key];

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** What the customer reads of an event, or nothing: internal notes and staff matters stay inside. */
function describe(e: PublicEvent, l: Locale, tz: string): string | undefined {
  const zh = l === 'zh-CN';
  const d = e.data;
  switch (e.type) {
    case 'case.opened':
      return zh ? '我们收到了您的请求。' : 'We received your request.';
    case 'case.accepted':
      return zh ? '您的请求已受理。' : 'Your request was taken.';
    case 'case.waiting_for_customer':
      return (zh ? '我们的问题：' : 'Our question: ') + str(d.question);
    case 'case.customer_replied':
      return (zh ? '您的回复：' : 'Your reply: ') + str(d.message);
    case 'case.customer_reminded':
      return zh ? '我们提醒您回复我们的问题。' : 'We reminded you of our question.';
    case 'case.incident_update':
      return (zh ? '故障进展：' : 'Incident update: ') + str(d.message);
    case 'sla.extended':
      return zh
        ? `期限延长至 ${formatTime(str(d.to), l, tz)}。原因：${str(d.reason)}`
        : `Deadline extended to ${formatTime(str(d.to), l, tz)}. Why: ${str(d.reason)}`;
    case 'case.resolved':
      return (zh ? '处理结果：' : 'Result: ') + str((d.resolution as { summary?: unknown } | null)?.summary);
    case 'case.callback':
      return d.reached
        ? zh
          ? '我们已回访。'
          : 'We called you back.'
        : zh
          ? '回访未接通。'
          : 'We could not reach you by phone.';
    case 'case.rated':
      return (zh ? '您的评分：' : 'Your rating: ') + String(d.score);
    case 'case.reopened':
      return zh ? '请求已重新处理。' : 'Your request was reopened.';
    case 'case.note_added':
      return eventVisibility(e) === 'public' ? str(d.text) : undefined;
    case 'case.closed':
      return zh ? '请求已关闭。' : 'Your request was closed.';
    case 'case.rejected':
      return (zh ? '未受理。原因：' : 'Not taken. Reason: ') + str(d.reason);
    case 'case.withdrawn':
      if (d.cause === NO_REPLY_CAUSE)
        return zh ? '因未收到您的回复，请求已撤销。' : 'Withdrawn: we did not hear back from you.';
      return (zh ? '已撤销。原因：' : 'Withdrawn. Reason: ') + str(d.reason);
    default:
      return undefined;
  }
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;padding:1rem;max-width:40rem;margin-inline:auto;color:#1b1b1b;line-height:1.45}
h1{font-size:1.35rem;margin:.2rem 0 1rem}h2{font-size:1.1rem;margin-top:1.6rem}.num{color:#555}
.status{font-size:1.15rem;font-weight:600;padding:.6rem .8rem;background:#eef4fb;border-left:4px solid #0b5cad}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}dt{color:#555}dd{margin:0}
ol{padding-left:1.2rem}li{margin:.5rem 0}time{color:#555;font-size:.9em;display:block}
form{display:grid;gap:.6rem;margin-top:.6rem}textarea,input,select,button{font:inherit;font-size:1rem;padding:.6rem;width:100%;box-sizing:border-box}
button{background:#0b5cad;color:#fff;border:0;border-radius:4px;min-height:2.75rem}.note{padding:.6rem;background:#eaf6ea}.err{padding:.6rem;background:#fdecea}`;

export function page(locale: Locale, title: string, body: string): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${h(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

export function refusalPage(
  locale: Locale,
  key: 'refusedText' | 'slow' | 'unavailable' = 'refusedText',
): string {
  return page(
    locale,
    pageText(locale, 'refused'),
    `<h1>${h(pageText(locale, key === 'refusedText' ? 'refused' : 'title'))}</h1><p data-testid="refusal">${h(pageText(locale, key))}</p>`,
  );
}

export interface CasePageInput {
  view: CaseView;
  events: PublicEvent[];
  locale: Locale;
  timeZone: string;
  /** The form actions' base: /c/<token>. */
  self: string;
  notice?: string;
  error?: string;
}

export function casePage(p: CasePageInput): string {
  const { view: v, locale: l } = p;
  const t = (k: PageText) => h(pageText(l, k));
  const when = (iso: string | null) => formatTime(iso, l, p.timeZone);
  const promises = (['respondBy', 'resolveBy', 'callbackBy', 'rateBy'] as const)
    .filter((k) => v.deadlines[k])
    .map((k) => `<dt>${t(k)}</dt><dd>${h(when(v.deadlines[k]))}</dd>`)
    .join('');
  // The one promise the customer makes: an answer before the policy withdraws the case.
  const closeAt = v.customerWait?.closeAt;
  const replyBy = closeAt
    ? `<p data-testid="reply-by">${h(pageText(l, 'replyBy').replace('{at}', when(closeAt)))}</p>`
    : '';
  const items = p.events
    .map((e) => ({ e, text: describe(e, l, p.timeZone) }))
    .filter((x) => x.text !== undefined)
    .map((x) => `<li><time datetime="${h(x.e.at)}">${h(when(x.e.at))}</time>${h(x.text!)}</li>`)
    .join('\n');
  const form =
    v.status === 'pending_customer'
      ? `<h2>${t('reply')}</h2>${replyBy}<form method="post" action="${h(p.self)}/reply">
<label for="message">${t('replyLabel')}</label><textarea id="message" name="message" rows="5" required maxlength="20000"></textarea>
<button type="submit">${t('send')}</button></form>`
      : v.status === 'awaiting_rating'
        ? `<h2>${t('rate')}</h2><form method="post" action="${h(p.self)}/rating">
<label for="score">${t('score')}</label><select id="score" name="score" required>${[5, 4, 3, 2, 1]
            .map((n) => `<option value="${n}">${n}</option>`)
            .join('')}</select>
<label for="comment">${t('comment')}</label><textarea id="comment" name="comment" rows="3" maxlength="2000"></textarea>
<button type="submit">${t('submitRating')}</button></form>`
        : '';
  return page(
    l,
    `${v.number} · ${pageText(l, 'title')}`,
    `<p class="num">${h(v.number)}</p><h1>${h(v.subject)}</h1>
${p.notice ? `<p class="note" role="status">${h(p.notice)}</p>` : ''}${p.error ? `<p class="err" role="alert">${h(p.error)}</p>` : ''}
<p class="status" data-testid="status" data-status="${h(v.status)}">${t('status')}: ${h(STATUS[l][v.status])}</p>
${promises ? `<h2>${t('promises')}</h2><dl>${promises}</dl>` : ''}
${form}
<h2>${t('timeline')}</h2><ol data-testid="timeline">${items}</ol>`,
  );
}
