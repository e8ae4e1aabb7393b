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
  // A token whose contact was erased (or never existed) is refused here; erasure disconnects open sockets.
  visitors.use((socket, next) => {
    service(strapi, 'visitor-tokens')
      .contactOf(socket.handshake.auth?.token)
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
    track(
      contacts()
        .seen(contactId, socket.id, true)
        // Erased between the handshake and joining the room: the erasure's disconnect missed this socket.
        .then(({ stored }) => (stored ? announcePresence(true) : socket.disconnect(true))),
    );
    socket.emit(EVENTS.agentPresence, { online: service(strapi, 'presence').online().length > 0 });

    socket.on(
      EVENTS.messageSend,
      acknowledged(
        strapi,
        SocketPayloads.messageSend(pluginConfig(strapi).maxMessageLength),
        ({ conversationId, clientId, text }) =>
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
          .seen(contactId, socket.id, false)
          .then(({ online }) => online || announcePresence(false)),
      );
    });
  });
}
