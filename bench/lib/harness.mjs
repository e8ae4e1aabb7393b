// The tests' harness for benches: tests/helpers/*.ts (booting the playground, agents, sockets, Strapi child
// processes, Chromium) and the plugin contract, loaded through a require hook that compiles TypeScript with
// @swc/core exactly as jest does (jest.config.js), so a change to how the playground boots is made once.
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from '@swc/core';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const SWC_OPTIONS = {
  jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true } },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

// Only our own sources: packages ship JavaScript.
if (!Module._extensions['.ts']) {
  Module._extensions['.ts'] = (module, filename) => {
    const { code } = transformSync(readFileSync(filename, 'utf8'), { ...SWC_OPTIONS, filename });
    module._compile(code, filename);
  };
}

const require = createRequire(import.meta.url);
const helper = (name) => require(path.join(repoRoot, 'tests', 'helpers', `${name}.ts`));

/** tests/helpers/strapi.ts: startStrapi, createAgent, connectSocket, emitAck, nextEvent. */
export const strapiHarness = helper('strapi');
/** tests/helpers/cluster.ts: startStrapiProcess, createPostgresDatabase, sharedRedis, REDIS_URL. */
export const cluster = helper('cluster');
/** tests/helpers/browser.ts: launchBrowser, CHROMIUM_PATH, CHROMIUM_ARGS. */
export const browserHarness = helper('browser');
/** plugin/index.ts: the contract the server, widget and clients read. */
export const contract = require(path.join(repoRoot, 'plugin', 'index.ts'));
