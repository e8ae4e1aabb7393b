import type { Core } from '@strapi/strapi';
import {
  GiveFeedback,
  IdentifyVisitor,
  LeaveOfflineMessage,
  ListMessages,
  RateConversation,
  RecordPageView,
  SendMessage,
  StartConversation,
  StartSession,
} from '../../plugin/contracts/visitor';
import { pluginConfig } from '../config';
import { service } from '../services/registry';
import { action, body, idParam, query, visitorOf } from './http';

/** The visitor API under /api/livechat: no Strapi login, the visitor token is the key. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const conversations = () => service(strapi, 'conversations');
  const ownConversation = async (ctx: Parameters<Parameters<typeof action>[0]>[0]) => {
    const contactId = await visitorOf(strapi, ctx);
    return { contactId, conversation: await conversations().loadForVisitor(idParam(ctx), contactId) };
  };

  return {
    startSession: action(async (ctx) => {
      const input = body(ctx, StartSession.body);
      await service(strapi, 'rate-limits').sessionStart(ctx.request.ip);
      const contact = await service(strapi, 'contacts').createVisitor(input, ctx.request.headers);
      ctx.status = 201;
      return {
        token: service(strapi, 'visitor-tokens').issue(contact.id),
        contact: { id: contact.id, name: contact.name, email: contact.email },
      };
    }),

    startConversation: action(async (ctx) => {
      const contactId = await visitorOf(strapi, ctx);
      const { pageUrl, locale, text, clientId, proactiveRuleId } = body(
        ctx,
        StartConversation.body(pluginConfig(strapi).maxMessageLength),
      );
      // The text comes from the settings, never from the client; a rule disabled meanwhile is left out.
      const rule = proactiveRuleId
        ? await service(strapi, 'desk-settings').enabledProactiveRule(proactiveRuleId)
        : null;
      const messages = service(strapi, 'messages');
      const row = await conversations().startForVisitor(
        contactId,
        { pageUrl, locale, userAgent: ctx.request.header['user-agent'] ?? null, ip: ctx.request.ip },
        text || rule
          ? async (started) => {
              if (rule) await messages.sendAsBot(started.id, { text: rule.message, clientId: `proactive-${rule.id}` });
              if (text)
                await messages.sendAsVisitor(contactId, started.id, {
                  text,
                  clientId: clientId ?? `first-${started.id}`,
                });
            }
          : undefined,
      );
      ctx.status = 201;
      return conversations().presentForVisitor(await conversations().load(row.id));
    }),

    leaveOfflineMessage: action(async (ctx) => {
      const contactId = await visitorOf(strapi, ctx);
      const input = body(ctx, LeaveOfflineMessage.body(pluginConfig(strapi).maxMessageLength));
      const row = await service(strapi, 'offline-requests').leave(contactId, input, {
        userAgent: ctx.request.header['user-agent'] ?? null,
        ip: ctx.request.ip,
      });
      ctx.status = 201;
      return conversations().presentForVisitor(row);
    }),

    listConversations: action(async (ctx) => ({
      results: await conversations().listForVisitor(await visitorOf(strapi, ctx)),
    })),

    getConversation: action(async (ctx) => {
      const { conversation } = await ownConversation(ctx);
      return conversations().presentForVisitor(conversation);
    }),

    sendMessage: action(async (ctx) => {
      const { contactId, conversation } = await ownConversation(ctx);
      const input = body(ctx, SendMessage.body(pluginConfig(strapi).maxMessageLength));
      ctx.status = 201;
      return service(strapi, 'messages').sendAsVisitor(contactId, conversation.id, input);
    }),

    listMessages: action(async (ctx) => {
      const { conversation } = await ownConversation(ctx);
      const { after, limit } = query(ctx, ListMessages.query);
      const page = await service(strapi, 'messages').listAfter(conversation.id, after, limit);
      await conversations().markRead(conversation.id, 'visitor');
      return page;
    }),

    markRead: action(async (ctx) => {
      const { conversation } = await ownConversation(ctx);
      return conversations().presentForVisitor(await conversations().markRead(conversation.id, 'visitor'));
    }),

    feedback: action(async (ctx) => {
      const contactId = await visitorOf(strapi, ctx);
      const messageId = idParam(ctx, 'messageId');
      const input = body(ctx, GiveFeedback.body);
      return service(strapi, 'feedback').give(contactId, idParam(ctx), messageId, input);
    }),

    requestHuman: action(async (ctx) => {
      const { conversation } = await ownConversation(ctx);
      return conversations().presentForVisitor(await conversations().requestHuman(conversation.id));
    }),

    end: action(async (ctx) => {
      const { conversation } = await ownConversation(ctx);
      return conversations().presentForVisitor(await conversations().endByVisitor(conversation.id));
    }),

    rate: action(async (ctx) => {
      const { conversation } = await ownConversation(ctx);
      const input = body(ctx, RateConversation.body);
      return conversations().presentForVisitor(await conversations().rate(conversation.id, input));
    }),

    identify: action(async (ctx) => {
      const contactId = await visitorOf(strapi, ctx);
      return service(strapi, 'contacts').identify(contactId, body(ctx, IdentifyVisitor.body));
    }),

    recordPage: action(async (ctx) => {
      const contactId = await visitorOf(strapi, ctx);
      await service(strapi, 'contacts').recordPage(contactId, body(ctx, RecordPageView.body));
    }),

    availability: action(() => service(strapi, 'presence').availability()),
  };
};
