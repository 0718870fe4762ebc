/**
 * A real SMTP server for tests (dev/smtp-capture.ts, the protocol in full): it keeps every
 * message it accepts, parsed, and can refuse or hold mail on demand.
 */
import {
  startSmtpCapture,
  summariseMail,
  type MailSummary,
  type SmtpCapture,
} from '../../dev/smtp-capture.js';

export interface ReceivedMail extends MailSummary {
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
  private capture: SmtpCapture | undefined;
  url = '';

  async start(): Promise<this> {
    this.capture = await startSmtpCapture(async (raw) => {
      if (this.refuseWith) {
        this.refusals += 1;
        throw Object.assign(new Error('mailbox unavailable, try later'), { responseCode: this.refuseWith });
      }
      if (this.hold) {
        this.holding += 1;
        await this.hold;
        this.holding -= 1;
      }
      this.received.push({ ...(await summariseMail(raw)), raw });
    });
    this.url = this.capture.url;
    return this;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address));
  }

  async stop(): Promise<void> {
    await this.capture?.stop();
  }
}

/** The customer page link a message carries. */
export const linkIn = (m: ReceivedMail): string =>
  /https?:\/\/\S+\/c\/[A-Za-z0-9._-]+/.exec(m.text)?.[0] ?? '';
