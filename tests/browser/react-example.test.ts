import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import type { Conversation } from '../../plugin';
// Type-checks the README's React example along with the tests.
import type { SupportChat } from '../../examples/react-chat';
import { goOnline, as, eventually } from '../helpers/chat';
import { launchBrowser, openAdminPage } from '../helpers/browser';
import { publishEntry } from '../helpers/knowledge';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

const root = path.resolve(__dirname, '..', '..');

let app: TestApp;
let agent: TestAgent;
let browser: Browser;
/** The site: its own origin, serving the page and the bundle, as a real site would. */
let site: http.Server;
let siteUrl: string;
let bundle = '';

beforeAll(async () => {
  site = http.createServer((request, response) => {
    if (request.url === '/react-example.js') {
      response.writeHead(200, { 'content-type': 'application/javascript' }).end(bundle);
    } else {
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><div id="root"></div><script src="/react-example.js"></script>');
    }
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  app = await startStrapi({ config: { allowedOrigins: [siteUrl] } });
  agent = await createAgent(app);
  await publishEntry(app, {
    title: 'How long does delivery take?',
    answer: 'Standard delivery takes 2 to 4 working days in the UK.',
    url: 'https://shop.example/help/delivery',
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await new Promise((resolve) => site?.close(resolve));
});

/** The example bundled the way a site would: React, the component, and the client from the built package. */
async function bundleExample(strapiUrl: string): Promise<string> {
  const result = await build({
    stdin: {
      contents: `
        import { createRoot } from 'react-dom/client';
        import { createLivechatClient } from 'strapi-plugin-livechat/client';
        import { SupportChat } from './examples/react-chat';
        const client = createLivechatClient({ url: ${JSON.stringify(strapiUrl)} });
        createRoot(document.getElementById('root')).render(<SupportChat client={client} />);`,
      loader: 'tsx',
      resolveDir: root,
    },
    absWorkingDir: root,
    alias: { 'strapi-plugin-livechat/client': './dist/client/index.mjs' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

describe('README React example', () => {
  it('a custom React UI on the headless client: the bot answers with a source, then an agent replies', async () => {
    bundle = await bundleExample(app.url);
    const { page, context, errors } = await openAdminPage(browser, siteUrl);
    await page.goto('/');

    await page.getByRole('textbox', { name: 'Message' }).fill('How long does delivery take?');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('listitem').filter({ hasText: 'Bot:' }).filter({ hasText: '2 to 4 working days' }).waitFor();
    const source = page.getByRole('link', { name: 'How long does delivery take?' });
    expect(await source.getAttribute('href')).toBe('https://shop.example/help/delivery');

    await page.getByRole('button', { name: 'Talk to a human' }).click();
    // The click sends the request; the conversation is queued once the server has handled it.
    const conversation = await eventually(async () => {
      const queued = await as(app, agent).get('/conversations?status=queued').expect(200);
      const [first] = queued.body.data.results as Conversation[];
      if (!first) throw new Error('not queued yet');
      return first;
    });
    await goOnline(app, agent);
    await as(app, agent).post(`/conversations/${conversation.id}/pick`).expect(200);
    await page.getByText('Test Agent 1 is here to help.').waitFor();
    await as(app, agent)
      .post(`/conversations/${conversation.id}/messages`, { clientId: 'react-1', text: 'Hi from the desk' })
      .expect(201);
    await page.getByRole('listitem').filter({ hasText: 'Test Agent 1: Hi from the desk' }).waitFor();
    expect(await page.getByRole('listitem').filter({ hasText: 'How long does delivery take?' }).count()).toBe(2);

    await context.close();
    expect(errors).toEqual([]);
  });
});

export type Example = typeof SupportChat;
