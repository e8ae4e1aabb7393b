// Environment variables the playground reads (config/*.js, src/index.js), besides Strapi's own secrets.
declare namespace NodeJS {
  interface ProcessEnv {
    /** `false` skips the sample users, articles and knowledge entries (the tests create their own). */
    LIVECHAT_SEED?: string;
    /** JSON merged over `livechat.config` in config/plugins.js; set by tests/helpers/strapi.ts. */
    LIVECHAT_TEST_CONFIG?: string;
    /** Redis URL for the socket.io Redis adapter. */
    LIVECHAT_REDIS?: string;
    /** `postgres` switches from SQLite to PostgreSQL. */
    DATABASE_CLIENT?: string;
    /** SQLite file, relative to the playground; empty means `.tmp/data.db`. */
    DATABASE_FILENAME?: string;
    /** `false` keeps SQLite in rollback-journal mode instead of WAL. */
    DATABASE_SQLITE_WAL?: string;
    /** `false` runs without the admin panel build. */
    SERVE_ADMIN_PANEL?: string;
  }
}
