import type { CannedMessage } from '../../../plugin/contracts/entities';

/** The `/word` or `#word` the agent is typing right before the caret, if any: both open the canned messages. */
export function slashQuery(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)[/#]([\w-]*)$/.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2].length - 1, query: match[2] };
}

/** Canned messages matching a query by shortcut or title; shortcut prefix matches first. */
export function searchCanned(messages: CannedMessage[], query: string): CannedMessage[] {
  const needle = query.toLowerCase();
  const rank = (message: CannedMessage) => {
    const shortcut = message.shortcut.toLowerCase();
    if (shortcut.startsWith(needle)) return 0;
    if (shortcut.includes(needle)) return 1;
    if (message.title.toLowerCase().includes(needle)) return 2;
    return -1;
  };
  return messages
    .map((message) => ({ message, rank: rank(message) }))
    .filter((entry) => entry.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.message.shortcut.localeCompare(b.message.shortcut))
    .map((entry) => entry.message)
    .slice(0, 8);
}
