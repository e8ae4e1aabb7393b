import { open, readFile } from 'node:fs/promises';
import type { AttachmentType } from '../../plugin/contracts/attachments';

/** Leading bytes of each binary type: what a file is, whatever its name or declared type says. */
const SIGNATURES: Array<{ type: AttachmentType; matches: (head: Buffer) => boolean }> = [
  {
    type: 'image/png',
    matches: (head) => head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { type: 'image/jpeg', matches: (head) => head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff },
  { type: 'image/gif', matches: (head) => ['GIF87a', 'GIF89a'].includes(head.toString('latin1', 0, 6)) },
  {
    type: 'image/webp',
    matches: (head) => head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP',
  },
  { type: 'application/pdf', matches: (head) => head.toString('latin1', 0, 5) === '%PDF-' },
];

/** File extension for each type: a stored file's name says what it really is. */
export const EXTENSIONS: Record<AttachmentType, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'application/pdf': '.pdf',
  'text/plain': '.txt',
};

const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0c, 0x0d]);

/** Plain text: valid UTF-8 without control characters other than tab, line breaks and form feed. */
function isPlainText(content: Buffer) {
  for (const byte of content) {
    if ((byte < 0x20 && !TEXT_CONTROLS.has(byte)) || byte === 0x7f) return false;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
    return true;
  } catch {
    return false;
  }
}

/** The type a file's content shows (signature, or plain text), or null when it is none of the known types. */
export async function detectFileType(path: string): Promise<AttachmentType | null> {
  const file = await open(path, 'r');
  const head = Buffer.alloc(16);
  try {
    await file.read(head, 0, head.length, 0);
  } finally {
    await file.close();
  }
  const signature = SIGNATURES.find((candidate) => candidate.matches(head));
  if (signature) return signature.type;
  return isPlainText(await readFile(path)) ? 'text/plain' : null;
}
