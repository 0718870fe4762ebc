/**
 * What the customer is told, and when: which case events become a message (a "kind"), and the
 * message of each kind in Simplified Chinese and English. Pure: no I/O, no clock; times are
 * formatted in the time zone the caller names.
 */
import { NO_REPLY_CAUSE } from '../case/customer-wait.js';
import type { CaseEvent } from '../case/types.js';
import { eventVisibility } from '../case/visibility.js';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const MESSAGE_KINDS = [
  'received',
  'accepted',
  'rejected',
  'question',
  'reminder',
  'extended',
  'resolved',
  'callback_missed',
  'rate',
  'reopened',
  'update',
  'closed',
  'withdrawn',
  'incident',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** The customer's language: a BCP 47 tag that starts with `zh` reads Chinese, `en` English. */
export function localeOf(tag: string | undefined | null, fallback: Locale): Locale {
  if (!tag) return fallback;
  const t = tag.toLowerCase();
  if (t.startsWith('zh')) return 'zh-CN';
  if (t.startsWith('en')) return 'en';
  return fallback;
}

/** The kind of message an event sends the customer, if any. Internal notes never send one. */
export function messageKind(e: Pick<CaseEvent, 'type' | 'data'>): MessageKind | undefined {
  if (eventVisibility(e) === 'internal') return undefined;
  switch (e.type) {
    case 'case.opened':
      return 'received';
    case 'case.accepted':
      return 'accepted';
    case 'case.rejected':
      return 'rejected';
    case 'case.waiting_for_customer':
      return 'question';
    case 'case.customer_reminded':
      return 'reminder';
    case 'case.incident_update':
      return 'incident';
    case 'sla.extended':
      return 'extended';
    case 'case.resolved':
      return 'resolved';
    case 'case.callback':
      if (!e.data.reached) return 'callback_missed';
      return e.data.solved ? 'rate' : undefined; // not solved: the reopening says it
    case 'case.reopened':
      return 'reopened';
    case 'case.note_added':
      return 'update';
    case 'case.closed':
      return 'closed';
    case 'case.withdrawn':
      return 'withdrawn';
    default:
      return undefined;
  }
}

export interface MessageFacts {
  kind: MessageKind;
  number: string;
  subject: string;
  /** The event's data (revealed: the customer's own words and ours). */
  data: Record<string, unknown>;
  /** Display name of whoever took the case, when known. */
  assigneeName?: string | null;
  resolveBy?: string | null;
  link: string;
  locale: Locale;
  timeZone: string;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v));

/** A withdrawal's reason as the customer reads it: ours in their language, anyone else's as written. */
const withdrawReason = (d: Record<string, unknown>, locale: Locale): string =>
  d.cause === NO_REPLY_CAUSE
    ? locale === 'zh-CN'
      ? '我们未收到您的回复'
      : 'we did not hear back from you'
    : str(d.reason);

