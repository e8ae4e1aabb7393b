// Chat-level test helpers on top of the harness: visitors, conversations, agent requests.
import type { Socket } from 'socket.io-client';
import {
  AGENT_NAMESPACE,
  type AgentSummary,
  type Conversation,
  type Message,
  type VisitorConversation,
} from '../../plugin';
import { connectSocket, type TestAgent, type TestApp } from './strapi';

/** Any Strapi instance a test talks to over HTTP: the in-process one or another process of the cluster. */
export type Instance = Pick<TestApp, 'request' | 'url'>;

export interface TestVisitor {
  token: string;
  contactId: number;
  auth: { Authorization: string };
}

/** Starts a visitor session through the public API. */
export async function startVisitor(
  app: Instance,
  details: { name?: string; email?: string } = {},
): Promise<TestVisitor> {
  const response = await app.request.post('/api/livechat/sessions').send(details).expect(201);
  const { token, contact } = response.body.data;
  return { token, contactId: contact.id, auth: { Authorization: `Bearer ${token}` } };
}

/** Opens a conversation for the visitor (starts with the bot unless the bot is disabled). */
export async function startConversation(app: Instance, visitor: TestVisitor): Promise<VisitorConversation> {
  const response = await app.request.post('/api/livechat/conversations').set(visitor.auth).send({}).expect(201);
  return response.body.data;
}

/** A visitor message over REST. */
export async function visitorSays(
  app: Instance,
  visitor: TestVisitor,
  conversationId: number,
  text: string,
  clientId = `c-${Math.random().toString(36).slice(2)}`,
): Promise<Message> {
  const response = await app.request
    .post(`/api/livechat/conversations/${conversationId}/messages`)
    .set(visitor.auth)
    .send({ clientId, text })
    .expect(201);
  return response.body.data;
}

/** Admin-API request helpers for one agent. */
export const as = (app: Instance, agent: TestAgent) => {
  const auth = { Authorization: `Bearer ${agent.token}` };
  return {
    get: (path: string) => app.request.get(`/livechat${path}`).set(auth),
    post: (path: string, body: object = {}) => app.request.post(`/livechat${path}`).set(auth).send(body),
    put: (path: string, body: object = {}) => app.request.put(`/livechat${path}`).set(auth).send(body),
    delete: (path: string) => app.request.delete(`/livechat${path}`).set(auth),
  };
};

/** A visitor conversation that asked for a human: it sits in the queue. */
export async function queuedConversation(app: Instance, name = 'Queued visitor') {
  const visitor = await startVisitor(app, { name });
  const conversation = await startConversation(app, visitor);
  await app.request.post(`/api/livechat/conversations/${conversation.id}/human`).set(visitor.auth).expect(200);
  return { visitor, conversation };
}

/** The agent's presence as the desk sees it. */
export async function presenceOf(app: Instance, agent: TestAgent) {
  const agents = (await as(app, agent).get('/agents').expect(200)).body.data.results as AgentSummary[];
  return agents.find((candidate) => candidate.id === agent.id)?.presence ?? 'offline';
}

/** Inbox sockets `goOnline` opened, per instance and agent, until `closeOnlineSockets` closes them. */
const onlineSockets = new Map<string, Socket>();
/** Agents whose `goOnline` socket was closed: the server may not have seen it go yet. */
const closedSockets = new Set<string>();

/** Closes the inbox sockets `goOnline` opened (for tests that need everyone offline again). */
export function closeOnlineSockets() {
  for (const [key, inbox] of onlineSockets) {
    inbox.disconnect();
    closedSockets.add(key);
  }
  onlineSockets.clear();
}

/**
 * Brings the agent online, as pick, take over and assign require, by opening their inbox socket unless
 * they are online already (then null). The socket stays open until the test closes it,
 * `closeOnlineSockets()` or the app stops. An agent whose earlier `goOnline` socket was closed gets a new
 * one even while the desk still says online: the server may not have seen the old one go, and the agent
 * would drop offline in the middle of the test.
 */
export async function goOnline(app: Instance, agent: TestAgent): Promise<Socket | null> {
  const key = `${app.url} ${agent.id}`;
  if (!closedSockets.has(key) && (await presenceOf(app, agent)) === 'online') return null;
  closedSockets.delete(key);
  const inbox = await connectSocket(app.url, AGENT_NAMESPACE, agent.token);
  onlineSockets.set(key, inbox);
  await eventually(async () => expect(await presenceOf(app, agent)).toBe('online'));
  return inbox;
}

/** A conversation picked by `agent` (brought online for it): status open, assigned to them. */
export async function openConversation(app: Instance, agent: TestAgent, name = 'Open visitor') {
  const queued = await queuedConversation(app, name);
  await goOnline(app, agent);
  const picked = await as(app, agent).post(`/conversations/${queued.conversation.id}/pick`).expect(200);
  return { ...queued, conversation: picked.body.data as Conversation };
}

/** Waits until `check` passes or the time runs out (for effects that follow an acknowledged write). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
