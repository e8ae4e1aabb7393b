import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type {
  Ack,
  Availability,
  BotStreamPayload,
  GetQueuePosition,
  GiveFeedback,
  IdentifyVisitor,
  LeaveOfflineMessage,
  ListMessages,
  MarkConversationRead,
  Message,
  QueuePositionPayload,
  RecordPageView,
  StartConversation,
  StartSession,
  TypingChangedPayload,
  UpdateVisitorContact,
  VisitorClientEvents,
  VisitorConversation,
  VisitorServerEvents,
  WidgetConfig,
} from '../../plugin';
import type { Route, RouteInput, RouteResponse } from '../../plugin/contracts/route';
import { VISITOR_ROUTES } from '../../plugin/contracts/visitor-routes';
import { SOCKET_PATH, VISITOR_NAMESPACE } from '../../plugin/id';
import { Emitter } from './emitter';
import { createHttp, LivechatApiError, type Http } from './http';
import { defaultStorage, type LivechatStorage } from './storage';

/** The visitor's signed token and who they are. */
export interface LivechatSession {
  token: string;
  contact: { id: number; name: string | null; email: string | null };
}

/** Where the socket stands: `online` once connected and caught up with what it missed. */
export type ConnectionState = 'idle' | 'connecting' | 'online' | 'offline';

/**
 * Where a message on its way stands: `sending` (resent until acknowledged, across reconnects), `sent`, or
 * `failed`: refused (a 4xx) or the server failed `maxServerErrors` times; `retry(clientId)` sends it again.
 */
export type DeliveryState = 'sending' | 'sent' | 'failed';

/** A message on its way: shown at once, replaced by the stored message (same `clientId`) once acknowledged. */
export interface PendingMessage {
  clientId: string;
  conversationId: number;
  text: string;
  state: DeliveryState;
  /** How many times it was sent to the server. */
  attempts: number;
  /** Why it `failed`: the server's status and message (status 0: the client gave up without an answer). */
  error?: LivechatApiError;
}

/** Events of the headless client. Every stored message is reported exactly once, whatever path it came by. */
export interface LivechatClientEvents {
  message: (message: Message) => void;
  pending: (pending: PendingMessage) => void;
  conversation: (conversation: VisitorConversation) => void;
  typing: (payload: TypingChangedPayload) => void;
  availability: (payload: { online: boolean }) => void;
  stream: (payload: BotStreamPayload) => void;
  queue: (payload: QueuePositionPayload) => void;
  connection: (state: ConnectionState) => void;
  session: (session: LivechatSession | null) => void;
}

/** Options of `createLivechatClient`. */
export interface LivechatClientOptions {
  /** Base URL of the Strapi server, e.g. `https://cms.example.com`. */
  url: string;
  /** Where the session is kept; localStorage in browsers, memory elsewhere. */
  storage?: LivechatStorage;
  /** Storage key of the session. */
  storageKey?: string;
  /** A fetch implementation (defaults to the global one). */
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
  /** How long an unacknowledged message waits before it is sent again, in ms. */
  ackTimeoutMs?: number;
  /** How many server errors (5xx) a message may get before it is `failed` (default 5); a 4xx fails it at once. */
  maxServerErrors?: number;
  /** Extra socket.io-client options (transports, reconnection delays…). */
  socket?: Partial<ManagerOptions & SocketOptions>;
}

type VisitorSocket = Socket<VisitorServerEvents, VisitorClientEvents>;

interface Outgoing {
  pending: PendingMessage;
  /** 5xx answers so far; timeouts and 429s are retried without counting. */
  serverErrors: number;
  resolve(message: Message): void;
  reject(error: LivechatApiError): void;
}

