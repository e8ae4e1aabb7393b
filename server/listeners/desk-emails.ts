import type { Core } from '@strapi/strapi';
import type { Message } from '../../plugin/contracts/entities';
import { escalationEmail, offlineAgentEmail, visitorRequestEmail } from '../mail/emails';
import { outbox } from '../mail/outbox';
import { claimShared } from '../redis';
import { adminConversationLink, visitorLabel } from '../mail/recipients';
import { service } from '../services/registry';
import { tables } from '../store';
import type { AdminUserRow, ConversationRow, EscalationRow } from '../store/rows';

/** One email to the agent about a conversation at most this often, however many messages arrive. */
const OFFLINE_MAIL_THROTTLE_MS = 10 * 60 * 1000;

/**
 * Emails to the desk: the notification address hears about every new escalation and every visitor who
 * asks for a human (transcript included); an offline agent hears when their visitor writes. Returns a
 * function that stops listening and waits for the emails under way.
 */
export function listenForDeskEmails(strapi: Core.Strapi) {
  const db = tables(strapi);
  const mail = outbox(strapi);
  const lastOfflineMail = new Map<number, number>();

  const agentById = async (id: number | null) =>
    id === null ? null : ((await strapi.db.query('admin::user').findOne({ where: { id } })) as AdminUserRow | null);
  const agentName = (agent: AdminUserRow | null) => (agent ? service(strapi, 'agents').displayName(agent) : 'an agent');
  const contactOf = (conversation: ConversationRow) => db.contacts.findOne({ id: conversation.contactId });
  const notificationAddress = async () => (await service(strapi, 'desk-settings').get()).notificationEmail;

  const escalation = async (row: EscalationRow, conversation: ConversationRow) => {
    const to = await notificationAddress();
    if (!to) return null;
    const exports = service(strapi, 'exports');
    const [from, toAgent, team, contact, transcript, csv] = await Promise.all([
      agentById(row.fromAgentId),
      agentById(row.toAgentId),
      row.toTeamId ? db.teams.findOne({ id: row.toTeamId }) : null,
      contactOf(conversation),
      exports.transcriptText(conversation, true),
      exports.transcriptCsv(conversation, true),
    ]);
    return escalationEmail({
      to,
      conversationId: conversation.id,
      from: agentName(from),
      target: team ? `the team ${team.name}` : agentName(toAgent),
      visitor: visitorLabel(contact),
      note: row.note,
      expectedResolutionMinutes: row.expectedResolutionMinutes,
      transcript,
      csv,
      adminLink: adminConversationLink(strapi, conversation.id),
    });
  };

  const visitorRequest = async (conversation: ConversationRow) => {
    const { notificationEmail: to, notifications } = await service(strapi, 'desk-settings').get();
    if (!to || !notifications.visitorRequests) return null;
    const [contact, transcript] = await Promise.all([
      contactOf(conversation),
      // Internal notes stay out: the address may be a shared inbox outside the desk.
      service(strapi, 'exports').transcriptText(conversation, false),
    ]);
    const detail = (label: string, value: string | null | undefined) => (value ? [`${label}: ${value}`] : []);
    return visitorRequestEmail({
      to,
      conversationId: conversation.id,
      visitor: visitorLabel(contact),
      details: [
        ...detail('Name', contact?.name),
        ...detail('Email', contact?.email),
        ...detail('Phone', contact?.phone),
        ...detail('Page', conversation.pageUrl),
        ...detail('Country', contact?.country),
        ...Object.entries(contact?.attributes ?? {}).flatMap(([key, value]) => detail(key, String(value ?? ''))),
      ],
      transcript,
      adminLink: adminConversationLink(strapi, conversation.id),
    });
  };

  const offlineAgent = async (message: Message, conversation: ConversationRow) => {
    const agent = await agentById(conversation.assigneeId);
    if (!agent?.email || !agent.isActive) return null;
    return offlineAgentEmail({
      to: agent.email,
      conversationId: conversation.id,
      visitor: visitorLabel(await contactOf(conversation)),
      text: message.text || `(${message.attachments.length} attachment(s))`,
      adminLink: adminConversationLink(strapi, conversation.id),
    });
  };

  /** At most one email per conversation per throttle window; the slot is taken before sending. */
  /** This instance's record of the throttle: what decides without Redis. */
  const takeLocalSlot = (conversationId: number) => {
    const now = Date.now();
    const last = lastOfflineMail.get(conversationId);
    if (last !== undefined && now - last < OFFLINE_MAIL_THROTTLE_MS) return false;
    for (const [id, at] of lastOfflineMail) if (now - at >= OFFLINE_MAIL_THROTTLE_MS) lastOfflineMail.delete(id);
    lastOfflineMail.set(conversationId, now);
    return true;
  };

  /** At most one offline-agent email per conversation per throttle window, over every instance. */
  const takeOfflineSlot = (conversationId: number) =>
    claimShared(strapi, `offline-agent-mail:${conversationId}`, OFFLINE_MAIL_THROTTLE_MS, () =>
      takeLocalSlot(conversationId),
    );

  const events = service(strapi, 'events');
  const unsubscribes = [
    events.on('escalation:changed', ({ escalation: row, conversation }) => {
      if (row.status === 'pending') mail.send('escalation', () => escalation(row, conversation));
    }),
    events.on('conversation:changed', ({ conversation, previousStatus }) => {
      // Only the visitor moves a conversation from the bot to the queue (lifecycle `requestHuman`).
      if (previousStatus === 'bot' && conversation.status === 'queued') {
        mail.send('visitor request', () => visitorRequest(conversation));
      }
    }),
    events.on('message:created', ({ message, conversation }) => {
      if (message.authorKind !== 'visitor' || conversation.status !== 'open' || conversation.assigneeId === null)
        return;
      if (service(strapi, 'presence').of(conversation.assigneeId) !== 'offline') return;
      mail.send('offline agent', async () =>
        (await takeOfflineSlot(conversation.id)) ? offlineAgent(message, conversation) : null,
      );
    }),
  ];
  return async () => {
    unsubscribes.forEach((unsubscribe) => unsubscribe());
    await mail.settle();
  };
}
