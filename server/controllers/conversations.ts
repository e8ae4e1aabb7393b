import type { Core } from '@strapi/strapi';
import {
  AddNote,
  AssignConversation,
  EndConversation,
  Escalate,
  ListConversations,
  SetConversationTags,
  StartAgentConversation,
  TransferConversation,
} from '../../plugin/contracts/agent';
import { ListMessages, SendMessage } from '../../plugin/contracts/visitor';
import { pluginConfig } from '../config';
import { service } from '../services/registry';
import { action, body, idParam, query, requirePermission, viewerOf } from './http';

/** Agent routes for conversations; each action parses input, calls one service, shapes the answer. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const conversations = () => service(strapi, 'conversations');
  const present = async (row: Awaited<ReturnType<ReturnType<typeof conversations>['load']>>) =>
    conversations().presentOne(row);

  return {
    list: action(async (ctx) => conversations().list(query(ctx, ListConversations.query), viewerOf(strapi, ctx))),

    get: action(async (ctx) => {
      const viewer = viewerOf(strapi, ctx);
      const row = await conversations().loadForAgent(idParam(ctx), viewer);
      const [conversation, messages, notes, escalations] = await Promise.all([
        present(row),
        service(strapi, 'messages').listAfter(row.id, 0, 500),
        service(strapi, 'notes').list(row.id),
        service(strapi, 'escalations').forConversation(row.id),
      ]);
      if (row.assigneeId === viewer.id) await conversations().markRead(row.id, 'agent');
      return { ...conversation, messages: messages.results, notes, escalations };
    }),

    markRead: action(async (ctx) =>
      present(await conversations().markReadByAgent(idParam(ctx), viewerOf(strapi, ctx))),
    ),

    start: action(async (ctx) => {
      const viewer = viewerOf(strapi, ctx);
      const input = body(ctx, StartAgentConversation.body(pluginConfig(strapi).maxMessageLength));
      const row = await conversations().startForAgent(viewer, input.contactId);
      if (input.text) {
        await service(strapi, 'messages').sendAsAgent(viewer, row.id, {
          clientId: `first-${row.id}`,
          text: input.text,
        });
      }
      ctx.status = 201;
      return present(await conversations().load(row.id));
    }),

    listMessages: action(async (ctx) => {
      const row = await conversations().loadForAgent(idParam(ctx), viewerOf(strapi, ctx));
      const { after, limit } = query(ctx, ListMessages.query);
      return service(strapi, 'messages').listAfter(row.id, after, limit);
    }),

    sendMessage: action(async (ctx) => {
      const viewer = viewerOf(strapi, ctx);
      const id = idParam(ctx);
      const input = body(ctx, SendMessage.body(pluginConfig(strapi).maxMessageLength));
      ctx.status = 201;
      return service(strapi, 'messages').sendAsAgent(viewer, id, input);
    }),

    pick: action(async (ctx) => present(await conversations().pick(idParam(ctx), viewerOf(strapi, ctx)))),

    takeOver: action(async (ctx) => present(await conversations().takeOver(idParam(ctx), viewerOf(strapi, ctx)))),

    assign: action(async (ctx) => {
      const viewer = viewerOf(strapi, ctx);
      const id = idParam(ctx);
      const { agentId } = body(ctx, AssignConversation.body);
      if (agentId !== viewer.id) requirePermission(viewer, 'assign');
      return present(await conversations().assign(id, agentId, viewer));
    }),

    transfer: action(async (ctx) => {
      const id = idParam(ctx);
      const input = body(ctx, TransferConversation.body);
      return present(await conversations().transfer(id, input, viewerOf(strapi, ctx)));
    }),

    end: action(async (ctx) => {
      const id = idParam(ctx);
      const input = body(ctx, EndConversation.body);
      return present(await conversations().end(id, input, viewerOf(strapi, ctx)));
    }),

    reopen: action(async (ctx) => present(await conversations().reopen(idParam(ctx), viewerOf(strapi, ctx)))),

    setTags: action(async (ctx) => {
      const viewer = viewerOf(strapi, ctx);
      const id = idParam(ctx);
      const { tagIds } = body(ctx, SetConversationTags.body);
      await conversations().loadForAgent(id, viewer);
      return present(await conversations().setTags(id, tagIds, viewer));
    }),

    listNotes: action(async (ctx) => {
      const row = await conversations().loadForAgent(idParam(ctx), viewerOf(strapi, ctx));
      return { results: await service(strapi, 'notes').list(row.id) };
    }),

    addNote: action(async (ctx) => {
      const viewer = viewerOf(strapi, ctx);
      const id = idParam(ctx);
      const { text } = body(ctx, AddNote.body);
      const row = await conversations().loadForAgent(id, viewer);
      ctx.status = 201;
      return service(strapi, 'notes').add(row.id, viewer, text);
    }),

    escalate: action(async (ctx) => {
      const id = idParam(ctx);
      const input = body(ctx, Escalate.body);
      ctx.status = 201;
      return service(strapi, 'escalations').create(id, input, viewerOf(strapi, ctx));
    }),
  };
};
