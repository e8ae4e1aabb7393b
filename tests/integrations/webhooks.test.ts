import { WEBHOOK_EVENTS, type Message, type WebhookDelivery, type WebhookEvent } from '../../plugin';
import { declineText } from '../../server/answering/sentences';
import { as, startConversation, startVisitor, visitorSays, type TestVisitor } from '../helpers/chat';
import { askBot } from '../helpers/knowledge';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';
import { strapiWebhooks } from '../helpers/strapi-webhooks';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

/** No agent is online in this file: the bot's refusal offers the email form. */
const REFUSAL_TEXT = declineText('refusal', 'en', false);

const TICKET_TOKEN = 'ticket-desk-secret';

let app: TestApp;
let receiver: WebhookReceiver;
let admin: TestAgent;
let bob: TestAgent;

const webhooksApi = () => strapiWebhooks(app, admin);

/** The first delivery of `event` to the webhook at `path` that matches; checks the headers on the way. */
const delivered = async <E extends WebhookEvent>(
  event: E,
  matches: (body: WebhookDelivery<E>) => boolean,
  path = '/all',
): Promise<WebhookDelivery<E>> => {
  const { headers, body } = await receiver.waitFor(
    (delivery) =>
      delivery.path === path && delivery.body.event === event && matches(delivery.body as WebhookDelivery<E>),
  );
  expect(headers['x-ticket-token']).toBe(TICKET_TOKEN);
  expect(headers['x-strapi-event']).toBe(event);
  expect(headers['content-type']).toBe('application/json');
  return body as WebhookDelivery<E>;
};

/** A webhook posting `events` to the receiver's `path`, with the custom header, created through the admin API. */
const subscribe = async (path: string, events: readonly string[]) =>
  (
    await webhooksApi()
      .create({ name: path, url: `${receiver.url}${path}`, headers: { 'X-Ticket-Token': TICKET_TOKEN }, events })
      .expect(201)
  ).body.data as { id: string; name: string; url: string; headers: Record<string, string>; events: string[] };

const ofConversation = (id: number) => (body: { conversation: { id: number } }) => body.conversation.id === id;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  app = await startStrapi();
  admin = await createAgent(app, { actions: 'super' });
  bob = await createAgent(app);
  await subscribe('/all', WEBHOOK_EVENTS);
});

afterAll(async () => {
  await app?.stop();
  await receiver?.close();
});

