import { as, startVisitor, visitorSays, type TestVisitor } from '../helpers/chat';
import { mailPart } from '../helpers/mail-parts';
import { startMailbox, type Mailbox, type ReceivedMail } from '../helpers/mailbox';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

const DESK = 'desk@example.com';

let mailbox: Mailbox;
let app: TestApp;
let admin: TestAgent;

beforeAll(async () => {
  mailbox = await startMailbox();
  app = await startStrapi();
  admin = await createAgent(app);
  await as(app, admin).put('/settings', { notificationEmail: DESK }).expect(200);
});

afterAll(async () => {
  await app.stop();
  await mailbox.close();
});

/** A visitor who chatted with the bot on a page of the site, then asks for a person. */
async function visitorAsksForHuman(visitor: TestVisitor, text: string) {
  const started = await app.request
    .post('/api/livechat/conversations')
    .set(visitor.auth)
    .send({ pageUrl: 'https://shop.example.com/checkout?step=2' })
    .expect(201);
  const id = started.body.data.id as number;
  await visitorSays(app, visitor, id, text);
  await app.request.post(`/api/livechat/conversations/${id}/human`).set(visitor.auth).expect(200);
  return id;
}

const requestMail = (id: number) => (m: ReceivedMail) => m.to.includes(DESK) && m.subject.includes(`#${id}`);

describe('an email when a visitor asks for a human', () => {
  it('goes to the notification address with the visitor’s details, the transcript and a link to the conversation', async () => {
    const visitor = await startVisitor(app, { name: 'Ann Visitor', email: 'ann@example.com' });
    await app.request.put('/api/livechat/contact').set(visitor.auth).send({ phone: '+44 20 7946 0958' }).expect(200);
    const id = await visitorAsksForHuman(visitor, 'My order <b>never</b> came & I am "upset"');

    const mail = await mailbox.waitFor(requestMail(id));
    expect(mail.subject).toBe(`Ann Visitor <ann@example.com> asked for a human in conversation #${id}`);
    const text = mailPart(mail, 'text/plain');
    expect(text).toContain('Name: Ann Visitor');
    expect(text).toContain('Email: ann@example.com');
    expect(text).toContain('Phone: +44 20 7946 0958');
    expect(text).toContain('Page: https://shop.example.com/checkout?step=2');
    expect(text).toContain('Ann Visitor (visitor): My order <b>never</b> came & I am "upset"');
    expect(text).toContain(`Open the conversation: ${app.url}/admin/plugins/livechat/conversation/${id}`);
    // Visitor text is never HTML in the email.
    const html = mailPart(mail, 'text/html');
    expect(html).toContain('My order &lt;b&gt;never&lt;/b&gt; came &amp; I am &quot;upset&quot;');
    expect(html).not.toContain('<b>never</b>');
  });

  it('is not sent when the desk turned it off, and is sent again once turned back on', async () => {
    const off = await as(app, admin)
      .put('/settings', { notifications: { visitorRequests: false } })
      .expect(200);
    expect(off.body.data).toMatchObject({ notificationEmail: DESK, notifications: { visitorRequests: false } });
    const quiet = await visitorAsksForHuman(await startVisitor(app, { name: 'Quiet' }), 'Anyone there?');

    await as(app, admin)
      .put('/settings', { notifications: { visitorRequests: true } })
      .expect(200);
    const heard = await visitorAsksForHuman(await startVisitor(app, { name: 'Heard' }), 'Hello, a person please');
    // The later request's email arrived: the earlier one, decided before it, would have arrived by now.
    await mailbox.waitFor(requestMail(heard));
    expect(mailbox.messages.filter(requestMail(quiet))).toEqual([]);
  });

  it('the setting is validated like every desk setting', async () => {
    const bad = await as(app, admin)
      .put('/settings', { notifications: { visitorRequests: 'yes' } })
      .expect(400);
    expect(bad.body.error.message).toMatch(/^notifications\.visitorRequests: must be true or false/);
    const unknown = await as(app, admin)
      .put('/settings', { notifications: { everything: true } })
      .expect(400);
    expect(unknown.body.error.message).toBe('notifications.everything: is not a known field');
  });
});
