import { NO_ANSWER } from './prompt';

/**
 * The part of the model's output the visitor sees, delta by delta. It holds back the start until it cannot
 * be the NO_ANSWER sentinel (so a refusal never flashes on screen), and trailing whitespace until more text
 * follows, so the stored answer is exactly the concatenation of what was streamed.
 */
export class VisibleText {
  private head = '';
  private held = '';
  private verdict: 'answer' | 'refusal' | null = null;
  /** Everything emitted so far. */
  text = '';

  constructor(private readonly emit: (delta: string) => void = () => undefined) {}

  push(piece: string) {
    if (this.verdict === 'refusal' || piece === '') return;
    if (this.verdict === null) {
      this.head += piece;
      const start = this.head.trimStart();
      if (start.length < NO_ANSWER.length && NO_ANSWER.startsWith(start)) return;
      if (start.startsWith(NO_ANSWER)) {
        this.verdict = 'refusal';
        return;
      }
      this.verdict = 'answer';
      piece = start;
    }
    const visible = this.held + piece;
    const shown = visible.trimEnd();
    this.held = visible.slice(shown.length);
    if (shown) {
      this.text += shown;
      this.emit(shown);
    }
  }

  /** Ends the stream: an answer with its text, the sentinel (a refusal), or nothing at all. */
  finish(): { kind: 'answer'; text: string } | { kind: 'refusal' } | { kind: 'empty' } {
    const start = this.head.trim();
    if (this.verdict === null && start) {
      // A short answer that looked like the sentinel's start, e.g. "NO": nothing was emitted yet.
      this.verdict = 'answer';
      this.text = start;
      this.emit(start);
    }
    if (this.verdict === 'refusal') return { kind: 'refusal' };
    return this.text ? { kind: 'answer', text: this.text } : { kind: 'empty' };
  }
}
