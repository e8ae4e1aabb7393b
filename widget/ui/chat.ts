import type {
  Availability,
  Message,
  QueuePosition,
  VisitorConversation,
  WidgetConfig,
  WidgetProactiveRule,
} from '../../plugin';
import type { ConnectionState, LivechatClient, LivechatSession, PendingMessage } from '../client';
import { LivechatApiError } from '../client/http';
import { fallbackConfig } from './options';
import type { ProactiveMessages } from './proactive';

/** Everything the widget draws, as one snapshot. */
export interface ChatState {
  config: WidgetConfig.Response;
  /** The server's settings arrived (or failed to): the launcher may show. */
  ready: boolean;
  session: LivechatSession | null;
  conversation: VisitorConversation | null;
  messages: Message[];
  pending: PendingMessage[];
  /** Bot answers being written, by stream id. */
  streams: Array<{ streamId: string; text: string }>;
  /** Who is typing on the help-desk side, or null. */
  typing: string | null;
  /** The place in the queue, and when this estimate was first given (the widget counts the wait down from it). */
  queue: (QueuePosition & { receivedAt: number }) | null;
  connection: ConnectionState;
  /** A person can answer now: agents are online and it is within business hours. */
  online: boolean;
  withinBusinessHours: boolean;
  /** Outside business hours: when support opens again (ISO), or null. */
  opensAt: string | null;
  /** Messages from the help desk that arrived while the panel was closed. */
  unread: number;
  /** Counts requests to open the panel (a follow-up email link was followed). */
  openRequests: number;
  /** A proactive message offered to the visitor (`seen` once the panel opened on it); null when there is none. */
  proactive: { rule: WidgetProactiveRule; seen: boolean } | null;
  /** A visible error or notice; null when there is none. */
  notice: { key: 'error' | 'linkExpired'; detail?: string } | null;
}

const TYPING_TIMEOUT_MS = 6000;
/** Messages arriving together are marked read with one request. */
const READ_DELAY_MS = 300;