/** What the client knows of one conversation: every message with id ≤ `cursor`, and whether it is live. */
interface Followed {
  cursor: number;
  synced: boolean;
  /** The connection a replay is running for (0: none), so a reconnect starts a fresh one. */
  replayEpoch: number;
  /** The conversation as last reported, so a reconnect reports only what changed while offline. */
  known?: string;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fresh message id for idempotent sends. */
export const newClientId = (): string =>
  globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

/** Statuses worth retrying: no answer, rate limited, or the server failed; other refusals are final. */
const retryable = (status: number) => status === 0 || status === 408 || status === 429 || status >= 500;

const DEFAULT_MAX_SERVER_ERRORS = 5;

/**
 * The headless live-chat client: a visitor session, conversations, messages with at-least-once
 * sending and exactly-once display, replay after reconnect, typing, humans, rating and history.
 */
export class LivechatClient extends Emitter<LivechatClientEvents> {
  /** Base URL of the Strapi server. */
  readonly url: string;
  /** The current session, once `start` or `resumeFromLink` resolved. */
  session: LivechatSession | null = null;
  /** The socket's state. */
  connection: ConnectionState = 'idle';

  private readonly storage: LivechatStorage;
  private readonly storageKey: string;
  private readonly ackTimeoutMs: number;
  private readonly maxServerErrors: number;
  private readonly socketOptions: Partial<ManagerOptions & SocketOptions>;
  private readonly http: Http;
  private socket: VisitorSocket | null = null;
  private starting: Promise<LivechatSession> | null = null;
  private readonly seen = new Set<number>();
  private readonly timelines = new Map<number, Message[]>();
  private readonly followed = new Map<number, Followed>();
  private readonly outbox: Outgoing[] = [];
  /** Messages that `failed`, by clientId, until `retry` sends them again. */
  private readonly failed = new Map<string, PendingMessage>();
  private flushing = false;
  private epoch = 0;
  private closed = false;

  constructor(options: LivechatClientOptions) {
    super();
    this.url = options.url.replace(/\/+$/, '');
    this.storage = options.storage ?? defaultStorage();
    this.storageKey = options.storageKey ?? 'livechat';
    this.ackTimeoutMs = options.ackTimeoutMs ?? 8000;
    this.maxServerErrors = Math.max(1, options.maxServerErrors ?? DEFAULT_MAX_SERVER_ERRORS);
    this.socketOptions = options.socket ?? {};
    const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.http = createHttp({ url: this.url, fetch: fetchImpl, token: () => this.session?.token ?? null });
  }

  // ── session ────────────────────────────────────────────────────────────────────────────────

  /** The session kept in storage, if any (no network). */
  async storedSession(): Promise<LivechatSession | null> {
    try {
      const raw = await this.storage.get(this.storageKey);
      const parsed = raw ? (JSON.parse(raw) as LivechatSession) : null;
      return parsed && typeof parsed.token === 'string' ? parsed : null;
    } catch {
      return null;
    }
  }

  /** Resumes the stored session when its token still works, or starts a new one with `details`; then connects. */
  start(details: StartSession.Request = {}): Promise<LivechatSession> {
    if (this.session) return Promise.resolve(this.session);
    this.starting ??= this.startSession(details).finally(() => (this.starting = null));
    return this.starting;
  }

  private async startSession(details: StartSession.Request): Promise<LivechatSession> {
    const stored = await this.storedSession();
    if (stored) {
      this.session = stored;
      try {
        await this.http(VISITOR_ROUTES.listVisitorConversations);
        return this.useSession(stored);
      } catch (error) {
        this.session = null;
        if (!(error instanceof LivechatApiError) || error.status !== 401) throw error;
      }
    }
    const created = await this.http(VISITOR_ROUTES.startSession, { body: details });
    return this.useSession(created);
  }

  /** Opens the conversation a follow-up email links to: `token` is the `livechat_resume` query parameter. */
  async resumeFromLink(token: string): Promise<{ session: LivechatSession; conversationId: number }> {
    const resumed = await this.http(VISITOR_ROUTES.resumeSession, { body: { token } });
    this.disconnect();
    const session = await this.useSession({ token: resumed.token, contact: resumed.contact });
    return { session, conversationId: resumed.conversationId };
  }

  /** Gives or corrects the visitor's name, email or phone (an email makes follow-up emails possible). */
  updateContact(details: UpdateVisitorContact.Request): Promise<UpdateVisitorContact.Response> {
    return this.changeContact(VISITOR_ROUTES.updateVisitorContact, details);
  }

