/**
 * Without SMTP_URL the service still sends its notifications, over real SMTP, to this capturing
 * server on loopback (the `smtp-server` package): every message is kept as a `.eml` file under
 * DATA_DIR/mailbox, and in local development the API shows them at /dev/mailbox.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMessage {
  file: string;
  messageId: string;
  to: string;
  subject: string;
  date: string;
  text: string;
  html: string;
}

export class DevMailbox {
  private server: SMTPServer | undefined;

  constructor(readonly dir: string) {}

  /** Starts the capture on 127.0.0.1; returns the SMTP URL to send to. */
  async start(port = 0): Promise<string> {
    mkdirSync(this.dir, { recursive: true });
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const name = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}.eml`;
          writeFileSync(path.join(this.dir, name), Buffer.concat(chunks));
          callback();
        });
      },
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const { port: bound } = server.server.address() as AddressInfo;
    return `smtp://127.0.0.1:${bound}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
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
    const m = await simpleParser(readFileSync(path.join(this.dir, file)));
    const to = Array.isArray(m.to) ? m.to.map((a) => a.text).join(', ') : (m.to?.text ?? '');
    return {
      file,
      messageId: m.messageId ?? '',
      to,
      subject: m.subject ?? '',
      date: m.date?.toISOString() ?? '',
      text: m.text ?? '',
      html: typeof m.html === 'string' ? m.html : '',
    };
  }
}
