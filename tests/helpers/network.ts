// A real TCP hop between a client and the playground that a test can cut, restore, or make lose answers:
// the flaky phone connection, on loopback. Nothing is mocked; bytes either pass or they do not.
import net, { type AddressInfo } from 'node:net';

export interface FlakyNetwork {
  /** Base URL through the hop, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Drops every open connection and refuses new ones until `restore`. */
  cut(): void;
  /** Lets connections through again. */
  restore(): void;
  /** Requests still reach the server, but nothing comes back (answers and acks are lost). */
  loseAnswers(): void;
  close(): Promise<void>;
}

/** Starts a TCP hop to `target` (a URL like `http://127.0.0.1:1337`). */
export async function startFlakyNetwork(target: string): Promise<FlakyNetwork> {
  const { hostname, port } = new URL(target);
  let mode: 'open' | 'cut' | 'lose-answers' = 'open';
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();

  const server = net.createServer((client) => {
    if (mode === 'cut') {
      client.destroy();
      return;
    }
    const upstream = net.connect(Number(port), hostname);
    const pair = { client, upstream };
    pairs.add(pair);
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => {
      if (mode === 'open') client.write(chunk);
    });
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', drop);
    upstream.on('close', drop);
    client.on('error', drop);
    upstream.on('error', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;

  const network: FlakyNetwork = {
    url: `http://127.0.0.1:${address.port}`,
    cut() {
      mode = 'cut';
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream.destroy();
      }
      pairs.clear();
    },
    restore() {
      mode = 'open';
    },
    loseAnswers() {
      mode = 'lose-answers';
    },
    async close() {
      network.cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return network;
}