  /** Tells the help desk who the visitor is: details, custom attributes (merged) and tags (as Settings allow); starts a session if needed. */
  identify(details: IdentifyVisitor.Request): Promise<IdentifyVisitor.Response> {
    return this.changeContact(VISITOR_ROUTES.identifyVisitor, details);
  }

  /** Sends the visitor's own details (starting a session if needed) and keeps the stored session's copy in step. */
  private async changeContact<
    R extends typeof VISITOR_ROUTES.updateVisitorContact | typeof VISITOR_ROUTES.identifyVisitor,
  >(route: R, details: RouteInput<R>['body']): Promise<RouteResponse<R>> {
    const session = await this.start();
    const contact = (await this.http(route as Route, { body: details })) as RouteResponse<R>;
    await this.useSession({
      token: session.token,
      contact: { id: contact.id, name: contact.name, email: contact.email },
    });
    return contact;
  }

  /** Records a page view (`url`, optional `title`) for a visitor with a session, without opening a socket; false when there is no session. */
  async page(url: string, title?: string): Promise<boolean> {
    const session = this.session ?? (await this.storedSession());
    if (!session) return false;
    const view: RecordPageView.Request = title ? { url, title } : { url };
    await this.http(VISITOR_ROUTES.recordPageView, { body: view }, session.token);
    return true;
  }

  /** Forgets the session (the next `start` begins a new visitor) and closes the socket. */
  async forget(): Promise<void> {
    this.disconnect();
    this.resetConversations();
    this.session = null;
    await this.storage.remove(this.storageKey);
    this.emit('session', null);
  }

  private async useSession(session: LivechatSession): Promise<LivechatSession> {
    if (this.session && this.session.contact.id !== session.contact.id) this.resetConversations();
    this.session = session;
    await this.storage.set(this.storageKey, JSON.stringify(session));
    this.emit('session', session);
    this.connect();
    return session;
  }

  // ── public information ─────────────────────────────────────────────────────────────────────

  /** Whether an agent is online right now. */
  availability(): Promise<Availability.Response> {
    return this.http(VISITOR_ROUTES.availability);
  }

  /** The widget's theme and texts as set in the admin. */
  widgetConfig(): Promise<WidgetConfig.Response> {
    return this.http(VISITOR_ROUTES.widgetConfig);
  }

  // ── conversations ──────────────────────────────────────────────────────────────────────────

  /** The visitor's conversations, newest first: the history of past chats. */
  async conversations(): Promise<VisitorConversation[]> {
    await this.start();
    return (await this.http(VISITOR_ROUTES.listVisitorConversations)).results;
  }

  /** The stored session's conversations, newest first, without starting it or opening a socket; none without a usable session. */
  async storedConversations(): Promise<VisitorConversation[]> {
    const session = this.session ?? (await this.storedSession());
    if (!session) return [];
    try {
      return (await this.http(VISITOR_ROUTES.listVisitorConversations, undefined, session.token)).results;
    } catch (error) {
      if (error instanceof LivechatApiError && error.status === 401) return [];
      throw error;
    }
  }

  /** One of the visitor's conversations. */
  async conversation(conversationId: number): Promise<VisitorConversation> {
    await this.start();
    const conversation = await this.http(VISITOR_ROUTES.getVisitorConversation, { params: { id: conversationId } });
    const state = this.followed.get(conversationId);
    if (state) state.known = JSON.stringify(conversation);
    return conversation;
  }

  /**
   * Opens a new conversation (with the bot, or queued when the bot is off). `proactiveRuleId`: the visitor
   * answers that proactive message, which the server stores as the conversation's first bot message.
   */
  async startConversation(
    options: Pick<StartConversation.Request, 'pageUrl' | 'proactiveRuleId' | 'locale'> = {},
  ): Promise<VisitorConversation> {
    await this.start();
    const conversation = await this.http(VISITOR_ROUTES.startConversation, { body: options });
    this.follow(conversation.id, true);
    this.report(conversation);
    return conversation;
  }

