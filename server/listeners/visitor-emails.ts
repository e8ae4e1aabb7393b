import type { Core } from '@strapi/strapi';
import { broadcastEmail, followUpEmail } from '../mail/emails';
import { outbox } from '../mail/outbox';
import { reachableByEmail } from '../mail/recipients';
import { service } from '../services/registry';

/**
 * Emails to visitors, each with the unsubscribe footer: an agent's reply to a visitor who is away (the
 * follow-ups service decides whether one is due), and an editor's broadcast answer to everyone who asked
 * a question the bot could not answer. Returns a function that stops listening and waits for the emails
 * under way.
 */
export function listenForVisitorEmails(strapi: Core.Strapi) {
  const mail = outbox(strapi);
  const followUps = () => service(strapi, 'follow-ups');
  const events = service(strapi, 'events');
  const unsubscribes = [
    events.on('message:created', ({ message, conversation }) => {
      if (message.authorKind !== 'agent') return;
      mail.send(`follow-up for conversation ${conversation.id}`, async () => {
        const contact = await followUps().claimFollowUp(conversation, message);
        if (!contact) return null;
        return followUpEmail({
          to: contact.email,
          visitorName: contact.name,
          agentName: message.authorName ?? 'Our support team',
          text: message.text,
          resumeLink: followUps().resumeLink(conversation),
          unsubscribe: followUps().unsubscribeLink(contact.id),
        });
      });
    }),
    events.on('failed-response:broadcast', ({ failedResponse, contacts, subject, text }) => {
      for (const contact of contacts.filter(reachableByEmail)) {
        mail.send(`broadcast to ${contact.email}`, async () =>
          broadcastEmail({
            to: contact.email,
            subject,
            question: failedResponse.question,
            text,
            unsubscribe: followUps().unsubscribeLink(contact.id),
          }),
        );
      }
    }),
  ];
  return async () => {
    unsubscribes.forEach((unsubscribe) => unsubscribe());
    await mail.settle();
  };
}
