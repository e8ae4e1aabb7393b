import type { Conversation, Escalation, Message, VisitorConversation } from './contracts/entities';
import type { QueuePositionPayload } from './contracts/routing';
import { z } from 'zod';
import { clientIdField, idField, requiredText } from './contracts/fields';
import { PRESENCE, type Presence } from './lifecycle';

/** What every acknowledged socket request answers: the result, or an error shaped like a REST error. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: { status: number; message: string; field?: string } };

/** Socket event names, shared by the gateway, the inbox and the headless client. */
export const EVENTS = {
  // client → server (acknowledged)
  messageSend: 'message:send',
  messagesSince: 'messages:since',
  conversationWatch: 'conversation:watch',
  conversationUnwatch: 'conversation:unwatch',
  /** The sender has read the thread up to now (visitor, or the assigned agent): the other side sees "Seen". */
  conversationRead: 'conversation:read',
  typing: 'typing',
  presenceSet: 'presence:set',
  authRefresh: 'auth:refresh',
  // server → client
  messageNew: 'message:new',
  conversationUpdated: 'conversation:updated',
  conversationRemoved: 'conversation:removed',
  typingChanged: 'typing:changed',
  agentPresence: 'agent:presence',
  visitorPresence: 'visitor:presence',
  escalationUpdated: 'escalation:updated',
  botStream: 'bot:stream',
  queuePosition: 'queue:position',
} as const;

export interface MessageSendPayload {
  conversationId: number;
  clientId: string;
  text: string;
}

export interface MessagesSincePayload {
  conversationId: number;
  after: number;
}

export interface TypingPayload {
  conversationId: number;
  typing: boolean;
}

export interface TypingChangedPayload extends TypingPayload {
  authorKind: 'visitor' | 'agent';
  name: string | null;
}

/**
 * A piece of a bot answer while the model writes it. `streamId` equals the `clientId` of the bot message
 * stored when the answer is complete: that `message:new` replaces the streamed text (it may differ when
 * the model failed half-way and the bot fell back to another answer).
 */
export interface BotStreamPayload {
  conversationId: number;
  streamId: string;
  delta: string;
}

/** Events the server pushes to visitors. */
export interface VisitorServerEvents {
  'message:new': (message: Message) => void;
  'conversation:updated': (conversation: VisitorConversation) => void;
  'typing:changed': (payload: TypingChangedPayload) => void;
  'agent:presence': (payload: { online: boolean }) => void;
  'bot:stream': (payload: BotStreamPayload) => void;
  'queue:position': (payload: QueuePositionPayload) => void;
}

/** A visitor's online state changed: they opened their first socket, or closed their last one. */
export interface VisitorPresenceChange {
  contactId: number;
  online: boolean;
}

/** Events the server pushes to agents. */
export interface AgentServerEvents {
  'message:new': (message: Message) => void;
  'conversation:updated': (conversation: Conversation) => void;
  'conversation:removed': (payload: { id: number }) => void;
  'typing:changed': (payload: TypingChangedPayload) => void;
  'agent:presence': (payload: { agentId: number; presence: Presence }) => void;
  /** Visitors who came online or went away, gathered over a few milliseconds (a reconnect storm is one emit in many). */
  'visitor:presence': (payload: { visitors: VisitorPresenceChange[] }) => void;
  'escalation:updated': (escalation: Escalation) => void;
  'bot:stream': (payload: BotStreamPayload) => void;
}

/** Requests a visitor socket may send. */
export interface VisitorClientEvents {
  'message:send': (payload: MessageSendPayload, ack: (res: Ack<Message>) => void) => void;
  'messages:since': (
    payload: MessagesSincePayload,
    ack: (res: Ack<{ results: Message[]; hasMore: boolean }>) => void,
  ) => void;
  typing: (payload: TypingPayload) => void;
  'conversation:read': (payload: { conversationId: number }, ack: (res: Ack<VisitorConversation>) => void) => void;
}

/** Requests an agent socket may send. */
export interface AgentClientEvents extends Omit<VisitorClientEvents, 'conversation:read'> {
  'conversation:read': (payload: { conversationId: number }, ack: (res: Ack<Conversation>) => void) => void;
  'conversation:watch': (payload: { conversationId: number }, ack: (res: Ack<null>) => void) => void;
  'conversation:unwatch': (payload: { conversationId: number }, ack: (res: Ack<null>) => void) => void;
  'presence:set': (payload: { presence: Presence }, ack: (res: Ack<{ presence: Presence }>) => void) => void;
  'auth:refresh': (payload: { token: string }, ack: (res: Ack<{ expiresAt: number }>) => void) => void;
}

/** Socket payload schemas: the gateway validates with them exactly as REST validates bodies. */
export const SocketPayloads = {
  messageSend: (maxLength: number) =>
    z.object({ conversationId: idField, clientId: clientIdField, text: requiredText(maxLength) }).strict(),
  messagesSince: z
    .object({
      conversationId: idField,
      after: z.number({ error: 'must be a number' }).int().min(0, 'must not be negative'),
    })
    .strict(),
  conversation: z.object({ conversationId: idField }).strict(),
  typing: z.object({ conversationId: idField, typing: z.boolean({ error: 'must be true or false' }) }).strict(),
  presence: z.object({ presence: z.enum(PRESENCE, { error: 'must be online, away or offline' }) }).strict(),
  authRefresh: z.object({ token: z.string({ error: 'must be a string' }).min(1, 'must not be empty') }).strict(),
};