  /**
   * Nobody is online: leaves a message and the visitor's email for a reply by email. It goes into
   * `conversationId` while that one is with the bot or queued, else into a new conversation; the bot never
   * answers it, and the conversation waits in the queue as an offline message (`offline: true`).
   */
  async leaveOfflineMessage(request: LeaveOfflineMessage.Request): Promise<VisitorConversation> {
    const session = await this.start();
    const conversation = await this.http(VISITOR_ROUTES.leaveOfflineMessage, { body: request });
    await this.useSession({ token: session.token, contact: { ...session.contact, email: request.email } });
    this.follow(conversation.id, false);
    this.report(conversation);
    return conversation;
  }

  /** Asks for a human agent: the conversation joins the queue. */
  requestHuman(conversationId: number): Promise<VisitorConversation> {
    return this.changeConversation(conversationId, 'human');
  }

  /** Ends the conversation. */
  end(conversationId: number): Promise<VisitorConversation> {
    return this.changeConversation(conversationId, 'end');
  }

  /** Rates an ended conversation from 1 to 5, with an optional comment. */
  async rate(conversationId: number, score: number, comment?: string): Promise<VisitorConversation> {
    await this.start();
    const conversation = await this.http(VISITOR_ROUTES.rateConversation, {
      params: { id: conversationId },
      body: { score, ...(comment ? { comment } : {}) },
    });
    this.report(conversation);
    return conversation;
  }

  /**
   * "Was this helpful?" on a bot answer: 👍 (`helpful` true) or 👎, with an optional comment; a later call
   * replaces the vote. Resolves with the message and its `feedback`, which replaces the copy the client holds.
   * After a 👎 the bot offers a person (a `message` event).
   */
  async feedback(conversationId: number, messageId: number, helpful: boolean, comment?: string): Promise<Message> {
    await this.start();
    const vote: GiveFeedback.Request = comment ? { helpful, comment } : { helpful };
    const message = await this.http(VISITOR_ROUTES.giveFeedback, {
      params: { id: conversationId, messageId },
      body: vote,
    });
    const list = this.timelines.get(conversationId);
    const held = list?.findIndex((m) => m.id === messageId) ?? -1;
    if (list && held >= 0) list[held] = message;
    return message;
  }

  /**
   * The visitor has read the conversation up to now: the agent sees "Seen" on what the desk sent. Through the
   * socket when it is connected, else over HTTP; reports the conversation (`seenByAgentAt` tells the visitor
   * the same of the agent, and changes arrive as `conversation` events).
   */
  async markRead(conversationId: number): Promise<VisitorConversation> {
    await this.start();
    const socket = this.socket;
    let conversation: MarkConversationRead.Response;
    if (socket?.connected) {
      const ack: Ack<VisitorConversation> = await socket
        .timeout(this.ackTimeoutMs)
        .emitWithAck('conversation:read', { conversationId });
      if (!ack.ok) throw new LivechatApiError(ack.error.status, ack.error.message, ack.error.field);
      conversation = ack.data;
    } else {
      conversation = await this.http(VISITOR_ROUTES.markConversationRead, { params: { id: conversationId } });
    }
    this.report(conversation);
    return conversation;
  }

  /** The conversation's place in the queue and the expected wait. */
  async queuePosition(conversationId: number): Promise<GetQueuePosition.Response> {
    await this.start();
    return this.http(VISITOR_ROUTES.getQueuePosition, { params: { id: conversationId } });
  }

  private async changeConversation(conversationId: number, action: 'human' | 'end') {
    await this.start();
    const route = action === 'human' ? VISITOR_ROUTES.requestHuman : VISITOR_ROUTES.endVisitorConversation;
    const conversation = await this.http(route, { params: { id: conversationId } });
    this.report(conversation);
    return conversation;
  }

  /** Emits `conversation`, remembering what was reported for a followed conversation. */
  private report(conversation: VisitorConversation) {
    const state = this.followed.get(conversation.id);
    if (state) state.known = JSON.stringify(conversation);
    this.emit('conversation', conversation);
  }

  /** Reports a pushed or fetched state unless it is what was last reported: one `conversation` event per change. */
  private reportChange(conversation: VisitorConversation) {
    const state = this.followed.get(conversation.id);
    if (!state || state.known !== JSON.stringify(conversation)) this.report(conversation);
  }

