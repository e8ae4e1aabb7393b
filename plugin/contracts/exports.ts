import { z } from 'zod';
import { ListConversations } from './agent';
import { booleanFlag } from './fields';
import { agentRoute } from './route';

/** The columns of a transcript CSV, in order: the record key and its header. */
export const TRANSCRIPT_COLUMNS = [
  { key: 'time', header: 'Time' },
  { key: 'kind', header: 'From' },
  { key: 'author', header: 'Author' },
  { key: 'text', header: 'Text' },
  { key: 'attachments', header: 'Attachments' },
] as const;

/** The columns of the conversations report CSV, in order: the record key and its header. */
export const REPORT_COLUMNS = [
  { key: 'id', header: 'Conversation ID' },
  { key: 'contactName', header: 'Contact name' },
  { key: 'contactEmail', header: 'Contact email' },
  { key: 'agent', header: 'Agent' },
  { key: 'team', header: 'Team' },
  { key: 'tags', header: 'Tags' },
  { key: 'status', header: 'Status' },
  { key: 'endReason', header: 'End reason' },
  { key: 'createdAt', header: 'Created' },
  { key: 'firstResponseAt', header: 'First response' },
  { key: 'endedAt', header: 'Ended' },
  { key: 'messages', header: 'Messages' },
  { key: 'visitorMessages', header: 'Visitor messages' },
  { key: 'agentMessages', header: 'Agent messages' },
] as const;

/** GET /livechat/conversations/:id/transcript.csv - the thread as CSV, internal notes included on request. */
export namespace ExportTranscript {
  export const route = agentRoute<string, undefined, Request>()('GET', '/conversations/:id/transcript.csv', 'export');
  export const query = z.object({ notes: booleanFlag.default(false) }).strict();
  export type Request = z.input<typeof query>;
}

/**
 * GET /livechat/conversations/report.csv - one CSV row per conversation matching the list's filters
 * (every match, oldest first; no paging or sort).
 */
export namespace ExportReport {
  export const route = agentRoute<string, undefined, Request>()('GET', '/conversations/report.csv', 'export');
  export const query = ListConversations.query.omit({ page: true, pageSize: true, sort: true });
  export type Request = z.input<typeof query>;
}
