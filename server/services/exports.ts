import type { Core } from '@strapi/strapi';
import { pipeline, Readable } from 'node:stream';
import { REPORT_COLUMNS, TRANSCRIPT_COLUMNS, type ExportReport } from '../../plugin/contracts/exports';
import { csvStream, csvText, isoOrEmpty } from '../exports/csv';
import { nextTurn } from '../next-turn';
import { tables } from '../store';
import { conversationListWhere } from '../store/conversation-queries';
import type { ContactRow, ConversationRow, MessageRow, NoteRow } from '../store/rows';
import { sqlNames, toMillis } from '../store/sql';
import type { Where } from '../store/table';
import type { Viewer } from '../viewer';
import { uses } from './registry';

type ReportQuery = ReturnType<typeof ExportReport.query.parse>;

/** Rows read per query while streaming the report: memory stays flat however many conversations match. */
const REPORT_PAGE = 250;
/** Messages read per query for a transcript. */
const TRANSCRIPT_PAGE = 1000;

type TranscriptRecord = Record<(typeof TRANSCRIPT_COLUMNS)[number]['key'], string>;
type ReportRecord = Record<(typeof REPORT_COLUMNS)[number]['key'], string | number>;

const isStreamAbort = (error: NodeJS.ErrnoException) => error.code === 'ERR_STREAM_PREMATURE_CLOSE';

