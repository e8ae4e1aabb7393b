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
    const announcePresence = (online: boolean) =>
      agents.to(rooms.allConversations).to(rooms.queue).emit(EVENTS.visitorPresence, { contactId, online });

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
