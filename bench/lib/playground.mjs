// The playground Strapi for benches, booted in this process the way tests/helpers/strapi.ts boots it:
// throwaway SQLite file, random port on loopback, random secrets, plugin config through LIVECHAT_TEST_CONFIG.
import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { PLUGIN_ID, repoRoot } from './contract.mjs';

const require = createRequire(import.meta.url);
const appDir = path.join(repoRoot, 'playground');

const secret = () => randomBytes(16).toString('base64');

/** Deletes a SQLite database file with its WAL and journal files. */
export const removeDatabase = (filename) => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${filename}${suffix}`, { force: true });
};

/** A fresh PostgreSQL database on the local server (trust auth, as on every dev and CI machine); `drop()` removes it. */
export async function createPostgresDatabase() {
  const { Client } = require(require.resolve('pg', { paths: [appDir] }));
  const server = {
    host: process.env.PGHOST || '127.0.0.1',
    port: Number(process.env.PGPORT || 5432),
    user: process.env.PGUSER || 'postgres',
    password: process.env.PGPASSWORD || '',
  };
  const name = `livechat_bench_${randomBytes(6).toString('hex')}`;
  const onServer = async (sql) => {
    const client = new Client({ ...server, database: 'postgres' });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await onServer(`CREATE DATABASE "${name}"`);
  return {
    env: {
      DATABASE_CLIENT: 'postgres',
      DATABASE_URL: '',
      DATABASE_HOST: server.host,
      DATABASE_PORT: String(server.port),
      DATABASE_NAME: name,
      DATABASE_USERNAME: server.user,
      DATABASE_PASSWORD: server.password,
      DATABASE_SSL: 'false',
    },
    drop: () => onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/**
 * Boots the playground; `database: 'postgres'` runs it on a throwaway PostgreSQL database; `wal: false` sets DATABASE_SQLITE_WAL=false (rollback journal). `databaseFile`
 * reuses a database (a restart); `keepDatabase` leaves it in place on stop. `quiet` keeps Strapi to
 * warnings and errors (LOG_LEVEL=warn, playground/config/logger.js) and skips its startup banner.
 */
export async function startPlayground({
  config = {},
  wal = true,
  quiet = false,
  databaseFile = path.join(os.tmpdir(), `livechat-bench-${process.pid}-${randomUUID()}.db`),
  keepDatabase = false,
  database = 'sqlite',
} = {}) {
  const postgres = database === 'postgres' ? await createPostgresDatabase() : null;
  const removeStore = () => (postgres ? postgres.drop() : removeDatabase(databaseFile));
  Object.assign(process.env, {
    LIVECHAT_SEED: 'false',
    SERVE_ADMIN_PANEL: 'false',
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: databaseFile,
    DATABASE_SQLITE_WAL: wal ? 'true' : 'false',
    ...postgres?.env,
    HOST: '127.0.0.1',
    PORT: '0',
    STRAPI_TELEMETRY_DISABLED: 'true',
    LIVECHAT_TEST_CONFIG: JSON.stringify(config),
    APP_KEYS: [secret(), secret(), secret(), secret()].join(','),
  });
  if (quiet) process.env.LOG_LEVEL = 'warn';
  for (const name of ['ADMIN_JWT_SECRET', 'API_TOKEN_SALT', 'TRANSFER_TOKEN_SALT', 'ENCRYPTION_KEY', 'JWT_SECRET']) {
    process.env[name] = secret();
  }

  const { createStrapi } = require('@strapi/strapi');
  let strapi;
  try {
    strapi = createStrapi({ appDir, distDir: appDir, autoReload: false, serveAdminPanel: false });
    await strapi.load();
    if (quiet) strapi.config.set('server.logger.startup.enabled', false);
    await strapi.listen();
  } catch (error) {
    await strapi?.destroy().catch(() => undefined);
    await removeStore();
    throw error;
  }
  const { port } = strapi.server.httpServer.address();
  return {
    strapi,
    url: `http://127.0.0.1:${port}`,
    databaseFile,
    async stop() {
      try {
        await strapi.destroy();
      } finally {
        if (!keepDatabase) await removeStore();
      }
    },
  };
}

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

/** An active admin user in a fresh role holding every action the plugin registers, logged in. */
async function createAgent(app) {
  const { strapi } = app;
  const tag = randomUUID().slice(0, 8);
  const email = `bench-agent-${tag}@livechat.test`;
  const password = 'Bench-agent-password-1';
  const actions = strapi
    .service('admin::permission')
    .actionProvider.values()
    .filter((action) => action.pluginName === PLUGIN_ID)
    .map((action) => action.actionId);
  const roles = strapi.service('admin::role');
  const role = await roles.create({ name: `Bench agents ${tag}`, description: '' });
  await roles.assignPermissions(
    role.id,
    actions.map((action) => ({ action, subject: null, properties: {}, conditions: [] })),
  );
  const user = await strapi.service('admin::user').create({
    email,
    firstname: 'Bench',
    lastname: 'Agent',
    password,
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
  const data = await expectStatus(
    requestJson(app.url, 'POST', '/admin/login', { body: { email, password } }),
    200,
    'POST /admin/login',
  );
  return { id: user.id, token: data.accessToken ?? data.token };
}

const SESSIONS_PER_SOURCE = 25;
/** The most open conversations the desk settings let one agent hold. */
const MAX_CAPACITY = 100;

/**
 * Agents enough to hold `conversations` open conversations: the desk's routing capacity (default 5
 * per agent) is raised to what is needed, up to its maximum, and more agents are added beyond that.
 * The first agent watches everything; the others only pick.
 */
export async function createAgents(app, conversations) {
  const first = await createAgent(app);
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
  while (agents.length * capacity < conversations) agents.push(await createAgent(app));
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
