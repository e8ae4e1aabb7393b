import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Conversation } from '../../plugin';
import { goOnline, as, eventually } from '../helpers/chat';
import { publishEntry } from '../helpers/knowledge';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

const root = path.resolve(__dirname, '..', '..');

let app: TestApp;
let agent: TestAgent;

beforeAll(async () => {
  app = await startStrapi();
  agent = await createAgent(app);
  await publishEntry(app, {
    title: 'How long does delivery take?',
    answer: 'Standard delivery takes 2 to 4 working days in the UK.',
    url: 'https://shop.example/help/delivery',
  });
});

afterAll(() => app.stop());

describe('README examples', () => {
  it('the Node script asks the bot, gets a human, and rates: it runs against the built package as published', async () => {
    // The script imports `strapi-plugin-livechat/client`: Node resolves it to dist/client through package.json exports.
    const child = spawn(
      process.execPath,
      [path.join(root, 'examples/node-visitor.mjs'), 'How long does delivery take?', '--human'],
      { cwd: root, env: { ...process.env, LIVECHAT_URL: app.url } },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));

    await eventually(async () => expect(output).toContain('waiting for an agent (number 1 in the queue)'), 20_000);
    const queue = await as(app, agent).get('/conversations?status=queued').expect(200);
    const conversation = (queue.body.data.results as Conversation[]).find((c) => c.contact.name === 'Node script');
    if (!conversation) throw new Error(`The script's conversation is not in the queue:\n${output}`);
    await goOnline(app, agent);
    await as(app, agent).post(`/conversations/${conversation.id}/pick`).expect(200);
    await as(app, agent)
      .post(`/conversations/${conversation.id}/messages`, { clientId: 'example-reply', text: 'Hello from the inbox!' })
      .expect(201);

    expect(await exited).toBe(0);
    const [botLine, ...rest] = output.trim().split('\n');
    expect(botLine).toMatch(/^bot: .*2 to 4 working days/);
    expect(rest).toEqual([
      '  source: How long does delivery take? <https://shop.example/help/delivery>',
      'waiting for an agent (number 1 in the queue)',
      'Test Agent 1: Hello from the inbox!',
      'ended and rated 5/5',
    ]);
  });
});
