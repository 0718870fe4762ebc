/**
 * Wiring of customer notifications for one process: the SMTP transport (SMTP_URL, or the built-in
 * capture when unset), the customer-link signer, and what the mail worker needs.
 */
import path from 'node:path';
import nodemailer from 'nodemailer';
import { senderDomain } from '../activities/mail.js';
import type { Config } from './config.js';
import { CustomerLinks, derivedLinkKeys, parseLinkKeys } from '../platform/customer-links.js';
import { DevMailbox } from '../dev/dev-mailbox.js';
import type { EncryptionKey } from '../platform/payload-codec.js';
import type { MailWorkerOptions } from './worker.js';

export interface Notifications {
  links: CustomerLinks;
  worker: MailWorkerOptions;
  /** The built-in capture, when SMTP_URL is unset. */
  mailbox?: DevMailbox;
  /** Where the capture listens (or SMTP_URL). */
  smtpUrl: string;
  /** The API's address once it listens, for links when PUBLIC_URL is unset. */
  setBaseUrl(url: string): void;
  stop(): Promise<void>;
}

export async function setUpNotifications(config: Config, keys: EncryptionKey[]): Promise<Notifications> {
  const mail = config.mail;
  const mailbox = mail.smtpUrl ? undefined : new DevMailbox(path.join(config.dataDir, 'mailbox'));
  const smtpUrl = mail.smtpUrl ?? (await mailbox!.start(mail.devSmtpPort));
  // Bounded waits, so one send stays well inside the activity's minute.
  const transport = nodemailer.createTransport(
    `${smtpUrl}${smtpUrl.includes('?') ? '&' : '?'}connectionTimeout=10000&greetingTimeout=10000&socketTimeout=30000`,
  );
  let baseUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const links = new CustomerLinks(
    mail.linkKeys ? parseLinkKeys(mail.linkKeys) : derivedLinkKeys(keys),
    () => baseUrl,
    mail.linkValidForMs,
  );
  return {
    links,
    mailbox,
    smtpUrl,
    worker: {
      taskQueue: mail.taskQueue,
      retryForMs: mail.retryForMs,
      transport,
      from: mail.from,
      queue: {
        links,
        kinds: mail.kinds,
        defaultLocale: mail.defaultLocale,
        timeZone: mail.timeZone,
        domain: senderDomain(mail.from),
        taskQueue: mail.taskQueue,
      },
    },
    setBaseUrl(url) {
      if (!config.publicUrl) baseUrl = url;
    },
    async stop() {
      transport.close();
      await mailbox?.stop();
    },
  };
}