  // ── messages ───────────────────────────────────────────────────────────────────────────────

  /** Every message of the conversation, oldest first: loads what is missing and keeps it live from then on. */
  async messages(conversationId: number): Promise<Message[]> {
    await this.start();
    const state = this.follow(conversationId, false);
    const epoch = this.epoch;
    let after = state.cursor;
    let last = after;
    for (;;) {
      const page = await this.http(VISITOR_ROUTES.listMessages, {
        params: { id: conversationId },
        query: { after, limit: 500 },
      });
      page.results.forEach((message) => this.ingest(message));
      if (page.results.length) after = last = page.results[page.results.length - 1].id;
      if (!page.hasMore) break;
    }
    this.caughtUp(conversationId, last, epoch);
    return this.timeline(conversationId);
  }

  /** The messages the client holds for a conversation, oldest first (no network). */
  timeline(conversationId: number): Message[] {
    return [...(this.timelines.get(conversationId) ?? [])];
  }

  /**
   * Sends a message: resolves with the stored message once the server acknowledged it. Until then it is
   * resent with the same `clientId` (after a timeout, a reconnect, a 429 or a 5xx), so it is stored once;
   * it rejects, `failed`, on a 4xx or after `maxServerErrors` 5xx answers.
   */
  send(conversationId: number, text: string, clientId: string = newClientId()): Promise<Message> {
    const pending: PendingMessage = { clientId, conversationId, text, state: 'sending', attempts: 0 };
    this.failed.delete(clientId);
    this.follow(conversationId, false);
    const sent = new Promise<Message>((resolve, reject) =>
      this.outbox.push({ pending, serverErrors: 0, resolve, reject }),
    );
    this.emit('pending', { ...pending });
    void this.startThenFlush();
    return sent;
  }

  /** A send before any session: starts one (retrying network failures), then sends. */
  private async startThenFlush() {
    for (let attempt = 0; !this.session && !this.closed; attempt += 1) {
      try {
        await this.start();
      } catch (error) {
        // Without a session nothing is sent: the refusal counts for every queued message.
        if (error instanceof LivechatApiError) {
          for (const item of [...this.outbox]) {
            if (this.afterError(item, error) === 'failed') this.outbox.splice(this.outbox.indexOf(item), 1);
          }
          if (this.outbox.length === 0) return;
        }
        await delay(Math.min(10_000, 500 * 2 ** attempt));
      }
    }
    void this.flush();
  }

  /** Messages not yet acknowledged, in sending order. */
  pendingMessages(): PendingMessage[] {
    return this.outbox.map((item) => ({ ...item.pending }));
  }

  /** Sends a `failed` message again with the same `clientId` (stored once whatever happened before); resolves like `send`. */
  retry(clientId: string): Promise<Message> {
    const failed = this.failed.get(clientId);
    if (!failed) return Promise.reject(new LivechatApiError(0, `No failed message with clientId ${clientId}`));
    return this.send(failed.conversationId, failed.text, clientId);
  }

  /** Uploads a file (with optional text) as a message; the server checks its size and type. */
  async sendAttachment(conversationId: number, file: Blob, fileName: string, text?: string): Promise<Message> {
    await this.start();
    const form = new FormData();
    form.append('clientId', newClientId());
    if (text) form.append('text', text);
    form.append('file', file, fileName);
    const message = await this.http(VISITOR_ROUTES.sendAttachment, { params: { id: conversationId }, body: form });
    this.ingest(message);
    return message;
  }

  /** Tells the agent the visitor is typing (or stopped). Dropped while offline: typing is not worth replaying. */
  typing(conversationId: number, typing: boolean): void {
    if (this.socket?.connected) this.socket.emit('typing', { conversationId, typing });
  }

  // ── socket ─────────────────────────────────────────────────────────────────────────────────

