// Reads the parts of a raw email the test mailbox received (nodemailer's multipart/alternative output).
import type { ReceivedMail } from './mailbox';

const decodeQuotedPrintable = (body: string) =>
  Buffer.from(
    body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

/** The decoded body of the first part with this content type (`text/plain`, `text/html`). */
export function mailPart(mail: ReceivedMail, type: string): string {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(mail.raw)?.[1];
  const parts = boundary ? mail.raw.split(`--${boundary}`) : [mail.raw];
  const part = parts.find((p) => new RegExp(`^Content-Type:\\s*${type}`, 'im').test(p));
  if (!part) throw new Error(`The email has no ${type} part`);
  const split = part.search(/\r?\n\r?\n/);
  const headers = part.slice(0, split);
  const body = part.slice(split).trim();
  const encoding = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  if (encoding === 'base64') return Buffer.from(body, 'base64').toString('utf8');
  return body;
}

/** The links (http/https) in the plain-text part, in order. */
export const mailLinks = (mail: ReceivedMail) => mailPart(mail, 'text/plain').match(/https?:\/\/\S+/g) ?? [];
