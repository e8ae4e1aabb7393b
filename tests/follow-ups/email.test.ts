import { RESUME_QUERY_PARAM, VISITOR_NAMESPACE, type Message } from '../../plugin';
import { goOnline, as, eventually, startVisitor, type TestVisitor } from '../helpers/chat';
import { startMailbox, type Mailbox, type ReceivedMail } from '../helpers/mailbox';
import { mailLinks, mailPart } from '../helpers/mail-parts';
import { connectSocket, createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

const LINK_TTL_SECONDS = 3;

let mailbox: Mailbox;
let app: TestApp;
let agent: TestAgent;

beforeAll(async () => {
  mailbox = await startMailbox();
  // No time window: only "one email per absence" limits the emails, so each test controls it.
  app = await startStrapi({ config: { followUp: { linkTtlSeconds: LINK_TTL_SECONDS, throttleMinutes: 0 } } });
  agent = await createAgent(app);
  // One agent answers every conversation of this file.
  await as(app, agent)
    .put('/settings', { routing: { capacity: 100 } })
    .expect(200);
});

afterAll(async () => {
  await app.stop();
  await mailbox.close();
});

let visitorCount = 0;

/** A visitor who left an email, in a conversation the agent holds; they have no socket open (they left). */
async function awayVisitor(details: { email?: string | null } = {}) {
  visitorCount += 1;
  const email = details.email === null ? undefined : (details.email ?? `visitor-${visitorCount}@example.com`);
  const visitor = await startVisitor(app, { name: `Visitor ${visitorCount}`, ...(email ? { email } : {}) });
  const conversation = (
    await app.request
      .post('/api/livechat/conversations')
      .set(visitor.auth)
      .send({ pageUrl: 'https://shop.example/help?topic=delivery' })
      .expect(201)
  ).body.data;
  await app.request.post(`/api/livechat/conversations/${conversation.id}/human`).set(visitor.auth).expect(200);
  await goOnline(app, agent);
  await as(app, agent).post(`/conversations/${conversation.id}/pick`).expect(200);
  return { visitor, email, conversationId: conversation.id as number };
}

let replyCount = 0;
const agentReplies = (conversationId: number, text: string) => {
  replyCount += 1;
  return as(app, agent)
    .post(`/conversations/${conversationId}/messages`, { clientId: `reply-${replyCount}`, text })
    .expect(201);
};

const mailsTo = (email: string) => mailbox.messages.filter((m) => m.to.includes(email));

/**
 * Proof that earlier agent replies were fully considered: a reply to another away visitor, whose email
 * goes through the same path and arrives after every decision taken before it.
 */
async function afterPendingEmails() {
  const { email, conversationId } = await awayVisitor();
  await agentReplies(conversationId, 'barrier');
  await mailbox.waitFor((m) => m.to.includes(email as string));
}

/** The visitor opens the site again (a socket connects) and leaves (it closes). */
async function visitorComesBackAndLeaves(visitor: TestVisitor) {
  const socket = await connectSocket(app.url, VISITOR_NAMESPACE, visitor.token);
  const before = await app.strapi.db
    .query('plugin::livechat.contact' as never)
    .findOne({ where: { id: visitor.contactId } });
  socket.disconnect();
  await eventually(async () => {
    const after = await app.strapi.db
      .query('plugin::livechat.contact' as never)
      .findOne({ where: { id: visitor.contactId } });
    expect(Date.parse(after.lastSeenAt)).toBeGreaterThan(Date.parse(before.lastSeenAt));
  });
}

const resumeToken = (mail: ReceivedMail) => {
  const link = mailLinks(mail).find((l) => l.includes(RESUME_QUERY_PARAM));
  if (!link) throw new Error('no resume link in the email');
  return { link, token: new URL(link).searchParams.get(RESUME_QUERY_PARAM) as string };
};

const unsubscribePath = (mail: ReceivedMail) => {
  const link = mailLinks(mail).find((l) => l.includes('/api/livechat/unsubscribe'));
  if (!link) throw new Error('no unsubscribe link in the email');
  const url = new URL(link);
  return url.pathname + url.search;
};

describe('follow-up emails', () => {
  it('an agent reply while the visitor is away emails them a link that reopens the conversation', async () => {
    const { email, conversationId } = await awayVisitor();
    await agentReplies(conversationId, 'Your parcel left Leeds this morning.');
    const mail = await mailbox.waitFor((m) => m.to.includes(email as string));
    expect(mail.subject).toBe('Test Agent 1 replied to your chat');
    expect(mailPart(mail, 'text/plain')).toContain('Your parcel left Leeds this morning.');

    const { link, token } = resumeToken(mail);
    expect(link.startsWith('https://shop.example/help?topic=delivery&livechat_resume=')).toBe(true);
    const resumed = await app.request.post('/api/livechat/sessions/resume').send({ token }).expect(200);
    expect(resumed.body.data.conversationId).toBe(conversationId);
    const messages = await app.request
      .get(`/api/livechat/conversations/${conversationId}/messages`)
      .set({ Authorization: `Bearer ${resumed.body.data.token}` })
      .expect(200);
    expect(messages.body.data.results.map((m: Message) => m.text)).toContain('Your parcel left Leeds this morning.');
  });

  it('the message is plain text in the email: HTML in it is escaped, never interpreted', async () => {
    const { email, conversationId } = await awayVisitor();
    await agentReplies(conversationId, 'Try this: <img src=x onerror=alert(1)> & <b>bold</b>');
    const mail = await mailbox.waitFor((m) => m.to.includes(email as string));
    const html = mailPart(mail, 'text/html');
    expect(html).toContain('Try this: &lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(html).not.toMatch(/<img|<b>/i);
  });

  it('no email while the visitor is connected, nor to a visitor who gave no address', async () => {
    const online = await awayVisitor();
    const socket = await connectSocket(app.url, VISITOR_NAMESPACE, online.visitor.token);
    await agentReplies(online.conversationId, 'You are right here.');
    const anonymous = await awayVisitor({ email: null });
    await agentReplies(anonymous.conversationId, 'Nowhere to send this.');
    await afterPendingEmails();
    expect(mailsTo(online.email as string)).toHaveLength(0);
    expect(mailbox.messages.some((m) => mailPart(m, 'text/plain').includes('Nowhere to send this.'))).toBe(false);
    socket.disconnect();
  });

  it('one email per absence: more replies send nothing until the visitor has been back and left again', async () => {
    const { visitor, email, conversationId } = await awayVisitor();
    await agentReplies(conversationId, 'First reply');
    await mailbox.waitFor((m) => m.to.includes(email as string));
    await agentReplies(conversationId, 'Second reply, still away');
    await afterPendingEmails();
    expect(mailsTo(email as string)).toHaveLength(1);

    await visitorComesBackAndLeaves(visitor);
    await agentReplies(conversationId, 'Third reply, after the visit');
    await eventually(async () => expect(mailsTo(email as string)).toHaveLength(2));
    expect(mailPart(mailsTo(email as string)[1], 'text/plain')).toContain('Third reply, after the visit');
  });

  it('the unsubscribe link asks for confirmation on GET (link scanners open it) and unsubscribes on POST', async () => {
    const { visitor, email, conversationId } = await awayVisitor();
    await agentReplies(conversationId, 'Before unsubscribing');
    const mail = await mailbox.waitFor((m) => m.to.includes(email as string));
    // Mail clients offer their own one-click unsubscribe button from these headers (folded in the raw mail).
    const headers = mail.raw.replace(/\r?\n[ \t]+/g, ' ');
    expect(headers).toMatch(/^List-Unsubscribe: <http:\/\/\S+\/api\/livechat\/unsubscribe\?token=/m);
    expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);

    // Opening the link (as a scanner or a preview does) only shows a form posting back to the same address.
    const confirm = await app.request.get(unsubscribePath(mail)).expect(200);
    expect(confirm.headers['content-type']).toContain('text/html');
    expect(confirm.text).toContain('<form method="post">');
    expect(confirm.text).not.toContain('You are unsubscribed');
    const contact = () =>
      app.strapi.db.query('plugin::livechat.contact' as never).findOne({ where: { id: visitor.contactId } });
    expect((await contact()).emailOptOut).toBeFalsy();

    // The form's submission, which is also what a mail client's one-click button sends.
    const done = await app.request
      .post(unsubscribePath(mail))
      .type('form')
      .send({ 'List-Unsubscribe': 'One-Click' })
      .expect(200);
    expect(done.headers['content-type']).toContain('text/html');
    expect(done.text).toContain('You are unsubscribed');
    expect((await contact()).emailOptOut).toBe(true);

    await visitorComesBackAndLeaves(visitor);
    await agentReplies(conversationId, 'After unsubscribing');
    await afterPendingEmails();
    expect(mailsTo(email as string)).toHaveLength(1);
  });

  it('a visitor who gives an address later (offline form) gets follow-ups at it', async () => {
    const { visitor, conversationId } = await awayVisitor({ email: null });
    const bad = await app.request.put('/api/livechat/contact').set(visitor.auth).send({ email: 'not-an-email' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^email: /);
    const saved = await app.request
      .put('/api/livechat/contact')
      .set(visitor.auth)
      .send({ email: 'later@example.com', name: 'Later' })
      .expect(200);
    expect(saved.body.data).toMatchObject({ email: 'later@example.com', name: 'Later' });
    await agentReplies(conversationId, 'Now I can reach you.');
    await mailbox.waitFor((m) => m.to.includes('later@example.com'));
  });
});

describe('follow-up links that do not work', () => {
  it('a forged resume link is refused with 401, an empty one with 400 naming the field', async () => {
    const forged = await app.request.post('/api/livechat/sessions/resume').send({ token: 'abc.def.ghi' }).expect(401);
    expect(forged.body.error.message).toBe('This link is not valid');
    const empty = await app.request.post('/api/livechat/sessions/resume').send({ token: '' }).expect(400);
    expect(empty.body.error.message).toBe('token: must not be empty');
  });

  it('a visitor token is not a resume link, and a resume link is not an unsubscribe link', async () => {
    const { visitor, email, conversationId } = await awayVisitor();
    await app.request.post('/api/livechat/sessions/resume').send({ token: visitor.token }).expect(401);
    await agentReplies(conversationId, 'Links are for one purpose');
    const mail = await mailbox.waitFor((m) => m.to.includes(email as string));
    const { token } = resumeToken(mail);
    await app.request.get(`/api/livechat/unsubscribe?token=${encodeURIComponent(token)}`).expect(401);
    await app.request.post(`/api/livechat/unsubscribe?token=${encodeURIComponent(token)}`).expect(401);
  });

  it('a forged unsubscribe link answers a 401 page and changes nothing', async () => {
    const page = await app.request.get('/api/livechat/unsubscribe?token=forged').expect(401);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('This unsubscribe link does not work');
    const posted = await app.request.post('/api/livechat/unsubscribe?token=forged').type('form').send({}).expect(401);
    expect(posted.text).toContain('This unsubscribe link does not work');
    const unknownKey = await app.request.get('/api/livechat/unsubscribe?token=x&%3Cscript%3E=1').expect(400);
    expect(unknownKey.text).toContain('&lt;script&gt;: is not a known field');
  });

  it('an expired resume link is refused with 401 saying it expired', async () => {
    const { email, conversationId } = await awayVisitor();
    await agentReplies(conversationId, 'This link will expire');
    const { token } = resumeToken(await mailbox.waitFor((m) => m.to.includes(email as string)));
    await new Promise((resolve) => setTimeout(resolve, (LINK_TTL_SECONDS + 1) * 1000));
    const expired = await app.request.post('/api/livechat/sessions/resume').send({ token }).expect(401);
    expect(expired.body.error.message).toBe('This link has expired');
  });
});