  /** Opens the socket (done by `start`); it reconnects by itself and catches up on what it missed. */
  connect(): void {
    if (this.socket || !this.session || this.closed) return;
    const socket: VisitorSocket = io(`${this.url}${VISITOR_NAMESPACE}`, {
      path: SOCKET_PATH,
      auth: (cb) => cb({ token: this.session?.token ?? '' }),
      ...this.socketOptions,
    });
    this.socket = socket;
    this.setConnection('connecting');

    socket.on('connect', () => {
      this.epoch += 1;
      void this.catchUp(socket, this.epoch);
      void this.flush();
    });
    socket.on('disconnect', () => {
      this.followed.forEach((state) => (state.synced = false));
      this.setConnection(socket.active ? 'offline' : 'idle');
    });
    socket.on('connect_error', () => this.setConnection('offline'));
    socket.on('message:new', (message) => this.ingest(message, true));
    socket.on('conversation:updated', (conversation) => this.reportChange(conversation));
    socket.on('typing:changed', (payload) => this.emit('typing', payload));
    socket.on('agent:presence', (payload) => this.emit('availability', payload));
    socket.on('bot:stream', (payload) => this.emit('stream', payload));
    socket.on('queue:position', (payload) => this.emit('queue', payload));
  }

  /** Closes the socket; messages not yet sent stay queued for the next `connect`. */
  disconnect(): void {
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.followed.forEach((state) => (state.synced = false));
    this.setConnection('idle');
  }

  /** Closes the client for good: the socket, and every unsent message is rejected. */
  close(): void {
    this.closed = true;
    this.disconnect();
    for (const item of this.outbox.splice(0)) item.reject(new LivechatApiError(0, 'The client was closed'));
  }

  /** Another visitor from now on: nothing of the previous one's conversations is kept. */
  private resetConversations() {
    this.seen.clear();
    this.timelines.clear();
    this.followed.clear();
    for (const item of this.outbox.splice(0)) this.refuse(item, new LivechatApiError(0, 'The session changed'));
    this.failed.clear();
  }

  private setConnection(state: ConnectionState) {
    if (this.connection === state) return;
    this.connection = state;
    this.emit('connection', state);
  }

  /**
   * After (re)connecting: asks every followed conversation for what came after its cursor, and for its
   * state, since a status, assignee or queue change pushed during the cut is not replayed.
   */
  private async catchUp(socket: VisitorSocket, epoch: number) {
    await Promise.all(
      [...this.followed.keys()].flatMap((id) => [this.replay(socket, id, epoch), this.refreshConversation(id)]),
    );
    if (socket.connected && epoch === this.epoch) this.setConnection('online');
  }

  /** Reports the conversation again if it changed since it was last reported. Best effort: a failure waits for the next reconnect. */
  private async refreshConversation(conversationId: number) {
    try {
      const conversation = await this.http(VISITOR_ROUTES.getVisitorConversation, { params: { id: conversationId } });
      if (this.followed.has(conversationId)) this.reportChange(conversation);
    } catch {
      // The socket's own replay decides whether the conversation is still followed.
    }
  }

  private async replay(socket: VisitorSocket, conversationId: number, epoch: number): Promise<void> {
    const state = this.followed.get(conversationId);
    if (!state || state.replayEpoch === epoch) return;
    state.replayEpoch = epoch;
    try {
      for (let attempt = 0; socket.connected && epoch === this.epoch; attempt += 1) {
        try {
          let after = state.cursor;
          for (;;) {
            // socket.io types an ack with a timeout as `any`: the contract names it.
            const ack: Ack<ListMessages.Response> = await socket
              .timeout(this.ackTimeoutMs)
              .emitWithAck('messages:since', { conversationId, after });
            if (!ack.ok) throw new LivechatApiError(ack.error.status, ack.error.message, ack.error.field);
            ack.data.results.forEach((message) => this.ingest(message));
            if (ack.data.results.length) after = ack.data.results[ack.data.results.length - 1].id;
            if (!ack.data.hasMore) break;
          }
          this.caughtUp(conversationId, after, epoch);
          return;
        } catch (error) {
          // A conversation that is gone (deleted contact data) is no longer followed.
          if (error instanceof LivechatApiError && !retryable(error.status)) {
            this.followed.delete(conversationId);
            return;
          }
          await delay(Math.min(10_000, 500 * 2 ** attempt));
        }
      }
    } finally {
      if (state.replayEpoch === epoch) state.replayEpoch = 0;
    }
  }

