// Reads the parts of a raw email (as the test mailbox receives it): enough to check bodies and attachments.

export interface MimePart {
  headers: Record<string, string>;
  /** The decoded body (base64 and quoted-printable undone), as UTF-8 text. */
  body: string;
}

const parseHeaders = (block: string) => {
  const headers: Record<string, string> = {};
  for (const line of block
    .replace(/\r\n/g, '\n')
    .replace(/\n[ \t]+/g, ' ')
    .split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
};

const decode = (body: string, encoding = '') => {
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(encoding)) {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
};

/** Every leaf part of a (possibly nested) multipart message, decoded. */
export function mimeParts(raw: string): MimePart[] {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = parseHeaders(raw.slice(0, split));
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  if (!boundary) return [{ headers, body: decode(body, headers['content-transfer-encoding']) }];
  return body
    .split(`--${boundary}`)
    .slice(1)
    .filter((part) => !part.startsWith('--'))
    .flatMap((part) => mimeParts(part.replace(/^\r?\n/, '')));
}

/** The attachment with this file name, or undefined. */
export const attachmentNamed = (raw: string, filename: string) =>
  mimeParts(raw).find(
    (part) =>
      (part.headers['content-disposition'] ?? '').includes(`filename=${filename}`) ||
      (part.headers['content-disposition'] ?? '').includes(`filename="${filename}"`),
  );
