import type { Core } from '@strapi/strapi';
import {
  AddToKnowledgeBase,
  BroadcastFollowUp,
  ListFailedResponses,
  MapToKnowledgeEntry,
  SaveReplyToKnowledge,
  SearchKnowledgeEntries,
} from '../../plugin/contracts/failed-responses';
import { service } from '../services/registry';
import { action, body, idParam, query, viewerOf } from './http';

/** Failed-response review (permission: manage knowledge); each action parses input and calls the service. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const failedResponses = () => service(strapi, 'failed-responses');
  return {
    list: action(async (ctx) => failedResponses().list(query(ctx, ListFailedResponses.query))),

    get: action(async (ctx) => failedResponses().get(idParam(ctx))),

    addKnowledgeEntry: action(async (ctx) => {
      const id = idParam(ctx);
      const input = body(ctx, AddToKnowledgeBase.body);
      ctx.status = 201;
      return failedResponses().addKnowledgeEntry(id, input);
    }),

    saveReply: action(async (ctx) => {
      const conversationId = idParam(ctx);
      const { messageId } = body(ctx, SaveReplyToKnowledge.body);
      ctx.status = 201;
      return failedResponses().saveReplyToKnowledge(conversationId, messageId, viewerOf(strapi, ctx));
    }),

    map: action(async (ctx) => {
      const id = idParam(ctx);
      const { entryDocumentId } = body(ctx, MapToKnowledgeEntry.body);
      return failedResponses().mapToEntry(id, entryDocumentId);
    }),

    resolve: action(async (ctx) => failedResponses().close(idParam(ctx), 'resolve')),

    dismiss: action(async (ctx) => failedResponses().close(idParam(ctx), 'dismiss')),

    broadcast: action(async (ctx) => {
      const id = idParam(ctx);
      const input = body(ctx, BroadcastFollowUp.body);
      return failedResponses().broadcast(id, input, viewerOf(strapi, ctx));
    }),

    searchEntries: action(async (ctx) => ({
      results: await failedResponses().searchEntries(query(ctx, SearchKnowledgeEntries.query).q),
    })),
  };
};
