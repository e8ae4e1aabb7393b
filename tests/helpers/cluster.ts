// The product as it runs in production: on PostgreSQL, as several Strapi processes sharing it and Redis.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import supertest from 'supertest';
import type { TestDatabase } from './strapi';

/** Redis the instances share (the local one on every dev and CI machine unless LIVECHAT_TEST_REDIS says otherwise). */
export const REDIS_URL = process.env.LIVECHAT_TEST_REDIS || 'redis://127.0.0.1:6379';

/**
 * Plugin config for instances sharing that Redis, under a key of this run's own: every test database
 * starts its ids at 1 again, and counts an earlier run left in Redis (rate limits, presence) must not
 * land on this run's visitors.
 */
export const sharedRedis = () => ({ redis: REDIS_URL, redisKey: `livechat-test-${randomBytes(4).toString('hex')}` });

const postgresServer = {
  host: process.env.PGHOST || '127.0.0.1',
  port: Number(process.env.PGPORT || 5432),
  user: process.env.PGUSER || 'postgres',
  password: process.env.PGPASSWORD || '',
};

// `pg` (the playground's driver) ships no type declarations; this is the part of it used here.
interface PostgresClient {
  connect(): Promise<void>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
}
const { Client } = createRequire(__filename)('pg') as {
  Client: new (connection: typeof postgresServer & { database: string }) => PostgresClient;
};

/** Runs one statement on the server's maintenance database (CREATE/DROP DATABASE cannot run inside the target). */
async function onPostgresServer(sql: string) {
  const client = new Client({ ...postgresServer, database: 'postgres' });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh, empty `livechat_test_<random>` database; `remove()` drops it even if a connection was left open. */
export async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = `livechat_test_${randomBytes(6).toString('hex')}`;
  await onPostgresServer(`CREATE DATABASE "${name}"`);
  return {
    env: {
      DATABASE_CLIENT: 'postgres',
      DATABASE_URL: '',
      DATABASE_HOST: postgresServer.host,
      DATABASE_PORT: String(postgresServer.port),
      DATABASE_NAME: name,
      DATABASE_USERNAME: postgresServer.user,
      DATABASE_PASSWORD: postgresServer.password,
      DATABASE_SSL: 'false',
    },
    remove: () => onPostgresServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

export interface ProcessOptions {
  /** Plugin config for this instance; by default the one the in-process instance booted with. */
  config?: Record<string, unknown>;
}

export interface StrapiProcess {
  /** Base URL of the listening server, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The instance's process id (benches read its CPU time). */
  pid: number;
  /** A supertest agent bound to `url`. */
  request: ReturnType<typeof supertest.agent>;
  /** Destroys Strapi in the child and resolves with how it exited; kills it if it does not exit in time. */
  stop(): Promise<ProcessExit>;
  /** Kills the child at once (SIGKILL: a crash, no shutdown at all) and resolves once it has exited. */
  kill(): Promise<ProcessExit>;
  /** Stops the child (SIGSTOP): it holds its connections but answers nothing, like a hung machine. */
  freeze(): void;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

type RunnerMessage = { type: 'ready'; url: string } | { type: 'failed'; error: string };

const runner = path.join(__dirname, 'strapi-process.js');
// Two minutes: on a 2-core machine shared with other test runs a boot has taken over one.
const BOOT_TIMEOUT_MS = 120_000;

const exited = (child: ChildProcess) =>
  new Promise<ProcessExit>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });

/**
 * Boots another playground Strapi in a child process: Strapi keeps global state (`global.strapi`), so a
 * second instance cannot share the test's process. It gets this process's environment, so it uses the
 * same database and the same app keys and secrets: visitor tokens and admin sessions are valid on both.
 */
export async function startStrapiProcess(options: ProcessOptions = {}): Promise<StrapiProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (options.config) env.LIVECHAT_TEST_CONFIG = JSON.stringify({ emptyKnowledge: 'refuse', ...options.config });
  // fork() would otherwise hand over the real process.env, not the copy jest gives each test file.
  const child = fork(runner, [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });

  const kill = () => {
    child.kill('SIGKILL');
    return exited(child);
  };

  let url: string;
  try {
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Strapi process did not boot within ${BOOT_TIMEOUT_MS} ms`)),
        BOOT_TIMEOUT_MS,
      );
      child.on('message', (message: RunnerMessage) => {
        clearTimeout(timer);
        if (message.type === 'ready') resolve(message.url);
        else reject(new Error(`Strapi process failed to boot: ${message.error}`));
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`Strapi process exited while booting (code ${code}, signal ${signal})`));
      });
    });
  } catch (error) {
    await kill();
    throw error;
  }

  let stopping: Promise<ProcessExit> | undefined;
  return {
    url,
    pid: child.pid as number,
    request: supertest.agent(url),
    kill,
    freeze: () => void child.kill('SIGSTOP'),
    stop() {
      stopping ??= (async () => {
        if (!child.connected) return kill();
        const killLater = setTimeout(() => child.kill('SIGKILL'), 10000);
        child.send('stop');
        const exit = await exited(child);
        clearTimeout(killLater);
        return exit;
      })();
      return stopping;
    },
  };
}
