// Setup file of the `postgres` jest project: every startStrapi() without an explicit database uses PostgreSQL.
process.env.LIVECHAT_TEST_DATABASE = 'postgres';
