'use strict';

// One more playground Strapi, forked by tests/helpers/cluster.ts. Boots exactly like the in-process harness,
// from the environment the parent hands over; reports its URL over IPC and shuts down on 'stop'.
const path = require('node:path');
const { createStrapi } = require('@strapi/strapi');

const appDir = path.resolve(__dirname, '..', '..', 'playground');

const report = (message) => new Promise((resolve) => (process.connected ? process.send(message, resolve) : resolve()));

async function main() {
  const strapi = createStrapi({ appDir, distDir: appDir, autoReload: false, serveAdminPanel: false });
  let stopping;
  const stop = () => {
    stopping ??= strapi
      .destroy()
      .catch((error) => console.error(`strapi-process: destroy failed: ${error.stack}`))
      .finally(() => process.exit(0));
    return stopping;
  };
  process.on('message', (message) => message === 'stop' && stop());
  // The parent is gone (jest crashed or was killed): do not linger holding the database and the port.
  process.on('disconnect', stop);

  await strapi.load();
  await strapi.listen();
  const { port } = strapi.server.httpServer.address();
  await report({ type: 'ready', url: `http://127.0.0.1:${port}` });
}

main().catch(async (error) => {
  await report({ type: 'failed', error: error.stack ?? String(error) });
  process.exit(1);
});
