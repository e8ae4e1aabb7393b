// Real database trouble for a test: the playground's own database refuses a write, so the server fails as it
// would on a full disk or a broken replica, through every layer above it.
import type { TestApp } from './strapi';

const TRIGGER = 'livechat_test_refuse_insert';

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Makes every insert into `table` whose `text` column is `text` fail in the database; `restore()` lifts it. */
export async function refuseInserts(app: TestApp, table: string, text: string): Promise<{ restore(): Promise<void> }> {
  const { connection, dialect } = app.strapi.db;
  if (dialect.client === 'postgres') {
    await connection.raw(
      `CREATE FUNCTION ${TRIGGER}() RETURNS trigger AS $$ BEGIN
         IF NEW.text = ${literal(text)} THEN RAISE EXCEPTION 'livechat test: insert refused'; END IF;
         RETURN NEW;
       END $$ LANGUAGE plpgsql`,
    );
    await connection.raw(
      `CREATE TRIGGER ${TRIGGER} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ${TRIGGER}()`,
    );
    return {
      async restore() {
        await connection.raw(`DROP TRIGGER ${TRIGGER} ON ${table}`);
        await connection.raw(`DROP FUNCTION ${TRIGGER}()`);
      },
    };
  }
  await connection.raw(
    `CREATE TRIGGER ${TRIGGER} BEFORE INSERT ON ${table} WHEN NEW.text = ${literal(text)}
     BEGIN SELECT RAISE(ABORT, 'livechat test: insert refused'); END`,
  );
  return {
    async restore() {
      await connection.raw(`DROP TRIGGER ${TRIGGER}`);
    },
  };
}
