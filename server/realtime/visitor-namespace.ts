import type { Core } from '@strapi/strapi';
import type { Namespace, Socket } from 'socket.io';
import { EVENTS, SocketPayloads } from '../../plugin/events';
import { pluginConfig } from '../config';
import { service } from '../services/registry';
import { acknowledged } from './acks';
import { rooms } from './rooms';

/** Visitor sockets: authenticated by the visitor token; a socket reaches only its own conversations. */
export function setUpVisitorNamespace(
  strapi: Core.Strapi,
  visitors: Namespace,
  agents: Namespace,
  track: (work: Promise<unknown>) => void,
) {
  // Built once: a zod schema per socket costs every handshake CPU and every idle socket memory.
  const messageSend = SocketPayloads.messageSend(pluginConfig(strapi).maxMessageLength);
  const announcer = presenceAnnouncer(agents, track);
  // A token whose contact was erased (or never existed) is refused here; erasure disconnects open sockets.
  // An erasure racing a handshake cannot slip between them: the room join below runs in the same turn of
  // the event loop as the answer of the `lastSeenAt` write that found the contact, and the erasure's
  // disconnect needs a later turn (its own database answer, or a message through Redis).
  visitors.use((socket, next) => {
    service(strapi, 'visitor-tokens')
      .contactArriving(socket.handshake.auth?.token)
      .then(
        (contactId) => {
          socket.data.contactId = contactId;
          next();
        },
        (error: Error) => next(new Error(error.message)),
      );
  });

  visitors.on('connection', (socket: Socket) => {
    const contactId = socket.data.contactId as number;
    const contacts = () => service(strapi, 'contacts');
    const own = (conversationId: number) => service(strapi, 'conversations').loadForVisitor(conversationId, contactId);
    const announcePresence = (online: boolean) => announcer.announce(contactId, online);

    void socket.join(rooms.contact(contactId));
    contacts().arrived(contactId, socket.id);
    announcePresence(true);
    socket.emit(EVENTS.agentPresence, { online: service(strapi, 'presence').online().length > 0 });

    socket.on(
      EVENTS.messageSend,
      acknowledged(strapi, messageSend, ({ conversationId, clientId, text }) =>
        service(strapi, 'messages').sendAsVisitor(contactId, conversationId, { clientId, text }),
      ),
    );

    socket.on(
      EVENTS.messagesSince,
      acknowledged(strapi, SocketPayloads.messagesSince, async ({ conversationId, after }) => {
        await own(conversationId);
        return service(strapi, 'messages').listAfter(conversationId, after, 500);
      }),
    );

    socket.on(
      EVENTS.conversationRead,
      acknowledged(strapi, SocketPayloads.conversation, async ({ conversationId }) => {
        const conversations = service(strapi, 'conversations');
        await own(conversationId);
        return conversations.presentForVisitor(await conversations.markRead(conversationId, 'visitor'));
      }),
    );

    socket.on(
      EVENTS.typing,
      acknowledged(strapi, SocketPayloads.typing, async ({ conversationId, typing }) => {
        await own(conversationId);
        agents
          .to(rooms.watching(conversationId))
          .emit(EVENTS.typingChanged, { conversationId, typing, authorKind: 'visitor', name: null });
      }),
    );

    socket.on('disconnect', () => {
      track(
        contacts()
          .left(contactId, socket.id)
          .then((online) => online || announcePresence(false)),
      );
    });
  });
}

/** How long visitors' online changes gather before agents are told: through Redis, every emit is a publish. */
const ANNOUNCE_MS = 50;

/**
 * Tells agents which visitors came online or went away, in one emit per `ANNOUNCE_MS` (the latest state
 * of each visitor): after a deploy thousands of visitors come back within seconds.
 */
function presenceAnnouncer(agents: Namespace, track: (work: Promise<unknown>) => void) {
  let changes = new Map<number, boolean>();
  const flush = () => {
    const visitors = [...changes].map(([contactId, online]) => ({ contactId, online }));
    changes = new Map();
    agents.to(rooms.allConversations).to(rooms.queue).emit(EVENTS.visitorPresence, { visitors });
  };
  return {
    announce(contactId: number, online: boolean) {
      // Tracked, so shutting down waits for the last emit instead of sending it through a closed adapter.
      if (changes.size === 0) track(new Promise((resolve) => setTimeout(resolve, ANNOUNCE_MS)).then(flush));
      changes.set(contactId, online);
    },
  };
}
