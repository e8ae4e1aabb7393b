// Real network trouble between a client and the playground, on loopback: a TCP hop a test can cut, restore, or
// make lose answers (the flaky phone connection), and an HTTP gateway that answers errors itself (the overloaded
// load balancer). Nothing is mocked; bytes either pass or they do not.
import http from 'node:http';
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

export interface Gateway {
  /** Base URL through the gateway. */
  url: string;
  /** Answers `status` itself to every request whose `METHOD /path` starts with `route`, as an overloaded load balancer does. */
  fail(route: string, status: number): void;
  /** Passes every request through again. */
  restore(): void;
  /** How many requests the gateway answered itself. */
  failures(): number;
  close(): Promise<void>;
}

/** Starts an HTTP gateway to `target` (requests and socket upgrades pass through) that can answer errors itself. */
export async function startGateway(target: string): Promise<Gateway> {
  const { hostname, port } = new URL(target);
  let failing: { route: string; status: number } | null = null;
  let answered = 0;
  const tunnels = new Set<net.Socket>();

  const server = http.createServer((request, response) => {
    if (failing && `${request.method} ${request.url}`.startsWith(failing.route)) {
      answered += 1;
      request.resume();
      response.writeHead(failing.status, { 'content-type': 'text/plain' }).end('Service unavailable');
      return;
    }
    const upstream = http.request(
      { host: hostname, port, method: request.method, path: request.url, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  // A websocket upgrade is relayed byte for byte, headers included.
  server.on('upgrade', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const upstream = net.connect(Number(port), hostname, () => {
      const headers = Object.entries(request.headersDistinct).flatMap(([name, values]) =>
        (values ?? []).map((value) => `${name}: ${value}`),
      );
      upstream.write(`${request.method} ${request.url} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`);
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      tunnels.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        tunnels.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${address.port}`,
    fail(route, status) {
      failing = { route, status };
    },
    restore() {
      failing = null;
    },
    failures: () => answered,
    async close() {
      tunnels.forEach((socket) => socket.destroy());
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
