import { compose, lines, link, paragraph, quote, type Email } from './layout';

/** Every email the plugin sends, built from what its listener gathered. */

/** To a visitor who is away: an agent answered. */
export const followUpEmail = (input: {
  to: string;
  visitorName: string | null;
  agentName: string;
  text: string;
  resumeLink: string;
  unsubscribe: string;
}): Email =>
  compose({
    to: input.to,
    subject: `${input.agentName} replied to your chat`,
    blocks: [
      paragraph(input.visitorName ? `Hi ${input.visitorName},` : 'Hi,'),
      paragraph(`${input.agentName} replied while you were away:`),
      quote(input.text),
      link('Continue the conversation', input.resumeLink),
    ],
    unsubscribe: input.unsubscribe,
  });

/** To a visitor whose question the bot could not answer: an editor's answer, sent to everyone who asked. */
export const broadcastEmail = (input: {
  to: string;
  subject: string;
  question: string;
  text: string;
  unsubscribe: string;
}): Email =>
  compose({
    to: input.to,
    subject: input.subject,
    blocks: [paragraph(`You asked: “${input.question}”`), quote(input.text)],
    unsubscribe: input.unsubscribe,
  });

/** To the notification address: an agent escalated a conversation (transcript as text and as CSV). */
export const escalationEmail = (input: {
  to: string;
  conversationId: number;
  from: string;
  target: string;
  visitor: string;
  note: string;
  expectedResolutionMinutes: number | null;
  transcript: string;
  csv: string;
  adminLink: string;
}): Email =>
  compose({
    to: input.to,
    subject: `Escalation: conversation #${input.conversationId} to ${input.target}`,
    blocks: [
      lines(
        `${input.from} escalated conversation #${input.conversationId} with ${input.visitor} to ${input.target}.`,
        `Note: ${input.note}`,
        input.expectedResolutionMinutes
          ? `Expected resolution: within ${input.expectedResolutionMinutes} minutes`
          : 'Expected resolution: not given',
      ),
      link('Open the conversation', input.adminLink),
      paragraph('Transcript (also attached as CSV):'),
      lines(input.transcript || '(no messages yet)'),
    ],
    attachments: [
      { filename: `conversation-${input.conversationId}.csv`, content: input.csv, contentType: 'text/csv' },
    ],
  });

/** To the notification address: a visitor asked for a human (who they are and what they said so far). */
export const visitorRequestEmail = (input: {
  to: string;
  conversationId: number;
  visitor: string;
  details: string[];
  transcript: string;
  adminLink: string;
}): Email =>
  compose({
    to: input.to,
    subject: `${input.visitor} asked for a human in conversation #${input.conversationId}`,
    blocks: [
      paragraph(`${input.visitor} asked to talk to a person in conversation #${input.conversationId}.`),
      lines(...input.details),
      link('Open the conversation', input.adminLink),
      paragraph('Transcript:'),
      lines(input.transcript || '(no messages yet)'),
    ],
  });

/** To the assigned agent, who is offline: their visitor wrote. */
export const offlineAgentEmail = (input: {
  to: string;
  conversationId: number;
  visitor: string;
  text: string;
  adminLink: string;
}): Email =>
  compose({
    to: input.to,
    subject: `New message in conversation #${input.conversationId} while you are offline`,
    blocks: [
      paragraph(`${input.visitor} wrote in conversation #${input.conversationId}, which is assigned to you:`),
      quote(input.text),
      link('Answer in the Strapi admin', input.adminLink),
    ],
  });
