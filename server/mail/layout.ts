import { escapeHtml } from '../escape-html';

/**
 * A piece of an email. Every email is written once as blocks and rendered twice, as its plain-text and
 * its HTML part: text from visitors and agents is plain text, escaped in HTML and never read as markup.
 */
export type Block =
  | { kind: 'paragraph'; text: string }
  /** Someone's message, quoted as written. */
  | { kind: 'quote'; text: string }
  /** A transcript or a list of details, line by line. */
  | { kind: 'lines'; text: string }
  | { kind: 'link'; label: string; url: string };

export const paragraph = (text: string): Block => ({ kind: 'paragraph', text });
export const quote = (text: string): Block => ({ kind: 'quote', text });
export const lines = (...text: string[]): Block => ({ kind: 'lines', text: text.join('\n') });
export const link = (label: string, url: string): Block => ({ kind: 'link', label, url });

/** What the email plugin's `send` takes. */
export interface Email {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  attachments?: Array<{ filename: string; content: string; contentType: string }>;
}

const PRE_WRAP = 'white-space:pre-wrap';
const FINE_PRINT = 'font-size:12px;color:#666';
const FOOTER = 'You get this email because you left your address in our chat.';

const asText = (block: Block) => (block.kind === 'link' ? `${block.label}: ${block.url}` : block.text);

const asHtml = (block: Block) => {
  switch (block.kind) {
    case 'paragraph':
      return `<p style="${PRE_WRAP}">${escapeHtml(block.text)}</p>`;
    case 'quote':
      return `<blockquote style="${PRE_WRAP}">${escapeHtml(block.text)}</blockquote>`;
    case 'lines':
      return `<pre style="font-family:inherit;${PRE_WRAP}">${escapeHtml(block.text)}</pre>`;
    case 'link':
      return `<p><a href="${escapeHtml(block.url)}">${escapeHtml(block.label)}</a></p>`;
  }
};

/**
 * One email from its blocks. `unsubscribe` (emails to visitors) adds the footer with the link and the
 * headers that give mail clients their own one-click unsubscribe button (RFC 8058).
 */
export function compose(input: {
  to: string;
  subject: string;
  blocks: Block[];
  unsubscribe?: string;
  attachments?: Email['attachments'];
}): Email {
  const { to, subject, blocks, unsubscribe, attachments } = input;
  const text = blocks.map(asText);
  const html = blocks.map(asHtml);
  if (unsubscribe) {
    text.push(`${FOOTER} Unsubscribe: ${unsubscribe}`);
    html.push(`<p style="${FINE_PRINT}">${FOOTER} <a href="${escapeHtml(unsubscribe)}">Unsubscribe</a></p>`);
  }
  return {
    to,
    subject,
    text: text.join('\n\n'),
    html: html.join(''),
    ...(unsubscribe && {
      headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    }),
    ...(attachments && { attachments }),
  };
}
