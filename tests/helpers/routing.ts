// Routing tests: agents going online and offline (presence comes from agent sockets) and desk settings.
import type { Socket } from 'socket.io-client';
import { actionId, AGENT_NAMESPACE, EVENTS, type Conversation, type DeskSettings, type Presence } from '../../plugin';
import { as, closeOnlineSockets, eventually } from './chat';
import { connectSocket, createAgent, emitAck, startStrapi, type TestAgent, type TestApp } from './strapi';

/** Sets the agent's presence over their socket. */
export const setPresence = (inbox: Socket, presence: Presence) => emitAck(inbox, EVENTS.presenceSet, { presence });

/** Changes the routing settings (a manager's PUT /settings). */
export const setRouting = (app: TestApp, manager: TestAgent, routing: Partial<DeskSettings['routing']>) =>
  as(app, manager).put('/settings', { routing }).expect(200);

/** A team with these members. */
export async function createTeam(app: TestApp, manager: TestAgent, name: string, members: TestAgent[]) {
  const response = await as(app, manager)
    .post('/teams', { name, memberIds: members.map((m) => m.id) })
    .expect(201);
  return response.body.data as { id: number; name: string; memberIds: number[] };
}

/** Waits until the server sees no agent online (after test sockets closed). */
export const everyoneOffline = (app: TestApp, viewer: TestAgent) =>
  eventually(async () => {
    const agents = (await as(app, viewer).get('/agents').expect(200)).body.data.results as Array<{
      presence: Presence;
    }>;
    expect(agents.filter((agent) => agent.presence !== 'offline').length).toBe(0);
  });

/**
 * One playground for a routing test file: presence goes offline the moment the last socket closes, a
 * manager (all permissions, never online) reads and configures, and every test starts with nobody online.
 */
export function routingDesk(config: Record<string, unknown> = {}) {
  let app: TestApp;
  let manager: TestAgent;
  const inboxes: Socket[] = [];

  beforeAll(async () => {
    app = await startStrapi({ config: { presenceGraceSeconds: 0, ...config } });
    manager = await createAgent(app);
  });
  afterEach(async () => {
    inboxes.splice(0).forEach((inbox) => inbox.disconnect());
    closeOnlineSockets();
    await everyoneOffline(app, manager);
  });
  afterAll(() => app.stop());

  return {
    app: () => app,
    manager: () => manager,
    /** An agent who may read and reply, nothing more. */
    replier: () => createAgent(app, { actions: (['read', 'reply'] as const).map(actionId) }),
    /** Opens the agent's inbox socket: online until the test ends (or the socket is closed). */
    async online(agent: TestAgent) {
      const inbox = await connectSocket(app.url, AGENT_NAMESPACE, agent.token);
      inboxes.push(inbox);
      return inbox;
    },
    /** The conversation as the manager sees it. */
    async conversation(id: number): Promise<Conversation> {
      return (await as(app, manager).get(`/conversations/${id}`).expect(200)).body.data;
    },
    /** Waits until the conversation is open and held by `agent`. */
    assignedTo(id: number, agent: TestAgent) {
      return eventually(async () => {
        const current = await this.conversation(id);
        expect(current).toMatchObject({ status: 'open', assignee: { id: agent.id } });
        return current;
      }, 8000);
    },
    /** Waits until the conversation is back in the queue with nobody holding it. */
    requeued(id: number) {
      return eventually(async () => {
        expect(await this.conversation(id)).toMatchObject({ status: 'queued', assignee: null });
      }, 8000);
    },
  };
}
