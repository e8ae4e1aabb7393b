import type { Core } from '@strapi/strapi';
import { table } from './table';
import type * as Rows from './rows';

/** Every table the plugin owns, one typed accessor each. */
export function tables(strapi: Core.Strapi) {
  return {
    conversations: table<Rows.ConversationRow>(strapi, 'conversation'),
    messages: table<Rows.MessageRow>(strapi, 'message'),
    notes: table<Rows.NoteRow>(strapi, 'note'),
    tags: table<Rows.TagRow>(strapi, 'tag'),
    contacts: table<Rows.ContactRow>(strapi, 'contact'),
    journey: table<Rows.JourneyEventRow>(strapi, 'journey-event'),
    escalations: table<Rows.EscalationRow>(strapi, 'escalation'),
    cannedMessages: table<Rows.CannedMessageRow>(strapi, 'canned-message'),
    endReasons: table<Rows.EndReasonRow>(strapi, 'end-reason'),
    teams: table<Rows.TeamRow>(strapi, 'team'),
    failedResponses: table<Rows.FailedResponseRow>(strapi, 'failed-response'),
    knowledgeEntries: table<Rows.KnowledgeEntryRow>(strapi, 'knowledge-entry'),
  };
}

export type Tables = ReturnType<typeof tables>;
export type { Rows };
