'use strict';

const path = require('path');

const appRoot = path.join(__dirname, '..');

// SQLite by default; `DATABASE_CLIENT=postgres` for PostgreSQL (DATABASE_URL or the host/port/name/user/password envs).
module.exports = ({ env }) => {
  const client = env('DATABASE_CLIENT', 'sqlite');

  if (client === 'postgres') {
    return {
      connection: {
        client: 'postgres',
        connection: env('DATABASE_URL')
          ? { connectionString: env('DATABASE_URL') }
          : {
              host: env('DATABASE_HOST', '127.0.0.1'),
              port: env.int('DATABASE_PORT', 5432),
              database: env('DATABASE_NAME', 'livechat'),
              user: env('DATABASE_USERNAME', 'postgres'),
              password: env('DATABASE_PASSWORD', ''),
              ssl: env.bool('DATABASE_SSL', false) && {
                rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true),
              },
              schema: env('DATABASE_SCHEMA', 'public'),
            },
        pool: { min: env.int('DATABASE_POOL_MIN', 2), max: env.int('DATABASE_POOL_MAX', 10) },
        acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
      },
    };
  }

  // An empty DATABASE_FILENAME (e.g. a blank line in .env) means the default, not the app folder.
  const filename = env('DATABASE_FILENAME') || '.tmp/data.db';
  // Strapi leaves SQLite in rollback-journal mode, where a reader blocks the writer; WAL lets them overlap.
  const useWal = env.bool('DATABASE_SQLITE_WAL', true);

  return {
    connection: {
      client: 'sqlite',
      connection: {
        filename: path.resolve(appRoot, filename),
      },
      useNullAsDefault: true,
      pool: useWal
        ? {
            afterCreate(conn, done) {
              conn.pragma('journal_mode = WAL');
              conn.pragma('synchronous = NORMAL');
              done(null, conn);
            },
          }
        : undefined,
    },
  };
};
