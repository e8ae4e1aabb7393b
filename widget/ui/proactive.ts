import type { WidgetProactiveRule } from '../../plugin';
import { matchesUrlPattern } from '../../plugin/proactive';
import type { LivechatStorage } from '../client';

/** What the widget remembers of proactive messages in the visitor's browser. */
interface ProactiveMemory {
  /** When this browser first loaded the widget (ms since the epoch). */
  firstSeen: number;
  /** The day (local date) each rule was shown on, by rule id; only today's entries are kept. */
  shown: Record<string, string>;
}

/** What the scheduler needs from the widget. */
export interface ProactiveHooks {
  /** The visitor has a stored session: they chatted before, so they are returning. */
  hasSession: boolean;
  /** Whether support is within business hours (asked only for rules that care). */
  withinBusinessHours(): Promise<boolean>;
  /** Shows the rule's message; answers false when the widget cannot (a conversation is on screen). */
  show(rule: WidgetProactiveRule): boolean;
}

const dayOf = (time: number) => new Date(time).toLocaleDateString('en-CA');
const currentPage = () => location.pathname + location.search;

/**
 * Proactive messages: each rule whose URL pattern matches the page, for this kind of visitor, fires after its
 * seconds on the page, at most once per rule per day (remembered in the widget's storage). Nothing here
 * starts a session or opens a socket: that waits until the visitor answers.
 */
export class ProactiveMessages {
  private readonly timers: Array<ReturnType<typeof setTimeout>> = [];

  constructor(
    private readonly storage: LivechatStorage,
    private readonly key: string,
  ) {}

  private async load(): Promise<ProactiveMemory> {
    try {
      const stored = JSON.parse((await this.storage.get(this.key)) ?? 'null') as ProactiveMemory | null;
      if (stored && typeof stored.firstSeen === 'number' && typeof stored.shown === 'object') return stored;
    } catch {
      // Unreadable memory starts afresh.
    }
    return { firstSeen: Date.now(), shown: {} };
  }

  private async save(memory: ProactiveMemory) {
    const today = dayOf(Date.now());
    const shown = Object.fromEntries(Object.entries(memory.shown).filter(([, day]) => day === today));
    try {
      await this.storage.set(this.key, JSON.stringify({ firstSeen: memory.firstSeen, shown }));
    } catch {
      // A full or blocked storage only means a rule may show again.
    }
  }

  /** Schedules the rules that apply to this page and visitor. */
  async start(rules: WidgetProactiveRule[], hooks: ProactiveHooks) {
    const memory = await this.load();
    await this.save(memory);
    const today = dayOf(Date.now());
    const returning = hooks.hasSession || dayOf(memory.firstSeen) !== today;
    for (const rule of rules) {
      if (memory.shown[rule.id] === today || !matchesUrlPattern(rule.urlPattern, currentPage())) continue;
      if (rule.visitors !== 'all' && (rule.visitors === 'returning') !== returning) continue;
      this.timers.push(setTimeout(() => void this.fire(rule, hooks), rule.secondsOnPage * 1000));
    }
  }

  private async fire(rule: WidgetProactiveRule, hooks: ProactiveHooks) {
    // A single-page site may have moved on to another page meanwhile.
    if (!matchesUrlPattern(rule.urlPattern, currentPage())) return;
    if (rule.onlyWithinBusinessHours && !(await hooks.withinBusinessHours())) return;
    // Read again: another tab may have shown it meanwhile.
    const memory = await this.load();
    const today = dayOf(Date.now());
    if (memory.shown[rule.id] === today || !hooks.show(rule)) return;
    memory.shown[rule.id] = today;
    await this.save(memory);
  }

  /** Cancels the rules still waiting (the widget was removed). */
  stop() {
    this.timers.splice(0).forEach(clearTimeout);
  }
}
