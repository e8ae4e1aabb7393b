import type { Core } from '@strapi/strapi';
import type { Namespace } from 'socket.io';
import { EVENTS } from '../../plugin/events';
import * as serialize from '../serialize';
import { service } from '../services/registry';
import type { ContactRow, ConversationRow } from '../store/rows';
import { rooms } from './rooms';

/**
 * The socket fan-out: each of the services' events becomes emits to the rooms that should hear it (the
 * visitor's, the conversation's watchers, the agents whose lists show it). `track` keeps work that reads
 * the database first, so that the gateway's shutdown waits for it. Returns the unsubscribe function.
 */
export function listenForFanOut(
  strapi: Core.Strapi,
  { visitors, agents, track }: { visitors: Namespace; agents: Namespace; track: (work: Promise<unknown>) => void },
) {
  const conversations = () => service(strapi, 'conversations');
  /** Everyone whose conversation lists show this conversation. */
  const listRooms = (status: string, assigneeIds: Array<number | null>) => [
    rooms.allConversations,
    ...(status === 'queued' ? [rooms.queue] : []),
    ...assigneeIds.filter((id): id is number => id !== null).map(rooms.agent),
  ];

  // A burst of messages updates each conversation's list row once: the rows are collected for one turn
  // of the event loop and presented together (one contacts query and one agents query for the lot).
  const listUpdates = new Map<number, { row: ConversationRow; contact?: ContactRow }>();
  const pushListUpdates = async () => {
    const updates = [...listUpdates.values()];
    listUpdates.clear();
    const rows = updates.map((update) => update.row);
    const contacts = updates.flatMap((update) => (update.contact ? [update.contact] : []));
    const presented = await conversations().present(rows, contacts);
    rows.forEach((row, i) =>
      agents.to(listRooms(row.status, [row.assigneeId])).emit(EVENTS.conversationUpdated, presented[i]),
    );
  };

  const events = service(strapi, 'events');
  const unsubscribes = [
    events.on('message:created', ({ message, conversation, contact }) => {
      visitors.to(rooms.contact(conversation.contactId)).emit(EVENTS.messageNew, message);
      agents.to(rooms.watching(conversation.id)).emit(EVENTS.messageNew, message);
      if (listUpdates.size === 0) {
        track(new Promise<void>((resolve) => setImmediate(resolve)).then(pushListUpdates));
      }
      listUpdates.set(conversation.id, { row: conversation, contact });
    }),
    events.on('conversation:changed', ({ conversation, previousStatus, previousAssigneeId }) => {
      // This row is newer than a list update still waiting from an earlier message.
      listUpdates.delete(conversation.id);
      track(
        Promise.all([conversations().presentOne(conversation), conversations().presentForVisitor(conversation)]).then(
          ([forAgents, forVisitor]) => {
            const targets = listRooms(conversation.status, [conversation.assigneeId, previousAssigneeId]);
            if (previousStatus === 'queued') targets.push(rooms.queue);
            agents.to(targets).to(rooms.watching(conversation.id)).emit(EVENTS.conversationUpdated, forAgents);
            visitors.to(rooms.contact(conversation.contactId)).emit(EVENTS.conversationUpdated, forVisitor);
          },
        ),
      );
    }),
    events.on('conversation:removed', ({ id, assigneeId }) => {
      agents
        .to(listRooms('removed', [assigneeId]))
        .to(rooms.queue)
        .emit(EVENTS.conversationRemoved, { id });
    }),
    events.on('contact:erased', ({ contactId }) => {
      // Through the Redis adapter this reaches the contact's sockets on every instance.
      visitors.in(rooms.contact(contactId)).disconnectSockets(true);
    }),
    events.on('escalation:changed', ({ escalation, conversation }) => {
      track(
        (async () => {
          const team = escalation.toTeamId
            ? await service(strapi, 'settings').requireTeam(escalation.toTeamId, 'toTeamId')
            : null;
          const recipients = [
            escalation.fromAgentId,
            escalation.toAgentId,
            conversation.assigneeId,
            ...(team?.memberIds ?? []),
          ];
          agents
            .to(listRooms('escalation', recipients))
            .emit(EVENTS.escalationUpdated, serialize.escalation(escalation));
          // The visitor sees when a pending escalation should be resolved.
          visitors
            .to(rooms.contact(conversation.contactId))
            .emit(EVENTS.conversationUpdated, await conversations().presentForVisitor(conversation));
        })(),
      );
    }),
    events.on('queue:position', ({ contactId, position }) => {
      visitors.to(rooms.contact(contactId)).emit(EVENTS.queuePosition, position);
    }),
    events.on('bot:stream', ({ contactId, ...piece }) => {
      visitors.to(rooms.contact(contactId)).emit(EVENTS.botStream, piece);
      agents.to(rooms.watching(piece.conversationId)).emit(EVENTS.botStream, piece);
    }),
    events.on('agent:presence', ({ agentId, presence }) => {
      agents.emit(EVENTS.agentPresence, { agentId, presence });
      visitors.emit(EVENTS.agentPresence, { online: service(strapi, 'presence').online().length > 0 });
    }),
  ];

  return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
}
