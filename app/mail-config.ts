/** Notification settings from the environment (see docs/notifications.md). */
import { z } from 'zod';
import { LOCALES, MESSAGE_KINDS, type MessageKind } from '../domain/notifications/customer-messages.js';

const optional = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));

const MailEnv = z.object({
  SMTP_URL: optional,
  MAIL_FROM: z.string().trim().min(3).default('Customer Service <service@localhost>'),
  MAIL_TASK_QUEUE: z.string().default('mail'),
  MAIL_RETRY_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(3 * 24 * 3600),
  MAIL_DEFAULT_LOCALE: z.enum(LOCALES).default('zh-CN'),
  MAIL_TIME_ZONE: z.string().default('Asia/Shanghai'),
  /** `all`, `none`, or kinds separated by commas (`received,accepted,question,…`). */
  MAIL_EVENTS: z.string().default('all'),
  /** Embedded mode without SMTP_URL: the port of the built-in capturing SMTP server (0: any). */
  DEV_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  CUSTOMER_LINK_KEYS: optional,
  CUSTOMER_LINK_DAYS: z.coerce.number().int().min(1).max(3650).default(60),
});

export type MailConfig = ReturnType<typeof loadMailConfig>;

export function loadMailConfig(env: NodeJS.ProcessEnv) {
  const parsed = MailEnv.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    /** Unset: messages go to the built-in capture (a dev mailbox at /dev/mailbox). */
    smtpUrl: e.SMTP_URL,
    from: e.MAIL_FROM,
    taskQueue: e.MAIL_TASK_QUEUE,
    retryForMs: e.MAIL_RETRY_SECONDS * 1000,
    defaultLocale: e.MAIL_DEFAULT_LOCALE,
    timeZone: e.MAIL_TIME_ZONE,
    kinds: parseKinds(e.MAIL_EVENTS),
    devSmtpPort: e.DEV_SMTP_PORT,
    linkKeys: e.CUSTOMER_LINK_KEYS,
    linkValidForMs: e.CUSTOMER_LINK_DAYS * 86_400_000,
  };
}

function parseKinds(spec: string): ReadonlySet<MessageKind> {
  const s = spec.trim();
  if (s === 'all') return new Set(MESSAGE_KINDS);
  if (s === 'none' || s === '') return new Set();
  const kinds = s.split(',').map((k) => k.trim());
  const unknown = kinds.filter((k) => !(MESSAGE_KINDS as readonly string[]).includes(k));
  if (unknown.length) {
    throw new Error(
      `invalid configuration: MAIL_EVENTS: unknown kind(s) ${unknown.join(', ')}; known: ${MESSAGE_KINDS.join(', ')}`,
    );
  }
  return new Set(kinds as MessageKind[]);
}
