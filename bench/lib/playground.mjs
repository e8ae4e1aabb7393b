// Bench setup on the tests' harness (bench/lib/harness.mjs → tests/helpers/strapi.ts): the playground boots
// and agents are created exactly as in the tests; what is here is only what benches add on top (many
// visitors spread over loopback sources, agents enough for their conversations).
import http from 'node:http';
import { uid } from './contract.mjs';
import { strapiHarness } from './harness.mjs';

/**
 * Boots the playground through the tests' `startStrapi` (options: config, database, wal, quiet,
 * keepDatabase); a bench always runs on its own throwaway database, never the jest project's.
 */
export const startPlayground = ({ database = 'sqlite', ...options } = {}) =>
  strapiHarness.startStrapi({ database, ...options });

/**
 * A JSON request. `localAddress` picks the loopback source address: the plugin allows 30 visitor
 * sessions per minute per IP, so many visitors are spread over 127.0.0.x sources.
 */
export function requestJson(url, method, route, { body, token, localAddress } = {}) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${url}${route}`,
      {
        method,
        localAddress,
        headers: {
          accept: 'application/json',
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => {
          let json = null;
          try {
            json = text ? JSON.parse(text) : null;
          } catch {
            json = { raw: text };
          }
          resolve({ status: response.statusCode, body: json });
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

const expectStatus = async (pending, status, what) => {
  const response = await pending;
  if (response.status !== status) {
    throw new Error(`${what} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body?.data;
};

const SESSIONS_PER_SOURCE = 25;
/** The most open conversations the desk settings let one agent hold. */
const MAX_CAPACITY = 100;

/**
 * Agents enough to hold `conversations` open conversations: the desk's routing capacity (default 5
 * per agent) is raised to what is needed, up to its maximum, and more agents are added beyond that.
 * The first agent watches everything; the others only pick.
 */
export async function createAgents(app, conversations) {
  const first = await strapiHarness.createAgent(app);
  const capacity = Math.min(MAX_CAPACITY, Math.max(5, conversations));
  const response = await requestJson(app.url, 'PUT', '/livechat/settings', {
    body: { routing: { capacity } },
    token: first.token,
  });
  // A plugin without desk settings has no capacity to raise.
  if (response.status !== 200 && response.status !== 404) {
    throw new Error(`PUT /livechat/settings answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  const agents = [first];
  while (agents.length * capacity < conversations) agents.push(await strapiHarness.createAgent(app));
  return { watcher: first, pickerFor: (index) => agents[Math.floor(index / capacity)] };
}

/**
 * One visitor with one open conversation held by `agent`: session → conversation → ask for a human →
 * the agent picks it, so the bot stays silent and every visitor message is a plain relay.
 */
export async function openConversation(app, agent, index) {
  const localAddress = `127.0.0.${2 + Math.floor(index / SESSIONS_PER_SOURCE)}`;
  const session = await expectStatus(
    requestJson(app.url, 'POST', '/api/livechat/sessions', { body: { name: `Visitor ${index}` }, localAddress }),
    201,
    'POST /api/livechat/sessions',
  );
  const conversation = await expectStatus(
    requestJson(app.url, 'POST', '/api/livechat/conversations', { body: {}, token: session.token }),
    201,
    'POST /api/livechat/conversations',
  );
  await expectStatus(
    requestJson(app.url, 'POST', `/api/livechat/conversations/${conversation.id}/human`, { token: session.token }),
    200,
    'POST /api/livechat/conversations/:id/human',
  );
  await expectStatus(
    requestJson(app.url, 'POST', `/livechat/conversations/${conversation.id}/pick`, { body: {}, token: agent.token }),
    200,
    'POST /livechat/conversations/:id/pick',
  );
  return { token: session.token, contactId: session.contact.id, conversationId: conversation.id };
}

/** Counts of stored messages, for the phases' check that every acknowledged message is stored exactly once. */
export function messageStore(app) {
  const messages = app.strapi.db.metadata.get(uid('message'));
  const clientIdColumn = messages.attributes.clientId.columnName ?? 'client_id';
  return {
    countAll: () => app.strapi.db.query(uid('message')).count(),
    async countByClientId(prefix) {
      const rows = await app.strapi.db
        .connection(messages.tableName)
        .select({ clientId: clientIdColumn })
        .count({ n: '*' })
        .where(clientIdColumn, 'like', `${prefix}-%`)
        .groupBy(clientIdColumn);
      return new Map(rows.map((row) => [row.clientId, Number(row.n)]));
    },
  };
}
