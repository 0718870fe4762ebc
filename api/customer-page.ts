/**
 * The customer's case page under the signed link the notifications carry (/c/<token>): no API key,
 * its own rate limit, plain HTML. A wrong, expired or revoked link gets the same plain refusal page;
 * bad input a 4xx page; nothing here reaches another case or anything staff-only. Also the dev
 * mailbox (/dev/mailbox) when the built-in capture is on a developer's machine.
 */
import express, { type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Logger } from 'pino';
import { caseEvents, findCaseView } from '../db/cases.js';
import type { Db } from '../db/database.js';
import { checkLink } from '../db/customer-links.js';
import { localeOf, escapeHtml as h, type Locale } from '../domain/notifications/customer-messages.js';
import type { CaseView } from '../domain/case/types.js';
import type { CustomerLinks } from '../platform/customer-links.js';
import type { Principal } from './auth.js';
import type { CaseService } from './case-service.js';
import { casePage, page, pageText, refusalPage, type PublicEvent } from './customer-page-html.js';
import { dependencyProblem } from './errors.js';
import { HttpProblem } from './problem.js';
import { isStorableText as validText } from './text.js';

export interface CustomerPageDeps {
  db: Db;
  cases: CaseService;
  links: CustomerLinks;
  logger: Logger;
  defaultLocale: Locale;
  timeZone: string;
  /** Requests a minute per client address (pages and forms together). */
  perMinute?: number;
  mailbox?: MailboxReader;
}

/** The customer acts through their link; timelines show them as `integrator:customer`. */
const CUSTOMER: Principal = { role: 'integrator', name: 'customer', keyId: 'customer-link' };

export function customerPages(deps: CustomerPageDeps): express.Router {
  const router = express.Router();
  const limited = rateLimit({
    windowMs: 60_000,
    limit: deps.perMinute ?? 60,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, res) =>
      plain(res, 429, refusalPage(browserLocale(req, deps.defaultLocale), 'slow'), { 'Retry-After': '60' }),
  });
  const form = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 10 });
  router.use('/c', limited);
  router.get('/c/:token', (req, res) =>
    handle(deps, req, res, async (c) => show(deps, res, c, req.query.done)),
  );
  router.post('/c/:token/reply', form, (req, res) =>
    handle(deps, req, res, async (c) => {
      const message = field(req, 'message');
      const bad =
        message === undefined || message.trim() === '' || message.length > 20_000 || !validText(message);
      if (bad)
        return show(
          deps,
          res,
          c,
          undefined,
          400,
          c.locale === 'zh-CN' ? '请填写回复内容。' : 'Please write your reply.',
        );
      await act(deps, res, c, { action: 'customer-reply', message: message.trim() }, 'reply');
    }),
  );
  router.post('/c/:token/rating', form, (req, res) =>
    handle(deps, req, res, async (c) => {
      const score = Number(field(req, 'score'));
      const comment = field(req, 'comment')?.trim();
      if (
        !Number.isInteger(score) ||
        score < 1 ||
        score > 5 ||
        (comment !== undefined && (comment.length > 2000 || !validText(comment)))
      ) {
        return show(
          deps,
          res,
          c,
          undefined,
          400,
          c.locale === 'zh-CN' ? '请选择 1 到 5 分。' : 'Please choose a score from 1 to 5.',
        );
      }
      await act(deps, res, c, { action: 'rating', score, ...(comment ? { comment } : {}) }, 'rating');
    }),
  );
  if (deps.mailbox) mountMailbox(router, deps.mailbox);
  return router;
}

interface Ctx {
  view: CaseView;
  locale: Locale;
  self: string;
}

/** Without a case to tell, the refusal speaks the browser's language. */
const browserLocale = (req: Request, fallback: Locale): Locale => {
  const first = (req.get('Accept-Language') ?? '').split(',')[0]?.trim();
  return localeOf(first, fallback);
};

const field = (req: Request, name: string): string | undefined => {
  const v = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : undefined;
};

function plain(res: Response, status: number, html: string, headers: Record<string, string> = {}) {
  res
    .status(status)
    .set({
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      // The token is in the address: it must not leak to other sites.
      'Referrer-Policy': 'no-referrer',
      'Content-Security-Policy':
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
      'X-Robots-Tag': 'noindex',
      ...headers,
    })
    .send(html);
}

