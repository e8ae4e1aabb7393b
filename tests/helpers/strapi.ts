// The one test harness: boots the playground Strapi (built plugin included), creates agents, opens sockets.
import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createStrapi } from '@strapi/strapi';
import type { Core } from '@strapi/types';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import supertest from 'supertest';
import { PLUGIN_ID, SOCKET_PATH } from '../../plugin';
import { ensureAdminBuild } from './browser';
import { createPostgresDatabase } from './cluster';

const appDir = path.resolve(__dirname, '..', '..', 'playground');

export interface TestApp {
  strapi: Core.Strapi;
  /** Base URL of the listening server, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** A supertest agent bound to `url`. */
  request: ReturnType<typeof supertest.agent>;
  /** The database it runs on (pass it to another `startStrapi` for a restart on the same data). */
  database: TestDatabase;
  /** Closes open test sockets, destroys Strapi and deletes the throwaway database (unless `keepDatabase`). */
  stop(): Promise<void>;
}

export type TestDatabaseKind = 'sqlite' | 'postgres';

/** The database a test file gets when it does not ask for one: the jest project's (`postgres` or `sqlite`). */
export const defaultDatabase = (): TestDatabaseKind =>
  process.env.LIVECHAT_TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

export interface StartOptions {
  /** Plugin config merged over the playground's `livechat.config` before Strapi loads. */
  config?: Record<string, unknown>;
  /** `sqlite`: a throwaway file. `postgres`: a throwaway database on the local PostgreSQL server. By default
   * `LIVECHAT_TEST_DATABASE` (set by the jest project), else `sqlite`. A `TestDatabase` reuses that one. */
  database?: TestDatabaseKind | TestDatabase;
  /** Leave the database in place on stop (a restart follows; the caller removes it). */
  keepDatabase?: boolean;
  /** SQLite's journal: WAL (the default) or, with `false`, the rollback journal. */
  wal?: boolean;
  /** Only warnings and errors (LOG_LEVEL=warn, playground/config/logger.js), no startup banner: benches. */
  quiet?: boolean;
  /** Serve the admin panel (browser tests); builds it first when its inputs changed. */
  admin?: boolean;
}

/** A database that lives as long as one test file: the env that points the playground at it, and its removal. */
export interface TestDatabase {
  env: Record<string, string>;
  remove(): Promise<void>;
}

const openSockets = new Set<Socket>();

const secret = () => randomBytes(16).toString('base64');

const setDefaultEnv = (name: string, value: string) => {
  if (!process.env[name]) process.env[name] = value;
};