describe('webhooks through Strapi', () => {
  it("Strapi's webhook API accepts every livechat event and still refuses an unknown one", async () => {
    const refused = await webhooksApi()
      .create({ name: 'Typo', url: `${receiver.url}/typo`, headers: {}, events: ['livechat.conversation.opened'] })
      .expect(400);
    expect(refused.body.error.message).toBe('Webhook event livechat.conversation.opened is not supported');
  });

  describe('a conversation from its start to its rating', () => {
    let visitor: TestVisitor;
    let conversationId: number;

    it("starting delivers conversation.created with the agent API's conversation and the webhook's header", async () => {
      visitor = await startVisitor(app, { name: 'Ada', email: 'ada@example.com' });
      conversationId = (await startConversation(app, visitor)).id;
      const body = await delivered('livechat.conversation.created', ofConversation(conversationId));
      expect(body.conversation).toMatchObject({
        id: conversationId,
        status: 'bot',
        contact: { id: visitor.contactId, name: 'Ada', email: 'ada@example.com' },
        assignee: null,
      });
      expect(body.conversation).toHaveProperty('ip');
      expect(Date.now() - new Date(body.createdAt).getTime()).toBeLessThan(60_000);
    });

    it("the visitor's message delivers message.created; the bot's refusal, failed-response.created", async () => {
      const question = 'Which moon is the greenest?';
      const { question: asked, reply } = await askBot(app, visitor, conversationId, question);
      expect(reply.text).toBe(REFUSAL_TEXT);
      const message = await delivered('livechat.message.created', (b) => b.message.id === asked.id);
      expect(message.message).toMatchObject({ authorKind: 'visitor', text: question, conversationId });
      expect(message.conversation.id).toBe(conversationId);
      const failed = await delivered('livechat.failed-response.created', ofConversation(conversationId));
      expect(failed.failedResponse).toMatchObject({ question, status: 'open', count: 1 });
      expect(failed.failedResponse.conversationIds).toEqual([conversationId]);
    });

    it('asking for a human delivers conversation.queued; an agent picking it, conversation.assigned', async () => {
      await app.request.post(`/api/livechat/conversations/${conversationId}/human`).set(visitor.auth).expect(200);
      const queued = await delivered('livechat.conversation.queued', ofConversation(conversationId));
      expect(queued.conversation).toMatchObject({ status: 'queued', assignee: null });

      await as(app, admin).post(`/conversations/${conversationId}/pick`).expect(200);
      const assigned = await delivered('livechat.conversation.assigned', ofConversation(conversationId));
      expect(assigned.conversation).toMatchObject({ status: 'open', assignee: { id: admin.id } });
    });

    it("the agent's reply delivers message.created", async () => {
      const reply: Message = (
        await as(app, admin)
          .post(`/conversations/${conversationId}/messages`, { clientId: 'webhook-reply', text: 'Let me check.' })
          .expect(201)
      ).body.data;
      const body = await delivered('livechat.message.created', (b) => b.message.id === reply.id);
      expect(body.message).toMatchObject({ authorKind: 'agent', authorId: admin.id, text: 'Let me check.' });
    });

    it('an escalation delivers escalation.created, and escalation.decided when the receiver accepts', async () => {
      const escalation = (
        await as(app, admin)
          .post(`/conversations/${conversationId}/escalations`, { toAgentId: bob.id, note: 'needs a refund' })
          .expect(201)
      ).body.data;
      const created = await delivered('livechat.escalation.created', ofConversation(conversationId));
      expect(created.escalation).toMatchObject({ id: escalation.id, status: 'pending', toAgentId: bob.id });

      await as(app, bob).post(`/escalations/${escalation.id}/accept`).expect(200);
      const decided = await delivered('livechat.escalation.decided', ofConversation(conversationId));
      expect(decided.escalation).toMatchObject({ id: escalation.id, status: 'accepted' });
      expect(decided.conversation.assignee).toMatchObject({ id: bob.id });
      await delivered(
        'livechat.conversation.assigned',
        (b) => ofConversation(conversationId)(b) && b.conversation.assignee?.id === bob.id,
      );
    });

    it('ending delivers conversation.ended; the visitor rating it, rating.created', async () => {
      const reasons = (await as(app, bob).get('/end-reasons').expect(200)).body.data.results;
      await as(app, bob).post(`/conversations/${conversationId}/end`, { reasonId: reasons[0].id }).expect(200);
      const ended = await delivered('livechat.conversation.ended', ofConversation(conversationId));
      expect(ended.conversation).toMatchObject({ status: 'ended', endReason: reasons[0].label });

      await app.request
        .post(`/api/livechat/conversations/${conversationId}/rating`)
        .set(visitor.auth)
        .send({ score: 4, comment: 'Quick and kind' })
        .expect(200);
      const rated = await delivered('livechat.rating.created', ofConversation(conversationId));
      expect(rated.rating).toEqual({ score: 4, comment: 'Quick and kind' });
      expect(rated.conversation).toMatchObject({ rating: 4, ratingComment: 'Quick and kind' });
    });

    it('delivered every event once, each with the header, and none for bot messages', () => {
      const mine = receiver.deliveries.filter((d) => d.path === '/all' && d.body.conversation.id === conversationId);
      expect(mine.every((d) => d.headers['x-ticket-token'] === TICKET_TOKEN)).toBe(true);
      const count = (event: WebhookEvent) => mine.filter((d) => d.body.event === event).length;
      expect(Object.fromEntries(WEBHOOK_EVENTS.map((event) => [event, count(event)]))).toEqual({
        'livechat.conversation.created': 1,
        'livechat.conversation.queued': 1,
        'livechat.conversation.assigned': 2,
        'livechat.conversation.ended': 1,
        'livechat.escalation.created': 1,
        'livechat.escalation.decided': 1,
        'livechat.message.created': 2,
        'livechat.failed-response.created': 1,
        'livechat.rating.created': 1,
      });
    });
  });

  it('a disabled webhook delivers nothing', async () => {
    const { id: disabledId, name, url, headers, events } = await subscribe('/disabled', ['livechat.message.created']);
    await webhooksApi().update(disabledId, { name, url, headers, events, isEnabled: false }).expect(200);
    expect((await webhooksApi().get(disabledId).expect(200)).body.data.isEnabled).toBe(false);
    // Created after the disabled one: Strapi's runner posts an event to its webhooks one after another, in
    // that order, so this delivery arriving means the disabled one would have arrived first.
    await subscribe('/enabled', ['livechat.message.created']);

    const visitor = await startVisitor(app, { name: 'Grace' });
    const { id } = await startConversation(app, visitor);
    const said = await visitorSays(app, visitor, id, 'Is anyone there?');
    await delivered('livechat.message.created', (b) => b.message.id === said.id, '/enabled');
    expect(receiver.deliveries.filter((d) => d.path === '/disabled')).toEqual([]);
  });
});
