/**
 * Without SMTP_URL the service still sends its notifications, over real SMTP, to this capturing
 * server on loopback (the `smtp-server` package): every message is kept as a `.eml` file under
 * DATA_DIR/mailbox, and in local development the API shows them at /dev/mailbox.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startSmtpCapture, summariseMail, type MailSummary, type SmtpCapture } from './smtp-capture.js';

export interface CapturedMessage extends MailSummary {
  file: string;
}

export class DevMailbox {
  private capture: SmtpCapture | undefined;

  constructor(readonly dir: string) {}

  /** Starts the capture on 127.0.0.1; returns the SMTP URL to send to. */
  async start(port = 0): Promise<string> {
    mkdirSync(this.dir, { recursive: true });
    this.capture = await startSmtpCapture((raw) => {
      const name = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}.eml`;
      writeFileSync(path.join(this.dir, name), raw);
    }, port);
    return this.capture.url;
  }

  async stop(): Promise<void> {
    await this.capture?.stop();
  }

  /** The newest messages first. */
  async list(limit = 100): Promise<CapturedMessage[]> {
    let files: string[];
    try {
      files = readdirSync(this.dir).filter((f) => f.endsWith('.eml'));
    } catch {
      return [];
    }
    files.sort().reverse();
    return Promise.all(files.slice(0, limit).map((f) => this.read(f)));
  }

  async read(file: string): Promise<CapturedMessage> {
    if (!/^[\w.-]+\.eml$/.test(file)) throw new Error('no such message');
    return { file, ...(await summariseMail(readFileSync(path.join(this.dir, file)))) };
  }
}
