// A real SMTP server on loopback: the playground's email plugin (nodemailer) delivers here in tests.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { arrivals } from './arrivals';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The raw message: headers and body as sent. */
  raw: string;
  subject: string;
}

export interface Mailbox {
  port: number;
  messages: ReceivedMail[];
  /** Resolves with the first message (already received or still to come) that matches. */
  waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/** Starts an SMTP server and points the playground at it (call before `startStrapi`). */
export async function startMailbox(): Promise<Mailbox> {
  const mails = arrivals<ReceivedMail>('email');
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.add({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          subject: /^Subject: (.*)$/im.exec(raw)?.[1]?.trim() ?? '',
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  process.env.SMTP_HOST = '127.0.0.1';
  process.env.SMTP_PORT = String(port);

  return {
    port,
    messages: mails.received,
    waitFor: mails.waitFor,
    async close() {
      delete process.env.SMTP_PORT;
      delete process.env.SMTP_HOST;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
