// Automated tags: rules in Settings, applied on the visitor's first message, on identify and on broadcasts.
import type { Conversation, FailedResponse, JourneyEvent } from '../../plugin';
import { as, eventually, startConversation, startVisitor, visitorSays } from '../helpers/chat';
import { closeClients, visitorClient } from '../helpers/client';
import { askBot } from '../helpers/knowledge';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

let app: TestApp;
let agent: TestAgent;

const TAG_RULES = {
  firstMessage: [
    { name: 'Refunds', words: ['refund', 'money back'], tag: 'billing' },
    { name: 'Order numbers', pattern: '\\bORD-\\d{4}\\b', tag: 'order' },
  ],
  apiTags: ['VIP', 'trial'],
  broadcastTag: 'got a broadcast',
};

beforeAll(async () => {
  app = await startStrapi();
  agent = await createAgent(app);
  await as(app, agent).put('/settings', { tagRules: TAG_RULES }).expect(200);
});

afterEach(() => closeClients());
afterAll(() => app.stop());

const journeyOf = async (contactId: number): Promise<JourneyEvent[]> =>
  (await as(app, agent).get(`/contacts/${contactId}/journey`).expect(200)).body.data.results;

/** Resolves with the contact's `tag.applied` events once `count` are there. */
const appliedTags = (contactId: number, count: number) =>
  eventually(async () => {
    const applied = (await journeyOf(contactId)).filter((event) => event.type === 'tag.applied');
    expect(applied).toHaveLength(count);
    return applied;
  });

describe('automated tags', () => {
  it('settings refuse a bad pattern and a rule with nothing to match, naming the field', async () => {
    const badPattern = { ...TAG_RULES, firstMessage: [{ name: 'Broken', pattern: '(unclosed', tag: 'x' }] };
    const refused = await as(app, agent).put('/settings', { tagRules: badPattern }).expect(400);
    expect(refused.body.error.details.field).toBe('tagRules.firstMessage.0.pattern');
    expect(refused.body.error.message).toMatch(/valid regular expression/);
    const empty = { ...TAG_RULES, firstMessage: [{ name: 'Nothing', tag: 'x' }] };
    const nothing = await as(app, agent).put('/settings', { tagRules: empty }).expect(400);
    expect(nothing.body.error.details.field).toBe('tagRules.firstMessage.0.words');
    const kept = await as(app, agent).get('/settings').expect(200);
    expect(kept.body.data.tagRules).toMatchObject(TAG_RULES);
  });

  it('a first message with a rule’s words or pattern tags the conversation (automated), with a journey event naming the rule', async () => {
    const visitor = await startVisitor(app);
    const conversation = await startConversation(app, visitor);
    await visitorSays(app, visitor, conversation.id, 'Can I get my MONEY BACK for ORD-1234?');

    const applied = await appliedTags(visitor.contactId, 2);
    expect(applied.map((event) => event.payload).sort((a, b) => String(a.tag).localeCompare(String(b.tag)))).toEqual([
      { tag: 'billing', rule: 'Refunds' },
      { tag: 'order', rule: 'Order numbers' },
    ]);
    expect(applied.every((event) => event.conversationId === conversation.id && event.actor === 'system')).toBe(true);
    const tagged: Conversation = (await as(app, agent).get(`/conversations/${conversation.id}`).expect(200)).body.data;
    expect(tagged.tags.map((tag) => [tag.name, tag.kind]).sort()).toEqual([
      ['billing', 'automated'],
      ['order', 'automated'],
    ]);
  });

  it('identify({ tags }) applies the tags Settings allow, spelled as there, and ignores others', async () => {
    const client = visitorClient(app.url);
    // "intruder" comes first: were it applied, its event would precede VIP's.
    await client.identify({ tags: ['intruder', 'vip'] });
    const contactId = client.session!.contact.id;
    const applied = await appliedTags(contactId, 1);
    expect(applied[0].payload).toEqual({ tag: 'VIP', rule: 'API tags' });
    const contact = (await as(app, agent).get(`/contacts/${contactId}`).expect(200)).body.data;
    expect(contact.tags).toEqual([expect.objectContaining({ name: 'VIP', kind: 'automated' })]);
    const tags = (await as(app, agent).get('/tags').expect(200)).body.data.results as Array<{ name: string }>;
    expect(tags.map((tag) => tag.name)).not.toContain('intruder');
  });

  it('visitors who received a broadcast from Failed responses get the broadcast tag', async () => {
    const visitor = await startVisitor(app);
    const conversation = await startConversation(app, visitor);
    await askBot(app, visitor, conversation.id, 'Do you sell gift cards for the zeppelin tour?');
    const groups: FailedResponse[] = (
      await as(app, agent)
        .get(`/failed-responses?status=open&q=${encodeURIComponent('zeppelin')}`)
        .expect(200)
    ).body.data.results;
    expect(groups).toHaveLength(1);
    await as(app, agent)
      .post(`/failed-responses/${groups[0].id}/broadcast`, { text: 'Yes: zeppelin gift cards are on sale.' })
      .expect(200);

    const applied = await appliedTags(visitor.contactId, 1);
    expect(applied[0]).toMatchObject({
      conversationId: conversation.id,
      payload: { tag: 'got a broadcast', rule: 'Broadcast tag' },
    });
    const contact = (await as(app, agent).get(`/contacts/${visitor.contactId}`).expect(200)).body.data;
    expect(contact.tags).toEqual([expect.objectContaining({ name: 'got a broadcast', kind: 'automated' })]);
  });
});