  /**
   * A complete fetch ended at `lastId`. If the socket stayed connected since before it began, every
   * live message since is known too, so the cursor moves to the newest message held.
   */
  private caughtUp(conversationId: number, lastId: number, epoch: number) {
    const state = this.followed.get(conversationId);
    if (!state) return;
    state.cursor = Math.max(state.cursor, lastId);
    if (this.socket?.connected && epoch === this.epoch) {
      const held = this.timelines.get(conversationId) ?? [];
      state.cursor = Math.max(state.cursor, held.length ? held[held.length - 1].id : 0);
      state.synced = true;
    }
  }

  private follow(conversationId: number, complete: boolean): Followed {
    let state = this.followed.get(conversationId);
    if (!state) {
      // A conversation just created has no history: it is complete from the start.
      state = { cursor: 0, synced: complete && !!this.socket?.connected, replayEpoch: 0 };
      this.followed.set(conversationId, state);
    }
    return state;
  }

  /** Adds a stored message once; a live one moves the cursor only while the conversation is in sync. */
  private ingest(message: Message, live = false) {
    const state = this.follow(message.conversationId, false);
    if (live && state.synced) state.cursor = Math.max(state.cursor, message.id);
    if (this.seen.has(message.id)) return;
    this.seen.add(message.id);
    const list = this.timelines.get(message.conversationId) ?? [];
    let index = list.length;
    while (index > 0 && list[index - 1].id > message.id) index -= 1;
    list.splice(index, 0, message);
    this.timelines.set(message.conversationId, list);
    this.emit('message', message);
  }

  /** Sends queued messages one at a time, in order, each until acknowledged or refused. */
  private async flush() {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.outbox.length > 0 && this.socket?.connected) {
        const item = this.outbox[0];
        const outcome = await this.attempt(this.socket, item);
        if (outcome === 'retry') {
          await delay(Math.min(10_000, 250 * 2 ** Math.min(item.pending.attempts, 6)));
          continue;
        }
        this.outbox.shift();
      }
    } finally {
      this.flushing = false;
    }
    if (this.outbox.length > 0 && this.socket?.connected) void this.flush();
  }

  private async attempt(socket: VisitorSocket, item: Outgoing): Promise<'done' | 'retry'> {
    const { pending } = item;
    pending.attempts += 1;
    let ack: Ack<Message>;
    try {
      ack = await socket.timeout(this.ackTimeoutMs).emitWithAck('message:send', {
        conversationId: pending.conversationId,
        clientId: pending.clientId,
        text: pending.text,
      });
    } catch {
      return 'retry'; // no ack in time (or the socket dropped): send again, the clientId keeps it single
    }
    if (ack.ok) {
      pending.state = 'sent';
      this.ingest(ack.data);
      this.emit('pending', { ...pending });
      item.resolve(ack.data);
      return 'done';
    }
    const error = new LivechatApiError(ack.error.status, ack.error.message, ack.error.field);
    return this.afterError(item, error) === 'failed' ? 'done' : 'retry';
  }

  /**
   * The one rule for a message the server answered with an error, on any path: a 4xx fails it at once,
   * a 5xx after `maxServerErrors` of them; a 429, a 408 or no answer is retried.
   */
  private afterError(item: Outgoing, error: LivechatApiError): 'retry' | 'failed' {
    if (error.status >= 500) item.serverErrors += 1;
    const givesUp = error.status >= 500 ? item.serverErrors >= this.maxServerErrors : !retryable(error.status);
    if (!givesUp) return 'retry';
    this.refuse(item, error);
    return 'failed';
  }

  private refuse(item: Outgoing, error: LivechatApiError) {
    item.pending.state = 'failed';
    item.pending.error = error;
    this.failed.set(item.pending.clientId, { ...item.pending });
    this.emit('pending', { ...item.pending });
    item.reject(error);
  }
}

/** Creates a headless live-chat client for the Strapi server at `options.url`. */
export function createLivechatClient(options: LivechatClientOptions): LivechatClient {
  return new LivechatClient(options);
}
