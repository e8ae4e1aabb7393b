// The plugin contract (`plugin/`, TypeScript) for plain-JS benches: bundled in memory with esbuild, so the
// socket path, namespaces and event names come from the one place the server and clients read them.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const { outputFiles } = await build({
  entryPoints: [path.join(repoRoot, 'plugin', 'index.ts')],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'node',
  logLevel: 'silent',
});

const contract = await import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`);

export const { SOCKET_PATH, VISITOR_NAMESPACE, AGENT_NAMESPACE, EVENTS, PLUGIN_ID, uid, configSchema, REPORT_COLUMNS } =
  contract;
