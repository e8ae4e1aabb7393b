// The baseline: a bare socket.io server on the plugin's path and namespaces, with no auth and no
// persistence. It relays `message:send` to the agents watching the conversation, then acknowledges,
// in the same order as the plugin (fan-out before the ack).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { Server } from 'socket.io';
import { AGENT_NAMESPACE, EVENTS, SOCKET_PATH, VISITOR_NAMESPACE } from './contract.mjs';

const watching = (conversationId) => `watch:${conversationId}`;

/** Starts the bare relay on 127.0.0.1 and hands out conversations the way the playground setup does. */
export async function startBareRelay() {
  const httpServer = http.createServer();
  const io = new Server(httpServer, { path: SOCKET_PATH });
  const visitors = io.of(VISITOR_NAMESPACE);
  const agents = io.of(AGENT_NAMESPACE);
  let nextMessageId = 0;

  agents.on('connection', (socket) => {
    socket.on(EVENTS.conversationWatch, ({ conversationId }, ack) => {
      socket.join(watching(conversationId));
      ack({ ok: true, data: null });
    });
  });

  visitors.on('connection', (socket) => {
    socket.on(EVENTS.messageSend, ({ conversationId, clientId, text }, ack) => {
      nextMessageId += 1;
      const message = {
        id: nextMessageId,
        conversationId,
        authorKind: 'visitor',
        text,
        clientId,
        createdAt: new Date().toISOString(),
      };
      agents.to(watching(conversationId)).emit(EVENTS.messageNew, message);
      ack({ ok: true, data: message });
    });
  });

  await new Promise((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${httpServer.address().port}`;
  return {
    url,
    httpServer,
    watcher: { id: 1, token: 'bare' },
    openConversation: async (index) => ({
      token: randomUUID(),
      contactId: index + 1,
      conversationId: index + 1,
    }),
    async stop() {
      io.disconnectSockets(true);
      await new Promise((resolve) => io.close(() => resolve()));
    },
  };
}
