/** Cutting documents into passages: what semantic retrieval compares and what an answer quotes. */

/** Markdown or rich text reduced to what a reader sees: no markup, links keep their words. */
export function plainText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/<[^>\n]+>/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(?:#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/(\*\*|__|\*|_|`|~~)(\S(?:[^\n]*?\S)?)\1/g, '$2')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// A sentence ends at . ! ? (optionally closed by a quote or bracket) before a capital, digit or quote.
const SENTENCE_END = /(?<=[.!?]["')\]]?)\s+(?=["'(\[]?[\p{Lu}\p{N}])/u;

/** Sentences of one paragraph; a line break also ends a sentence (lists, headings). */
export function sentences(paragraph: string): string[] {
  return paragraph
    .split('\n')
    .flatMap((line) => line.split(SENTENCE_END))
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

/** Paragraphs separated by blank lines. */
export const paragraphs = (text: string): string[] =>
  text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);

/**
 * Passages of whole sentences, each at most about `maxChars` long and never across a paragraph.
 * A short text is one passage, so a short answer is quoted whole.
 */
export function passages(text: string, maxChars = 320): string[] {
  if (!text) return [];
  if (text.length <= maxChars * 1.5) return [text];
  const out: string[] = [];
  for (const paragraph of paragraphs(text)) {
    let current = '';
    for (const sentence of sentences(paragraph)) {
      if (current && current.length + sentence.length + 1 > maxChars) {
        out.push(current);
        current = sentence;
      } else current = current ? `${current} ${sentence}` : sentence;
    }
    if (current) out.push(current);
  }
  return out;
}
