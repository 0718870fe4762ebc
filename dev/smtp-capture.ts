/**
 * A capturing SMTP server on loopback (the `smtp-server` package, the protocol in full), shared by
 * the dev mailbox and the tests: each message's raw bytes go to `onMessage`; a throw with a
 * `responseCode` refuses the message with that SMTP code.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpCapture {
  /** `smtp://127.0.0.1:<port>` */
  url: string;
  stop(): Promise<void>;
}

export async function startSmtpCapture(
  onMessage: (raw: Buffer) => Promise<void> | void,
  port = 0,
): Promise<SmtpCapture> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, _session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        Promise.resolve()
          .then(() => onMessage(Buffer.concat(chunks)))
          .then(() => callback(), callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${bound}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What a person reads in a message. */
export interface MailSummary {
  messageId: string;
  to: string;
  subject: string;
  date: string;
  text: string;
  html: string;
}

export async function summariseMail(raw: Buffer): Promise<MailSummary> {
  const m = await simpleParser(raw);
  return {
    messageId: m.messageId ?? '',
    to: Array.isArray(m.to) ? m.to.map((a) => a.text).join(', ') : (m.to?.text ?? ''),
    subject: m.subject ?? '',
    date: m.date?.toISOString() ?? '',
    text: m.text ?? '',
    html: typeof m.html === 'string' ? m.html : '',
  };
}
