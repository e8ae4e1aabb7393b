// A real HTTP server on loopback that records what Strapi's webhook runner posts to it.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookDelivery } from '../../plugin';
import { arrivals, type Arrivals } from './arrivals';

export interface ReceivedDelivery {
  /** The request path: one receiver stands for several webhooks (`/all`, `/disabled`…). */
  path: string;
  headers: IncomingHttpHeaders;
  body: WebhookDelivery;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>` */
  url: string;
  deliveries: ReceivedDelivery[];
  waitFor: Arrivals<ReceivedDelivery>['waitFor'];
  close(): Promise<void>;
}

/** Starts an HTTP server on a random port that records every POST and answers 200. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const deliveries = arrivals<ReceivedDelivery>('webhook delivery');
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      deliveries.add({
        path: request.url ?? '/',
        headers: request.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as WebhookDelivery,
      });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    deliveries: deliveries.received,
    waitFor: deliveries.waitFor,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
