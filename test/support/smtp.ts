/**
 * A real SMTP server for tests (the `smtp-server` package, the protocol in full): it keeps every
 * message it accepts, parsed, and can refuse or hold mail on demand.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  date: string;
  raw: Buffer;
}

export class TestSmtp {
  readonly received: ReceivedMail[] = [];
  /** While set, every message is refused with this SMTP code (4xx: try later; 5xx: refused). */
  refuseWith: number | undefined;
  refusals = 0;
  /** Messages whose DATA arrived and whose answer is being held. */
  holding = 0;
  /** While set, a message's DATA is held open until this promise settles. */
  hold: Promise<void> | undefined;
  private server: SMTPServer | undefined;
  url = '';

  async start(): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', async () => {
          if (this.refuseWith) {
            this.refusals += 1;
            const err = Object.assign(new Error('mailbox unavailable, try later'), {
              responseCode: this.refuseWith,
            });
            return callback(err);
          }
          if (this.hold) {
            this.holding += 1;
            await this.hold;
            this.holding -= 1;
          }
          const raw = Buffer.concat(chunks);
          const m = await simpleParser(raw);
          this.received.push({
            messageId: m.messageId ?? '',
            to: Array.isArray(m.to) ? m.to.map((a) => a.text).join(', ') : (m.to?.text ?? ''),
            subject: m.subject ?? '',
            text: m.text ?? '',
            html: typeof m.html === 'string' ? m.html : '',
            date: m.date?.toISOString() ?? '',
            raw,
          });
          callback();
        });
      },
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    return this;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** The customer page link a message carries. */
export const linkIn = (m: ReceivedMail): string =>
  /https?:\/\/\S+\/c\/[A-Za-z0-9._-]+/.exec(m.text)?.[0] ?? '';
