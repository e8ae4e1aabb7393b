import { startMailbox, type Mailbox } from '../helpers/mailbox';
import { startStrapi, type TestApp } from '../helpers/strapi';

let mailbox: Mailbox;
let app: TestApp;

beforeAll(async () => {
  mailbox = await startMailbox();
  app = await startStrapi();
});

afterAll(async () => {
  await app.stop();
  await mailbox.close();
});

describe('email delivery in tests', () => {
  it("Strapi's email plugin delivers over SMTP to the test mailbox", async () => {
    await app.strapi
      .plugin('email')
      .service('email')
      .send({ to: 'someone@example.com', subject: 'Mailbox check', text: 'hello' });
    const mail = await mailbox.waitFor((m) => m.subject === 'Mailbox check');
    expect(mail.to).toEqual(['someone@example.com']);
    expect(mail.raw).toContain('hello');
  });
});
