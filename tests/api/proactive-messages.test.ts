// Proactive messages: rules in the settings, validated and served to the widget; a conversation that answers
// one starts with the rule's message, taken from the settings by id.
import { PROACTIVE_LIMITS, type DeskSettings, type Message, type WidgetConfig } from '../../plugin';
import { as, startVisitor } from '../helpers/chat';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

let app: TestApp;
let admin: TestAgent;

beforeAll(async () => {
  app = await startStrapi();
  admin = await createAgent(app);
});

afterAll(() => app.stop());

const pricing = {
  name: 'Pricing page',
  message: 'Questions about our plans? Ask me!',
  urlPattern: '/pricing*',
  secondsOnPage: 5,
  visitors: 'new',
  onlyWithinBusinessHours: true,
};

const saveRules = (rules: object[]) => as(app, admin).put('/settings', { proactiveRules: rules });

const widgetConfig = async (): Promise<WidgetConfig.Response> =>
  (await app.request.get('/api/livechat/widget-config').expect(200)).body.data;

const startAnswering = async (proactiveRuleId: string, text?: string) => {
  const visitor = await startVisitor(app);
  const started = await app.request
    .post('/api/livechat/conversations')
    .set(visitor.auth)
    .send({ proactiveRuleId, ...(text ? { text } : {}) })
    .expect(201);
  const list = await app.request
    .get(`/api/livechat/conversations/${started.body.data.id}/messages`)
    .set(visitor.auth)
    .expect(200);
  return (list.body.data.results as Message[]).map((m) => [m.authorKind, m.text]);
};

describe('proactive rules in the settings', () => {
  it('are saved with an id and defaults, and only enabled ones reach the widget, without their names', async () => {
    const saved: DeskSettings = (
      await saveRules([pricing, { name: 'Everywhere', message: 'Hello!', enabled: false }]).expect(200)
    ).body.data;
    expect(saved.proactiveRules).toEqual([
      { ...pricing, id: expect.stringMatching(/^[\w-]+$/), enabled: true },
      expect.objectContaining({ urlPattern: '*', secondsOnPage: 10, visitors: 'all', enabled: false }),
    ]);

    const config = await widgetConfig();
    expect(config.proactiveRules).toEqual([
      {
        id: saved.proactiveRules[0].id,
        message: pricing.message,
        urlPattern: '/pricing*',
        secondsOnPage: 5,
        visitors: 'new',
        onlyWithinBusinessHours: true,
      },
    ]);
  });

  it('bad rules are a 400 naming the field, and the stored rules stay', async () => {
    const before = (await as(app, admin).get('/settings').expect(200)).body.data.proactiveRules;
    const cases: Array<[object[], string]> = [
      [[{ ...pricing, urlPattern: 'pricing' }], 'proactiveRules.0.urlPattern'],
      [[{ ...pricing, urlPattern: '/a page' }], 'proactiveRules.0.urlPattern'],
      [[pricing, { ...pricing, message: '' }], 'proactiveRules.1.message'],
      [[{ ...pricing, message: 'x'.repeat(PROACTIVE_LIMITS.messageLength + 1) }], 'proactiveRules.0.message'],
      [[{ ...pricing, secondsOnPage: -1 }], 'proactiveRules.0.secondsOnPage'],
      [[{ ...pricing, visitors: 'loyal' }], 'proactiveRules.0.visitors'],
      [[{ ...pricing, id: 'a b' }], 'proactiveRules.0.id'],
      [
        [
          { ...pricing, id: 'same' },
          { ...pricing, id: 'same' },
        ],
        'proactiveRules.1.id',
      ],
      [[{ ...pricing, colour: 'red' }], 'proactiveRules.0.colour'],
      [Array.from({ length: PROACTIVE_LIMITS.rules + 1 }, () => pricing), 'proactiveRules'],
    ];
    for (const [rules, field] of cases) {
      const response = await saveRules(rules).expect(400);
      expect([rules.length, response.body.error.details.field]).toEqual([rules.length, field]);
    }
    expect((await as(app, admin).get('/settings').expect(200)).body.data.proactiveRules).toEqual(before);
  });
});

describe('answering a proactive message', () => {
  it("a start carrying a rule id stores the rule's message from the settings first, then the visitor's text", async () => {
    await saveRules([{ ...pricing, id: 'pricing' }]).expect(200);
    // The bot's answer to the question may follow: only the opening is the rule's business.
    expect((await startAnswering('pricing', 'Is there a yearly plan?')).slice(0, 2)).toEqual([
      ['bot', pricing.message],
      ['visitor', 'Is there a yearly plan?'],
    ]);
    expect(await startAnswering('pricing')).toEqual([['bot', pricing.message]]);
  });

  it('an unknown or disabled rule id is ignored: the conversation starts without it', async () => {
    await saveRules([{ ...pricing, id: 'pricing', enabled: false }]).expect(200);
    for (const ruleId of ['pricing', 'no-such-rule']) {
      const messages = await startAnswering(ruleId, 'Hello');
      expect(messages[0]).toEqual(['visitor', 'Hello']);
      expect(messages.flat()).not.toContain(pricing.message);
    }
  });

  it('a rule id that is not a short string is a 400 naming the field', async () => {
    const visitor = await startVisitor(app);
    for (const proactiveRuleId of [42, 'x'.repeat(65)]) {
      const response = await app.request
        .post('/api/livechat/conversations')
        .set(visitor.auth)
        .send({ proactiveRuleId })
        .expect(400);
      expect(response.body.error.details.field).toBe('proactiveRuleId');
    }
  });
});
