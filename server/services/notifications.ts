import type { Core } from '@strapi/strapi';
import type { Message } from '../../plugin/contracts/entities';
import { escapeHtml } from '../escape-html';
import { tables } from '../store';
import type { AdminUserRow, ConversationRow, EscalationRow } from '../store/rows';
import { service } from './registry';

/** One email to the agent about a conversation at most this often, however many messages arrive. */
const OFFLINE_MAIL_THROTTLE_MS = 10 * 60 * 1000;

interface Email {
  to: string;
  subject: string;
  text: string;
  attachments?: Array<{ filename: string; content: string; contentType: string }>;
}

// Strapi's nodemailer provider sends `text` as the HTML part too when no `html` is given: visitor text
// would then be read as HTML. Every email carries an escaped HTML part of its own.
const asHtml = (text: string) => `<pre style="font-family: inherit; white-space: pre-wrap">${escapeHtml(text)}</pre>`;

/**
 * Emails through Strapi's email plugin: the notification address hears about every new escalation
 * (transcript attached), and an offline agent hears when their visitor writes. A failure is logged,
 * never thrown into the message path.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = tables(strapi);
  const pending = new Set<Promise<void>>();
  const lastOfflineMail = new Map<number, number>();
  let unsubscribe: Array<() => void> = [];

  const agentById = async (id: number | null) =>
    id === null ? null : ((await strapi.db.query('admin::user').findOne({ where: { id } })) as AdminUserRow | null);
  const agentName = (agent: AdminUserRow | null) => (agent ? service(strapi, 'agents').displayName(agent) : 'an agent');

  const deliver = (what: string, compose: () => Promise<Email | null>) => {
    const job = compose()
      .then(async (email) => {
        if (!email) return;
        await strapi
          .plugin('email')
          .service('email')
          .send({ ...email, html: asHtml(email.text) });
      })
      .catch((error: Error) => {
        strapi.log.error(`livechat: ${what} email failed: ${error.message}`);
      })
      .finally(() => pending.delete(job));
    pending.add(job);
  };

  const contactLabel = async (conversation: ConversationRow) => {
    const contact = await db.contacts.findOne({ id: conversation.contactId });
    const name = contact?.name || 'A visitor';
    return contact?.email ? `${name} <${contact.email}>` : name;
  };

  const escalationEmail = async (escalation: EscalationRow, conversation: ConversationRow): Promise<Email | null> => {
    const { notificationEmail } = await service(strapi, 'desk-settings').get();
    if (!notificationEmail) return null;
    const [from, toAgent, team, contact] = await Promise.all([
      agentById(escalation.fromAgentId),
      agentById(escalation.toAgentId),
      escalation.toTeamId ? db.teams.findOne({ id: escalation.toTeamId }) : null,
      contactLabel(conversation),
    ]);
    const exports = service(strapi, 'exports');
    const [transcript, csv] = await Promise.all([
      exports.transcriptText(conversation, true),
      exports.transcriptCsv(conversation, true),
    ]);
    const target = team ? `the team ${team.name}` : agentName(toAgent);
    const expected = escalation.expectedResolutionMinutes
      ? `Expected resolution: within ${escalation.expectedResolutionMinutes} minutes`
      : 'Expected resolution: not given';
    return {
      to: notificationEmail,
      subject: `Escalation: conversation #${conversation.id} to ${target}`,
      text: [
        `${agentName(from)} escalated conversation #${conversation.id} with ${contact} to ${target}.`,
        `Note: ${escalation.note}`,
        expected,
        '',
        'Transcript (also attached as CSV):',
        transcript || '(no messages yet)',
      ].join('\n'),
      attachments: [{ filename: `conversation-${conversation.id}.csv`, content: csv, contentType: 'text/csv' }],
    };
  };

  const offlineAgentEmail = async (message: Message, conversation: ConversationRow): Promise<Email | null> => {
    const agent = await agentById(conversation.assigneeId);
    if (!agent?.email || !agent.isActive) return null;
    const contact = await contactLabel(conversation);
    return {
      to: agent.email,
      subject: `New message in conversation #${conversation.id} while you are offline`,
      text: [
        `${contact} wrote in conversation #${conversation.id}, which is assigned to you:`,
        '',
        message.text || `(${message.attachments.length} attachment(s))`,
        '',
        'Open Live chat in the Strapi admin to answer.',
      ].join('\n'),
    };
  };

  /** At most one email per conversation per throttle window; the slot is taken before sending. */
  const takeOfflineSlot = (conversationId: number) => {
    const now = Date.now();
    const last = lastOfflineMail.get(conversationId);
    if (last !== undefined && now - last < OFFLINE_MAIL_THROTTLE_MS) return false;
    for (const [id, at] of lastOfflineMail) if (now - at >= OFFLINE_MAIL_THROTTLE_MS) lastOfflineMail.delete(id);
    lastOfflineMail.set(conversationId, now);
    return true;
  };

  return {
    /** Starts listening for escalations and visitor messages (called at bootstrap). */
    start() {
      const events = service(strapi, 'events');
      unsubscribe = [
        events.on('escalation:changed', ({ escalation, conversation }) => {
          if (escalation.status !== 'pending') return;
          deliver('escalation', () => escalationEmail(escalation, conversation));
        }),
        events.on('message:created', ({ message, conversation }) => {
          if (message.authorKind !== 'visitor' || conversation.status !== 'open' || conversation.assigneeId === null)
            return;
          if (service(strapi, 'presence').of(conversation.assigneeId) !== 'offline') return;
          if (!takeOfflineSlot(conversation.id)) return;
          deliver('offline agent', () => offlineAgentEmail(message, conversation));
        }),
      ];
    },

    /** Stops listening and waits for the emails under way. */
    async stop() {
      unsubscribe.forEach((off) => off());
      unsubscribe = [];
      await Promise.all([...pending]);
    },
  };
};
