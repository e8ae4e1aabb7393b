// Inactivity with short timers: seconds' worth of hours, a sweep every second.
import type { Conversation, JourneyEvent, Message } from '../../plugin';
import { as, eventually } from './chat';
import type { TestAgent, TestApp } from './strapi';

const seconds = (n: number) => n / 3600;

/** A bot conversation ends after 2 s without messages; an open one warns after 2 s of visitor silence, ends after 4 s. */
export const SHORT_INACTIVITY = {
  botHours: seconds(2),
  visitorHours: seconds(4),
  warningMinutes: 2 / 60,
  sweepSeconds: 1,
};

export const WARNING = /^Are you still there\? This chat closes in 1 min unless you write to us\.$/;

const conversation = async (app: TestApp, agent: TestAgent, id: number): Promise<Conversation> =>
  (await as(app, agent).get(`/conversations/${id}`).expect(200)).body.data;

/** The help desk's messages of the conversation that warn the visitor. */
export const warnings = async (app: TestApp, agent: TestAgent, id: number) =>
  ((await as(app, agent).get(`/conversations/${id}/messages`).expect(200)).body.data.results as Message[]).filter(
    (message) => message.authorKind === 'system' && WARNING.test(message.text),
  );

/** The journey events that ended the conversation. */
export const endEvents = async (app: TestApp, agent: TestAgent, contactId: number, id: number) =>
  ((await as(app, agent).get(`/contacts/${contactId}/journey`).expect(200)).body.data.results as JourneyEvent[]).filter(
    (event) => event.type === 'conversation.end' && event.conversationId === id,
  );

/** Waits until the conversation has ended by itself, with the reason and a journey event by the system. */
export async function endedForNoResponse(app: TestApp, agent: TestAgent, id: number) {
  const ended = await eventually(async () => {
    const current = await conversation(app, agent, id);
    expect(current).toMatchObject({ status: 'ended', endReason: 'No response from customer' });
    return current;
  }, 15_000);
  const events = await endEvents(app, agent, ended.contact.id, id);
  expect(events).toEqual([
    expect.objectContaining({
      actor: 'system',
      payload: expect.objectContaining({ reason: 'No response from customer' }),
    }),
  ]);
  return ended;
}

/** Waits until the visitor of the conversation has had `count` warnings. */
export const warned = (app: TestApp, agent: TestAgent, id: number, count = 1) =>
  eventually(async () => {
    const found = await warnings(app, agent, id);
    expect(found).toHaveLength(count);
    return found;
  }, 15_000);

export { conversation as conversationAsAgent };