/** One formatter per language and zone: building an `Intl.DateTimeFormat` costs more than formatting. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(locale: Locale, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
      timeZoneName: 'short',
    });
    formatters.set(key, f);
  }
  return f;
}

export function formatTime(iso: string | null | undefined, locale: Locale, timeZone: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return formatterFor(locale, timeZone).format(d);
}

interface Copy {
  title: string;
  lines: string[];
  action?: string;
}

type Phrases = (f: MessageFacts, t: (iso: unknown) => string) => Copy;

const ZH: Record<MessageKind, Phrases> = {
  received: (f, t) => ({
    title: '我们已收到您的请求',
    lines: [
      `您的请求"${f.subject}"已登记，编号 ${f.number}。`,
      f.resolveBy ? `我们承诺在 ${t(f.resolveBy)} 前给出处理结果。` : '我们会尽快处理。',
    ],
  }),
  accepted: (f) => ({
    title: '您的请求已受理',
    lines: [
      `${f.assigneeName ? `${f.assigneeName} 已` : '我们已'}受理您的请求 ${f.number}，正在调查处理。`,
      '如需补充信息，我们会与您联系；处理结果也会通知您。',
    ],
  }),
  rejected: (f) => ({
    title: '您的请求未能受理',
    lines: [
      `很抱歉，请求 ${f.number} 未能受理。原因：${str(f.data.reason)}`,
      '如有其他问题，请通过原因中说明的渠道联系我们。',
    ],
  }),
  question: (f) => ({
    title: '我们需要您补充信息',
    lines: [`关于请求 ${f.number}，我们的问题是：`, str(f.data.question)],
    action: '请点击下方链接回复。',
  }),
  reminder: (f, t) => ({
    title: '我们仍在等待您的回复',
    lines: [
      `关于请求 ${f.number}，我们自 ${t(f.data.waitingSince)} 起在等待您补充信息。`,
      f.data.closeAt ? `如在 ${t(f.data.closeAt)} 前仍未收到回复，我们将撤销此请求。` : '',
    ],
    action: '请点击下方链接回复。',
  }),
  extended: (f, t) => ({
    title: '处理期限已延长',
    lines: [`请求 ${f.number} 的处理期限延长至 ${t(f.data.to)}。`, `原因：${str(f.data.reason)}`],
  }),
  resolved: (f) => ({
    title: '您的请求已处理',
    lines: [
      `请求 ${f.number} 的处理结果：`,
      str((f.data.resolution as { summary?: unknown } | null)?.summary),
    ],
    action: '我们会回访确认问题是否已解决。',
  }),
  callback_missed: (f) => ({
    title: '我们未能联系到您',
    lines: [`我们就请求 ${f.number} 致电回访，但未能联系到您。我们会再次尝试。`],
  }),
  rate: (f) => ({
    title: '请评价我们的服务',
    lines: [`请求 ${f.number} 已解决。您对我们的服务满意吗？`],
    action: '请点击下方链接评分（1–5 分），只需一分钟。',
  }),
  reopened: (f) => ({
    title: '您的请求已重新处理',
    lines: [`请求 ${f.number} 已重新打开，我们会继续处理。`],
  }),
  update: (f) => ({ title: '您的请求有新进展', lines: [`请求 ${f.number}：`, str(f.data.text)] }),
  closed: (f) => ({ title: '您的请求已关闭', lines: [`请求 ${f.number} 已关闭。感谢您的耐心。`] }),
  withdrawn: (f) => ({
    title: '您的请求已撤销',
    lines: [`请求 ${f.number} 已撤销。原因：${withdrawReason(f.data, 'zh-CN')}`],
  }),
  incident: (f) => ({
    title: '故障处理进展',
    lines: [`与您的请求 ${f.number} 相关的故障有新进展：`, str(f.data.message)],
  }),
};

const EN: Record<MessageKind, Phrases> = {
  received: (f, t) => ({
    title: 'We have received your request',
    lines: [
      `Your request "${f.subject}" is registered as ${f.number}.`,
      f.resolveBy ? `We promise a result by ${t(f.resolveBy)}.` : 'We will deal with it as soon as we can.',
    ],
  }),
  accepted: (f) => ({
    title: 'Your request is being handled',
    lines: [
      `${f.assigneeName ?? 'Our team'} has taken ${f.number} and is investigating.`,
      'If we need anything from you we will ask; we will tell you the result.',
    ],
  }),
  rejected: (f) => ({
    title: 'We cannot take your request',
    lines: [
      `We are sorry: ${f.number} cannot be handled here. Reason: ${str(f.data.reason)}`,
      'For other matters please use the channel the reason names.',
    ],
  }),
  question: (f) => ({
    title: 'We need more information',
    lines: [`About ${f.number}, our question is:`, str(f.data.question)],
    action: 'Please reply through the link below.',
  }),
  reminder: (f, t) => ({
    title: 'We are still waiting for your reply',
    lines: [
      `About ${f.number}, we have been waiting for your answer since ${t(f.data.waitingSince)}.`,
      f.data.closeAt
        ? `If we have not heard from you by ${t(f.data.closeAt)}, we will withdraw the request.`
        : '',
    ],
    action: 'Please reply through the link below.',
  }),
  extended: (f, t) => ({
    title: 'Our deadline is extended',
    lines: [`The deadline for ${f.number} is now ${t(f.data.to)}.`, `Why: ${str(f.data.reason)}`],
  }),
  resolved: (f) => ({
    title: 'Your request is resolved',
    lines: [`The result for ${f.number}:`, str((f.data.resolution as { summary?: unknown } | null)?.summary)],
    action: 'We will call you back to check that the problem is solved.',
  }),
  callback_missed: (f) => ({
    title: 'We could not reach you',
    lines: [`We called you back about ${f.number} but could not reach you. We will try again.`],
  }),
  rate: (f) => ({
    title: 'How did we do?',
    lines: [`${f.number} is solved. Were you satisfied with our service?`],
    action: 'Please rate us (1–5) through the link below; it takes a minute.',
  }),
  reopened: (f) => ({
    title: 'We are working on your request again',
    lines: [`${f.number} is reopened and we are on it again.`],
  }),
  update: (f) => ({ title: 'News about your request', lines: [`${f.number}:`, str(f.data.text)] }),
  closed: (f) => ({
    title: 'Your request is closed',
    lines: [`${f.number} is closed. Thank you for your patience.`],
  }),
  withdrawn: (f) => ({
    title: 'Your request is withdrawn',
    lines: [`${f.number} is withdrawn. Reason: ${withdrawReason(f.data, 'en')}`],
  }),
  incident: (f) => ({
    title: 'News about the incident affecting you',
    lines: [`An update on the incident behind ${f.number}:`, str(f.data.message)],
  }),
};

const FOOTER: Record<Locale, (link: string) => string[]> = {
  'zh-CN': (link) => [`查看进度、回复或评价：${link}`, '此链接仅供您本人使用，请勿转发。'],
  en: (link) => [
    `Follow, reply or rate here: ${link}`,
    'This link is for you alone: please do not forward it.',
  ],
};

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderMessage(f: MessageFacts): RenderedMessage {
  const t = (iso: unknown) => formatTime(str(iso), f.locale, f.timeZone);
  const copy = (f.locale === 'zh-CN' ? ZH : EN)[f.kind](f, t);
  const subject = `[${f.number}] ${copy.title}`;
  const body = [...copy.lines, ...(copy.action ? [copy.action] : [])].filter((l) => l !== '');
  const [follow, keep] = FOOTER[f.locale](f.link);
  const text = [copy.title, '', ...body, '', follow!, keep!, ''].join('\n');
  const linkLabel = f.locale === 'zh-CN' ? '查看我的请求' : 'Open my request';
  const html = `<!doctype html><html lang="${f.locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,sans-serif;max-width:36em;margin:1em auto;padding:0 1em;color:#1b1b1b">
<p style="color:#555;font-size:.9em">${escapeHtml(f.number)}</p>
<h1 style="font-size:1.3em">${escapeHtml(copy.title)}</h1>
${body.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}
<p><a href="${escapeHtml(f.link)}" style="display:inline-block;padding:.6em 1.2em;background:#0b5cad;color:#fff;text-decoration:none;border-radius:4px">${linkLabel}</a></p>
<p style="color:#555;font-size:.85em">${escapeHtml(keep!)}</p>
</body></html>`;
  return { subject, text, html };
}
