import { randomUUID } from 'node:crypto';
import { openConversation, startConversation, startVisitor } from '../helpers/chat';
import { REDIS_URL, startStrapiProcess, type StrapiProcess } from '../helpers/cluster';
import { endedForNoResponse, SHORT_INACTIVITY, warned, warnings } from '../helpers/inactivity';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

// Two instances sweep the same PostgreSQL database every second: each end and each warning happens once.
// Their own Redis key: rate limits are kept by contact id, and every fresh database starts ids at 1.
let a: TestApp;
let b: StrapiProcess;
let agent: TestAgent;
const run = randomUUID().slice(0, 8);

beforeAll(async () => {
  a = await startStrapi({
    database: 'postgres',
    config: { redis: REDIS_URL, redisKey: `livechat-${run}`, presenceGraceSeconds: 0, inactivity: SHORT_INACTIVITY },
  });
  b = await startStrapiProcess();
  agent = await createAgent(a);
});

afterAll(async () => {
  // B first: A's stop() drops the database B is connected to.
  await b?.stop();
  await a?.stop();
});

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
