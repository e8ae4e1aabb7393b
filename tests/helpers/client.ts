// The headless client as a site would use it, tuned for tests: memory storage, quick reconnects, short ack waits.
import {
  createLivechatClient,
  memoryStorage,
  type LivechatClient,
  type LivechatClientEvents,
  type LivechatClientOptions,
} from '../../widget/client';

const clients = new Set<LivechatClient>();

/** A client for the server at `url`; closed by `closeClients` in afterAll/afterEach. */
export function visitorClient(url: string, options: Partial<LivechatClientOptions> = {}): LivechatClient {
  const client = createLivechatClient({
    url,
    storage: memoryStorage(),
    ackTimeoutMs: 1500,
    ...options,
    socket: { reconnectionDelay: 100, reconnectionDelayMax: 400, ...options.socket },
  });
  clients.add(client);
  return client;
}

/** Closes every client the test opened. */
export function closeClients() {
  clients.forEach((client) => client.close());
  clients.clear();
}

/** Records every payload of a client event, in order. */
export function record<K extends keyof LivechatClientEvents>(client: LivechatClient, event: K) {
  const seen: Array<Parameters<LivechatClientEvents[K]>[0]> = [];
  client.on(event, ((payload: Parameters<LivechatClientEvents[K]>[0]) =>
    seen.push(payload)) as LivechatClientEvents[K]);
  return seen;
}

/** Resolves with the next payload of `event` that matches. */
export function nextClientEvent<K extends keyof LivechatClientEvents>(
  client: LivechatClient,
  event: K,
  predicate: (payload: Parameters<LivechatClientEvents[K]>[0]) => boolean = () => true,
  timeoutMs = 8000,
): Promise<Parameters<LivechatClientEvents[K]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`No matching client "${String(event)}" event within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = client.on(event, ((payload: Parameters<LivechatClientEvents[K]>[0]) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    }) as LivechatClientEvents[K]);
  });
}

/** Resolves once the client is connected and caught up (at once if it already is). */
export async function whenOnline(client: LivechatClient, timeoutMs = 8000): Promise<void> {
  if (client.connection === 'online') return;
  await nextClientEvent(client, 'connection', (state) => state === 'online', timeoutMs);
}