/** A throwaway SQLite file in the temp folder; `remove()` deletes it with its WAL and journal files. */
export const createSqliteDatabase = (): TestDatabase => {
  const filename = path.join(os.tmpdir(), `livechat-test-${process.pid}-${randomUUID()}.db`);
  return {
    env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename },
    async remove() {
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${filename}${suffix}`, { force: true });
    },
  };
};

/** Boots the playground on a random port with a throwaway database (see `StartOptions.database`). One per test file. */
export async function startStrapi(options: StartOptions = {}): Promise<TestApp> {
  if (options.admin) ensureAdminBuild();
  const kind = options.database ?? defaultDatabase();
  const database =
    typeof kind === 'object' ? kind : kind === 'postgres' ? await createPostgresDatabase() : createSqliteDatabase();
  const removeDatabase = () => (options.keepDatabase ? Promise.resolve() : database.remove());

  Object.assign(process.env, {
    LIVECHAT_SEED: 'false',
    SERVE_ADMIN_PANEL: options.admin ? 'true' : 'false',
    ...database.env,
    DATABASE_SQLITE_WAL: options.wal === false ? 'false' : 'true',
    HOST: '127.0.0.1',
    PORT: '0',
    STRAPI_TELEMETRY_DISABLED: 'true',
    // Read by playground/config/admin.js: browser tests sign the same agents in many times.
    ADMIN_LOGIN_RATE_LIMIT: 'false',
    // Read by playground/config/plugins.js: Strapi loads plugin config from files before any hook runs.
    // Most files publish no content and exercise the bot's refusals: they keep the bot answering an empty
    // knowledge base (the default hands over to a person; tests/api/offline-messages.test.ts covers it).
    LIVECHAT_TEST_CONFIG: JSON.stringify({ emptyKnowledge: 'refuse', ...options.config }),
  });
  if (options.quiet) process.env.LOG_LEVEL = 'warn';
  setDefaultEnv('APP_KEYS', [secret(), secret(), secret(), secret()].join(','));
  for (const name of ['ADMIN_JWT_SECRET', 'API_TOKEN_SALT', 'TRANSFER_TOKEN_SALT', 'ENCRYPTION_KEY', 'JWT_SECRET']) {
    setDefaultEnv(name, secret());
  }

  let strapi: Core.Strapi | undefined;
  try {
    strapi = createStrapi({ appDir, distDir: appDir, autoReload: false, serveAdminPanel: options.admin ?? false });
    await strapi.load();
    if (options.quiet) strapi.config.set('server.logger.startup.enabled', false);
    await strapi.listen();
  } catch (error) {
    await strapi?.destroy().catch(() => undefined);
    await removeDatabase();
    throw error;
  }

  const { port } = strapi.server.httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  // Strapi computed its absolute URLs from PORT=0; a real site's name its real port (links in emails).
  strapi.config.set('server.absoluteUrl', url);
  strapi.config.set('admin.absoluteUrl', `${url}/admin`);
  let stopped = false;

  return {
    strapi,
    url,
    request: supertest.agent(url),
    database,
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const socket of openSockets) socket.disconnect();
      openSockets.clear();
      try {
        await strapi.destroy();
      } finally {
        await removeDatabase();
      }
    },
  };
}

export interface AgentOptions {
  email?: string;
  password?: string;
  /** Full action ids (`plugin::livechat.conversations.read`), `'super'` for the super admin role;
   * by default every action the plugin registers. */
  actions?: string[] | 'super';
}

export interface TestAgent {
  id: number;
  email: string;
  password: string;
  roleId: number;
  /** Admin access token, for `Authorization: Bearer` and the agent socket. */
  token: string;
}

let agentCount = 0;

const pluginActions = (strapi: Core.Strapi): string[] =>
  strapi
    .service('admin::permission')
    .actionProvider.values()
    .filter((action: { pluginName?: string }) => action.pluginName === PLUGIN_ID)
    .map((action: { actionId: string }) => action.actionId);

/** Creates an active admin user in a fresh role holding exactly `actions`, and logs them in. */
export async function createAgent(app: TestApp, options: AgentOptions = {}): Promise<TestAgent> {
  const { strapi } = app;
  agentCount += 1;
  const email = options.email ?? `agent-${agentCount}-${randomUUID().slice(0, 8)}@livechat.test`;
  const password = options.password ?? 'Agent-password-1';
  const roles = strapi.service('admin::role');

  let roleId: number;
  if (options.actions === 'super') {
    roleId = (await roles.getSuperAdmin()).id;
  } else {
    const actions = options.actions ?? pluginActions(strapi);
    const role = await roles.create({ name: `Test role ${agentCount} ${randomUUID().slice(0, 8)}`, description: '' });
    await roles.assignPermissions(
      role.id,
      actions.map((action) => ({ action, subject: null, properties: {}, conditions: [] })),
    );
    roleId = role.id;
  }

  const user = await strapi.service('admin::user').create({
    email,
    firstname: 'Test',
    lastname: `Agent ${agentCount}`,
    password,
    isActive: true,
    registrationToken: null,
    roles: [roleId],
  });

  const response = await app.request.post('/admin/login').send({ email, password });
  if (response.status !== 200) {
    throw new Error(`Admin login for ${email} failed with ${response.status}: ${JSON.stringify(response.body)}`);
  }
  const { token, accessToken } = response.body.data as { token?: string; accessToken?: string };
  return { id: user.id, email, password, roleId, token: accessToken ?? token ?? '' };
}

/** Opens a socket.io connection to a plugin namespace; rejects with the server's `connect_error` message. */
export function connectSocket(
  url: string,
  namespace: string,
  token: string,
  opts: Partial<ManagerOptions & SocketOptions> = {},
): Promise<Socket> {
  const socket = io(`${url}${namespace}`, {
    path: SOCKET_PATH,
    auth: { token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: 5000,
    ...opts,
  });
  openSockets.add(socket);
  return new Promise((resolve, reject) => {
    const onConnect = () => {
      socket.off('connect_error', onError);
      resolve(socket);
    };
    const onError = (error: Error) => {
      socket.off('connect', onConnect);
      socket.disconnect();
      openSockets.delete(socket);
      reject(new Error(error.message));
    };
    socket.once('connect', onConnect);
    socket.once('connect_error', onError);
  });
}

/** Emits an event and resolves with the server's acknowledgement. */
export function emitAck<T = unknown>(socket: Socket, event: string, payload?: unknown, timeoutMs = 5000): Promise<T> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<T>;
}

/** Resolves with the next `event` payload that matches `predicate`; rejects after `timeoutMs`. */
export function nextEvent<T = unknown>(
  socket: Socket,
  event: string,
  predicate: (payload: T) => boolean = () => true,
  timeoutMs = 5000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const listener = (payload: T) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`No matching "${event}" within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on(event, listener);
  });
}