/** Exports: a conversation's transcript (CSV or plain text) and the conversations report, streamed as CSV. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { agents } = uses(strapi, ['agents']);
  const db = tables(strapi);

  const authorOf = (message: MessageRow, contact: ContactRow | null) => {
    if (message.authorKind === 'visitor') return message.authorName ?? contact?.name ?? 'Visitor';
    if (message.authorKind === 'agent') return message.authorName ?? 'Agent';
    return message.authorKind === 'bot' ? 'Bot' : 'System';
  };

  const allMessages = async (conversationId: number) => {
    const messages: MessageRow[] = [];
    for (;;) {
      const page = await db.messages.findMany({
        where: { conversationId, id: { $gt: messages.at(-1)?.id ?? 0 } },
        orderBy: { id: 'asc' },
        limit: TRANSCRIPT_PAGE,
      });
      messages.push(...page);
      if (page.length < TRANSCRIPT_PAGE) return messages;
    }
  };

  /** The thread oldest first; internal notes interleaved by time when asked for. */
  const transcript = async (conversation: ConversationRow, withNotes: boolean): Promise<TranscriptRecord[]> => {
    const [messages, notes, contact] = await Promise.all([
      allMessages(conversation.id),
      withNotes
        ? db.notes.findMany({ where: { conversationId: conversation.id }, orderBy: { id: 'asc' } })
        : ([] as NoteRow[]),
      db.contacts.findOne({ id: conversation.contactId }),
    ]);
    const entries = [
      ...messages.map((message) => ({
        at: toMillis(message.createdAt) ?? 0,
        record: {
          time: isoOrEmpty(message.createdAt),
          kind: message.authorKind,
          author: authorOf(message, contact),
          text: message.text,
          attachments: (message.attachments ?? []).map((file) => `${file.name} (${file.url})`).join('\n'),
        },
      })),
      ...notes.map((note) => ({
        at: toMillis(note.createdAt) ?? 0,
        record: {
          time: isoOrEmpty(note.createdAt),
          kind: 'note',
          author: note.authorName ?? 'Agent',
          text: note.text,
          attachments: '',
        },
      })),
    ];
    // A stable sort: at the same instant, messages stay before notes and each keeps its order.
    return entries.sort((a, b) => a.at - b.at).map((entry) => entry.record);
  };

  /** Message counts per conversation (total, visitor, agent) for one page of the report: one grouped query. */
  const messageCounts = async (conversationIds: number[]) => {
    const { table, column } = sqlNames(strapi, 'message');
    const rows = (await strapi.db
      .connection(table)
      .select({ conversationId: column('conversationId'), authorKind: column('authorKind') })
      .count({ n: '*' })
      .whereIn(column('conversationId'), conversationIds)
      .groupBy(column('conversationId'), column('authorKind'))) as Array<{
      conversationId: number | string;
      authorKind: string;
      n: number | string;
    }>;
    const counts = new Map<number, { total: number; visitor: number; agent: number }>();
    for (const row of rows) {
      const id = Number(row.conversationId);
      const entry = counts.get(id) ?? { total: 0, visitor: 0, agent: 0 };
      const n = Number(row.n);
      entry.total += n;
      if (row.authorKind === 'visitor') entry.visitor += n;
      if (row.authorKind === 'agent') entry.agent += n;
      counts.set(id, entry);
    }
    return counts;
  };

  /** Report records, read page by page on an id cursor; each page costs a fixed number of queries. */
  async function* reportRecords(where: Where): AsyncGenerator<ReportRecord> {
    const teamNames = new Map((await db.teams.findMany()).map((team) => [team.id, team.name]));
    let after = 0;
    for (;;) {
      const cursor = { id: { $gt: after } };
      const page = await db.conversations.findMany({
        where: Object.keys(where).length > 0 ? { $and: [where, cursor] } : cursor,
        orderBy: { id: 'asc' },
        limit: REPORT_PAGE,
        populate: ['tags'],
      });
      if (page.length === 0) return;
      await nextTurn();
      after = page[page.length - 1].id;
      const ids = page.map((row) => row.id);
      const contactIds = [...new Set(page.map((row) => row.contactId))];
      const [contacts, assignees, counts] = await Promise.all([
        db.contacts.findMany({ where: { id: { $in: contactIds } }, select: ['id', 'name', 'email'] }),
        agents().summaries(page.map((row) => row.assigneeId)),
        messageCounts(ids),
      ]);
      const contactById = new Map(contacts.map((contact) => [contact.id, contact]));
      for (const row of page) {
        const contact = contactById.get(row.contactId);
        const count = counts.get(row.id);
        yield {
          id: row.id,
          contactName: contact?.name ?? '',
          contactEmail: contact?.email ?? '',
          agent: row.assigneeId ? (assignees.get(row.assigneeId)?.name ?? `#${row.assigneeId}`) : '',
          team: row.teamId ? (teamNames.get(row.teamId) ?? `#${row.teamId}`) : '',
          tags: (row.tags ?? []).map((tag) => tag.name).join(', '),
          status: row.status,
          endReason: row.endReason ?? '',
          createdAt: isoOrEmpty(row.createdAt),
          firstResponseAt: isoOrEmpty(row.firstResponseAt),
          endedAt: isoOrEmpty(row.endedAt),
          messages: count?.total ?? 0,
          visitorMessages: count?.visitor ?? 0,
          agentMessages: count?.agent ?? 0,
        };
      }
      if (page.length < REPORT_PAGE) return;
    }
  }

  return {
    /** The transcript as CSV (time, from, author, text, attachments). */
    async transcriptCsv(conversation: ConversationRow, withNotes: boolean) {
      return csvText([...TRANSCRIPT_COLUMNS], await transcript(conversation, withNotes));
    },

    /** The transcript as plain text, one line per message, for emails. */
    async transcriptText(conversation: ConversationRow, withNotes: boolean) {
      const records = await transcript(conversation, withNotes);
      return records
        .map((record) => {
          const who =
            record.kind === 'note' ? `Internal note by ${record.author}` : `${record.author} (${record.kind})`;
          const files = record.attachments ? `\n  Attachments: ${record.attachments.replace(/\n/g, ', ')}` : '';
          return `[${record.time}] ${who}: ${record.text}${files}`;
        })
        .join('\n');
    },

    /**
     * The conversations matching the list's filters (and what the viewer may see), one CSV row each,
     * as a stream: rows are read 1,000 at a time and written as the client reads, never all in memory.
     */
    async report(query: ReportQuery, viewer: Viewer): Promise<Readable> {
      const where = await conversationListWhere(db, query, { id: viewer.id, readAll: viewer.can('readAll') });
      const csv = csvStream([...REPORT_COLUMNS]);
      pipeline(Readable.from(reportRecords(where)), csv, (error) => {
        if (error && !isStreamAbort(error)) strapi.log.error(`livechat: report export failed: ${error.message}`);
      });
      return csv;
    },
  };
};
