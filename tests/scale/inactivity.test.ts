import { randomUUID } from 'node:crypto';
import { openConversation, startConversation, startVisitor } from '../helpers/chat';
import { sharedRedis, type StrapiProcess } from '../helpers/cluster';
import { endedForNoResponse, SHORT_INACTIVITY, warned, warnings } from '../helpers/inactivity';
import { startTwoInstances, type TwoInstances } from '../helpers/instances';
import type { TestAgent, TestApp } from '../helpers/strapi';

// Two instances sweep the same PostgreSQL database every second: each end and each warning happens once.
let a: TestApp;
let b: StrapiProcess;
let agent: TestAgent;
let instances: TwoInstances | undefined;
const run = randomUUID().slice(0, 8);

beforeAll(async () => {
  instances = await startTwoInstances({ ...sharedRedis(), presenceGraceSeconds: 0, inactivity: SHORT_INACTIVITY });
  ({ a, b, agent } = instances);
});

afterAll(() => instances?.stop());

describe('inactivity on two instances', () => {
  it('an idle bot conversation ends once, with one journey event', async () => {
    const visitor = await startVisitor(b);
    const conversation = await startConversation(b, visitor);
    await endedForNoResponse(a, agent, conversation.id);
  });

  it('a silent visitor gets one warning, and the conversation ends once', async () => {
    const { conversation } = await openConversation(a, agent, `Silent ${run}`);
    await warned(a, agent, conversation.id);
    await endedForNoResponse(a, agent, conversation.id);
    expect(await warnings(a, agent, conversation.id)).toHaveLength(1);
  });
});