/** The widget's behaviour, apart from its drawing: keeps `state` in step with the headless client. */
export class ChatController {
  state: ChatState;
  panelOpen = false;
  /** The widget's language, sent with a new conversation: the bot's own sentences follow it. */
  lang = 'en';
  private listeners = new Set<() => void>();
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private readTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly client: LivechatClient,
    private readonly proactiveMessages?: ProactiveMessages,
  ) {
    this.state = {
      config: fallbackConfig,
      ready: false,
      session: null,
      conversation: null,
      messages: [],
      pending: [],
      streams: [],
      typing: null,
      queue: null,
      connection: 'idle',
      online: false,
      withinBusinessHours: true,
      opensAt: null,
      unread: 0,
      openRequests: 0,
      proactive: null,
      notice: null,
    };
    this.listen();
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(patch: Partial<ChatState>) {
    this.state = { ...this.state, ...patch };
    this.listeners.forEach((listener) => listener());
  }

  private current(conversationId: number) {
    return this.state.conversation?.id === conversationId;
  }

  private listen() {
    const { client } = this;
    client.on('message', (message) => {
      if (!this.state.conversation && message.authorKind === 'agent') {
        // An agent opened a conversation with this visitor: it becomes the one on screen.
        void this.show(message.conversationId);
        return;
      }
      if (!this.current(message.conversationId)) return;
      const fromDesk = message.authorKind !== 'visitor';
      this.set({
        messages: client.timeline(message.conversationId),
        pending: this.state.pending.filter((p) => p.clientId !== message.clientId),
        streams: this.state.streams.filter((s) => s.streamId !== message.clientId),
        typing: message.authorKind === 'agent' ? null : this.state.typing,
        unread: fromDesk && !this.panelOpen ? this.state.unread + 1 : this.state.unread,
      });
      if (fromDesk) this.markRead();
    });
    client.on('pending', (pending) => {
      if (!this.current(pending.conversationId)) return;
      const others = this.state.pending.filter((p) => p.clientId !== pending.clientId);
      const delivered = pending.state === 'sent' || this.state.messages.some((m) => m.clientId === pending.clientId);
      this.set({ pending: delivered ? others : [...others, pending] });
    });
    client.on('conversation', (conversation) => {
      if (!this.current(conversation.id)) return;
      const joined = !!conversation.assignee && !this.state.conversation?.assignee;
      this.set({ conversation, queue: conversation.status === 'queued' ? this.state.queue : null });
      if (conversation.status === 'queued') void this.refreshQueue();
      // Only on the agent joining: marking read reports the conversation again.
      if (joined) this.markRead();
    });
    client.on('typing', (payload) => {
      if (!this.current(payload.conversationId) || payload.authorKind !== 'agent') return;
      clearTimeout(this.typingTimer);
      if (payload.typing) this.typingTimer = setTimeout(() => this.set({ typing: null }), TYPING_TIMEOUT_MS);
      this.set({ typing: payload.typing ? (payload.name ?? '') : null });
    });
    // The socket tells whether agents are online; business hours come from the server's availability.
    client.on('availability', ({ online }) => this.set({ online: online && this.state.withinBusinessHours }));
    client.on('stream', ({ conversationId, streamId, delta }) => {
      if (!this.current(conversationId) || this.state.messages.some((m) => m.clientId === streamId)) return;
      const existing = this.state.streams.find((s) => s.streamId === streamId);
      this.set({
        streams: existing
          ? this.state.streams.map((s) => (s === existing ? { streamId, text: s.text + delta } : s))
          : [...this.state.streams, { streamId, text: delta }],
      });
    });
    client.on('queue', ({ conversationId, ...queue }) => {
      if (this.current(conversationId)) this.showQueue(queue);
    });
    client.on('connection', (connection) => {
      const backOnline = connection === 'online' && this.state.connection !== 'online';
      this.set({ connection });
      // Queue moves pushed during a cut are not replayed: ask for the position again.
      if (backOnline && this.state.conversation?.status === 'queued') void this.refreshQueue();
    });
    client.on('session', (session) => this.set({ session }));
  }

  /** Loads the settings, then resumes a returning visitor, or the conversation of a follow-up email link. */
  async init(resumeToken: string | null) {
    try {
      const config = await this.client.widgetConfig();
      if (config.originAllowed === false) {
        // Visitors see no launcher: chatting would fail at the socket. The site's developer sees why here.
        console.error(
          `Live chat: ${location.origin} may not embed the widget. Add it in the Strapi admin under Live chat → Settings → Allowed widget origins, or to allowedOrigins in the plugin config.`,
        );
        return;
      }
      this.set({ config });
      this.showAvailability(config);
    } catch {
      // The launcher still works with the defaults; the panel shows the error when used.
    }
    this.set({ ready: true });
    const hasSession = !!(await this.client.storedSession());
    void this.proactiveMessages?.start(this.state.config.proactiveRules, {
      hasSession,
      withinBusinessHours: () => this.withinBusinessHours(),
      show: (rule) => this.offerProactive(rule),
    });
    if (resumeToken) return this.resumeFromLink(resumeToken);
    if (hasSession) await this.guard(() => this.resumeLatest());
    // The page opened the panel before the widget was ready.
    if (hasSession && this.panelOpen) await this.connectReturningVisitor();
  }

  /** Whether support is within its business hours now (the availability route; an older server that does not say counts as within). */
  private async withinBusinessHours() {
    try {
      return (await this.client.availability()).withinBusinessHours !== false;
    } catch {
      return false; // not shown now; the rule stays due for the next page
    }
  }

  /** Offers a proactive message, unless a conversation or another proactive message is on screen. */
  private offerProactive(rule: WidgetProactiveRule) {
    if (this.state.conversation || this.state.proactive) return false;
    this.set({ proactive: { rule, seen: this.panelOpen } });
    return true;
  }

  /** The visitor closed the proactive message without answering. */
  dismissProactive() {
    this.set({ proactive: null });
  }

  private async resumeFromLink(token: string) {
    this.set({ openRequests: this.state.openRequests + 1 });
    try {
      const { conversationId } = await this.client.resumeFromLink(token);
      await this.show(conversationId);
    } catch (error) {
      const refused = error instanceof LivechatApiError && error.status >= 400 && error.status < 500;
      if (!refused) return this.fail(error);
      this.set({ notice: { key: 'linkExpired' } });
      if (await this.client.storedSession()) await this.guard(() => this.resumeLatest());
    }
  }

  /**
   * Shows the visitor's latest conversation that has not ended. Only then does the socket open: a returning
   * visitor who is just browsing costs the server no connection (page views go over HTTP).
   */
  private async resumeLatest() {
    this.set({ session: await this.client.storedSession() });
    const latest = (await this.client.storedConversations()).find((c) => c.status !== 'ended');
    if (!latest) return;
    await this.client.start();
    await this.show(latest.id);
  }

  /** Puts a conversation on screen with its messages. */
  async show(conversationId: number) {
    await this.guard(async () => {
      const conversation = await this.client.conversation(conversationId);
      this.set({ conversation, messages: [], pending: [], streams: [], typing: null, queue: null });
      const messages = await this.client.messages(conversationId);
      if (this.current(conversationId)) this.set({ messages });
      this.markRead();
      if (conversation.status === 'queued') await this.refreshQueue();
    });
  }

  /**
   * The visitor has the conversation in front of them (panel open, page visible): the agent sees "Seen".
   * Only once an agent holds it (the bot needs no receipts, and bot chats are most of them); calls within
   * a moment of each other make one request; the server writes only when something is new.
   */
  private markRead() {
    const { conversation } = this.state;
    const visible = typeof document === 'undefined' || document.visibilityState !== 'hidden';
    if (!conversation?.assignee || !this.panelOpen || !visible || this.readTimer) return;
    this.readTimer = setTimeout(() => {
      this.readTimer = undefined;
      if (this.current(conversation.id)) this.client.markRead(conversation.id).catch(() => undefined);
    }, READ_DELAY_MS);
  }

  /** A queue estimate arrived; the same place and estimate again keeps the time it was first given. */
  private showQueue(queue: QueuePosition) {
    const held = this.state.queue;
    const same = held && held.position === queue.position && held.expectedWaitSeconds === queue.expectedWaitSeconds;
    this.set({ queue: { ...queue, receivedAt: same ? held.receivedAt : Date.now() } });
  }

  /**
   * The panel opened or closed: opening clears the unread count, re-reads availability (hours may have
   * turned) and, for a returning visitor, opens the socket (until then a visitor who only browses has none).
   */
  setPanelOpen(open: boolean) {
    this.panelOpen = open;
    if (open && this.state.unread) this.set({ unread: 0 });
    if (open) this.markRead();
    const { proactive } = this.state;
    if (open && proactive && !proactive.seen) this.set({ proactive: { ...proactive, seen: true } });
    if (open && this.state.ready) {
      void this.refreshAvailability();
      void this.connectReturningVisitor();
    }
  }

  /** Resumes a stored session, which opens the socket; a new visitor gets a session with their first message. */
  private async connectReturningVisitor() {
    if (await this.client.storedSession()) await this.guard(() => this.client.start());
  }

  private async refreshAvailability() {
    try {
      this.showAvailability(await this.client.availability());
    } catch {
      // The last known availability stays on screen.
    }
  }

  private showAvailability({ online, withinBusinessHours, opensAt }: Availability.Response | WidgetConfig.Response) {
    this.set({ online, withinBusinessHours, opensAt });
  }

  /** Sends a message, opening a conversation first when there is none (or the shown one ended and was left). */
  async send(text: string) {
    await this.guard(async () => {
      const conversation = this.state.conversation ?? (await this.startConversation());
      const sent = this.client.send(conversation.id, text);
      sent.catch(() => undefined); // a refusal shows on the pending message itself
    });
  }

  /** Sends a file the visitor picked (size and type checked here first, and by the server anyway); answers why it was refused. */
  async sendFile(file: File): Promise<'fileTooLarge' | 'fileType' | null> {
    const { maxBytes, allowedTypes } = this.state.config.attachments;
    if (file.size > maxBytes) return 'fileTooLarge';
    if (allowedTypes.length && !allowedTypes.includes(file.type)) return 'fileType';
    try {
      const conversation = this.state.conversation ?? (await this.startConversation());
      await this.client.sendAttachment(conversation.id, file, file.name);
    } catch (error) {
      // The server checks the real type from the file's content: a renamed file passes the check above.
      if (error instanceof LivechatApiError && error.status === 415) return 'fileType';
      if (error instanceof LivechatApiError && error.status === 413) return 'fileTooLarge';
      this.fail(error);
    }
    return null;
  }

  /** Starts a conversation; one answering a proactive message begins with that message, stored by the server. */
  private async startConversation() {
    const proactiveRuleId = this.state.proactive?.rule.id;
    const conversation = await this.client.startConversation({
      pageUrl: location.href,
      proactiveRuleId,
      locale: this.lang,
    });
    this.set({ conversation, messages: [], pending: [], streams: [], queue: null, proactive: null });
    if (proactiveRuleId) {
      const messages = await this.client.messages(conversation.id);
      if (this.current(conversation.id)) this.set({ messages });
    }
    return conversation;
  }

  /** Gives the visitor's details (pre-chat form). */
  async saveDetails(details: { name?: string; email?: string; phone?: string }) {
    await this.guard(() => this.client.updateContact(details));
  }

  /** Offline form: the message and email go to the help desk for a reply by email (never to the bot). */
  async leaveMessage(email: string, text: string) {
    await this.guard(async () => {
      const shown = this.state.conversation;
      const conversation = await this.client.leaveOfflineMessage({
        email,
        text,
        conversationId: shown && shown.status !== 'ended' ? shown.id : undefined,
        pageUrl: location.href,
        locale: this.lang,
      });
      await this.show(conversation.id);
    });
  }

  async requestHuman() {
    const { conversation } = this.state;
    await this.guard(async () => {
      const target = conversation ?? (await this.startConversation());
      if (target.status === 'bot' || target.status === 'ended') await this.client.requestHuman(target.id);
    });
  }

  /** 👍 / 👎 on a bot answer; the answer shows the vote once the server stored it. */
  async feedback(messageId: number, helpful: boolean) {
    const { conversation } = this.state;
    if (!conversation) return;
    await this.guard(async () => {
      await this.client.feedback(conversation.id, messageId, helpful);
      if (this.current(conversation.id)) this.set({ messages: this.client.timeline(conversation.id) });
    });
  }

  async end() {
    const { conversation } = this.state;
    if (conversation && conversation.status !== 'ended') await this.guard(() => this.client.end(conversation.id));
  }

  async rate(score: number, comment: string) {
    const { conversation } = this.state;
    if (conversation) await this.guard(() => this.client.rate(conversation.id, score, comment || undefined));
  }

  /** Leaves the shown conversation; the next message opens a new one. */
  newConversation() {
    this.set({ conversation: null, messages: [], pending: [], streams: [], queue: null, typing: null });
  }

  history(): Promise<VisitorConversation[]> {
    return this.client.conversations();
  }

  typing(typing: boolean) {
    const { conversation } = this.state;
    if (conversation && conversation.status !== 'ended') this.client.typing(conversation.id, typing);
  }

  dismissNotice() {
    this.set({ notice: null });
  }

  private async refreshQueue() {
    const { conversation } = this.state;
    if (!conversation) return;
    try {
      const queue = await this.client.queuePosition(conversation.id);
      if (this.current(conversation.id)) this.showQueue(queue);
    } catch {
      // The queue position is a nicety: the waiting message shows without it.
    }
  }

  private async guard(run: () => Promise<unknown>) {
    try {
      await run();
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown) {
    this.set({ notice: { key: 'error', detail: (error as Error).message } });
  }
}
