// The plugin contract (`plugin/`, TypeScript) for plain-JS benches, through the tests' harness: the socket
// path, namespaces and event names come from the one place the server and clients read them.
import { contract } from './harness.mjs';

export { repoRoot } from './harness.mjs';

export const { SOCKET_PATH, VISITOR_NAMESPACE, AGENT_NAMESPACE, EVENTS, PLUGIN_ID, uid, configSchema, REPORT_COLUMNS } =
  contract;