/** Checks the link, loads the case, runs `fn`; every failure ends in a plain page, never a dump. */
async function handle(deps: CustomerPageDeps, req: Request, res: Response, fn: (c: Ctx) => Promise<void>) {
  try {
    const token = String(req.params.token ?? '');
    const check = await checkLink(deps.db, deps.links, token);
    const view = check.ok ? await findCaseView(deps.db, check.caseId) : undefined;
    if (!view)
      return plain(
        res,
        check.ok || check.reason === 'malformed' || check.reason === 'signature' ? 404 : 410,
        refusalPage(browserLocale(req, deps.defaultLocale)),
      );
    await fn({ view, locale: localeOf(view.customer.locale, deps.defaultLocale), self: `/c/${token}` });
  } catch (err) {
    const dep = dependencyProblem(err);
    if (!dep) deps.logger.error({ err }, 'customer page failed');
    plain(res, 503, refusalPage(browserLocale(req, deps.defaultLocale), 'unavailable'), {
      'Retry-After': '5',
    });
  }
}

async function show(
  deps: CustomerPageDeps,
  res: Response,
  c: Ctx,
  done: unknown,
  status = 200,
  error?: string,
) {
  const rows = await caseEvents(deps.db, c.view.id);
  const events: PublicEvent[] = rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    type: r.type,
    data: r.data,
  }));
  const notice = done === 'reply' || done === 'rating' ? pageText(c.locale, 'thanks') : undefined;
  plain(
    res,
    status,
    casePage({
      view: c.view,
      events,
      locale: c.locale,
      timeZone: deps.timeZone,
      self: c.self,
      notice,
      error,
    }),
  );
}

async function act(deps: CustomerPageDeps, res: Response, c: Ctx, command: never | object, done: string) {
  try {
    await deps.cases.act(c.view.id, command as never, CUSTOMER);
  } catch (err) {
    if (err instanceof HttpProblem && err.status < 500) {
      const text =
        err.status === 409
          ? c.locale === 'zh-CN'
            ? '您的请求当前无法进行此操作（可能已处理）。'
            : 'This cannot be done on your request any more (it may already be done).'
          : c.locale === 'zh-CN'
            ? '输入无效。'
            : 'That input is not valid.';
      return show(deps, res, c, undefined, err.status === 409 ? 409 : 400, text);
    }
    throw err;
  }
  res.redirect(303, `${c.self}?done=${done}`);
}

/** A message of the development mail capture (dev/dev-mailbox.ts). */
export interface MailboxMessage {
  file: string;
  messageId: string;
  to: string;
  subject: string;
  date: string;
  text: string;
  html: string;
}

/** What /dev/mailbox reads: the development mail capture, when it is on. */
export interface MailboxReader {
  list(): Promise<MailboxMessage[]>;
  read(file: string): Promise<MailboxMessage>;
}

function mountMailbox(router: express.Router, mailbox: MailboxReader) {
  router.get('/dev/mailbox', async (_req, res) => {
    const items = await mailbox.list();
    const rows = items
      .map(
        (m) =>
          `<li><a href="/dev/mailbox/${h(m.file)}">${h(m.subject)}</a><br><small>${h(m.to)} · ${h(m.date)}</small></li>`,
      )
      .join('');
    res
      .type('html')
      .send(
        page(
          'en',
          'Dev mailbox',
          `<h1>Dev mailbox</h1><p>What the service sent (no SMTP_URL set).</p><ol>${rows}</ol>`,
        ),
      );
  });
  router.get('/dev/mailbox/:file', async (req, res) => {
    try {
      const m = await mailbox.read(String(req.params.file));
      res.type('html').send(
        page(
          'en',
          m.subject,
          `<p><a href="/dev/mailbox">← mailbox</a></p><h1>${h(m.subject)}</h1><p><small>To ${h(m.to)} · ${h(m.date)} · Message-ID ${h(m.messageId)}</small></p>
<iframe title="HTML part" sandbox srcdoc="${h(m.html)}" style="width:100%;height:26rem;border:1px solid #ccc"></iframe><h2>Text part</h2><pre style="white-space:pre-wrap">${h(m.text)}</pre>`,
        ),
      );
    } catch {
      res
        .status(404)
        .type('html')
        .send(page('en', 'Not found', '<p>No such message.</p>'));
    }
  });
}
