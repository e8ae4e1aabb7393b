// A real HTTP server speaking the OpenAI chat-completions and embeddings APIs on loopback: the provider the
// tests point `livechat.config.llm.baseURL` (and `knowledge.embeddings.baseURL`) at. Each test scripts
// what the "model" does next.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake model does with one request. */
export type ModelBehaviour =
  /** Answers `text`; a streaming request gets it in `chunks` (by default, word by word). */
  | { kind: 'answer'; text: string; chunks?: string[] }
  /** Answers an HTTP error, as OpenAI does for rate limits (429) and outages (500). */
  | { kind: 'error'; status: number; message?: string }
  /** Waits `delayMs` before answering `text`; a streaming request gets its first chunk at once, then waits. */
  | { kind: 'slow'; delayMs: number; text: string }
  /** Answers something that is not valid JSON (a broken body, or a broken SSE chunk after a good one). */
  | { kind: 'malformed' };

/** What the fake embeddings model does with one request. */
export type EmbeddingsBehaviour =
  /** Deterministic vectors: a hashed bag of words (texts sharing words point the same way). */
  | { kind: 'vectors' }
  | { kind: 'error'; status: number }
  /** Waits `delayMs`, then answers vectors. */
  | { kind: 'slow'; delayMs: number };

/** Dimensions of the fake embeddings. */
export const EMBEDDING_DIMENSIONS = 64;

/** The fake embedding of `text`: each lower-cased word adds 1 to a hashed dimension; unit length. */
export function hashedEmbedding(text: string): number[] {
  const vector = new Array<number>(EMBEDDING_DIMENSIONS).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    vector[createHash('md5').update(word).digest().readUInt32LE(0) % EMBEDDING_DIMENSIONS] += 1;
  }
  const length = Math.hypot(...vector) || 1;
  return vector.map((value) => value / length);
}

export interface ChatMessage {
  role: string;
  content: string;
}

export interface ReceivedRequest {
  path: string;
  authorization: string | undefined;
  body: { model: string; messages: ChatMessage[]; stream?: boolean; [key: string]: unknown };
}

export interface FakeOpenAI {
  /** Base URL for the OpenAI client, e.g. `http://127.0.0.1:40123/v1`. */
  baseURL: string;
  /** Every chat-completions request received, in order. */
  requests: ReceivedRequest[];
  /** The behaviours for the next requests, in order; after them, `otherwise`. */
  script(...behaviours: ModelBehaviour[]): void;
  /** What the model does when nothing is scripted (by default it answers "Fake answer [1]."). */
  otherwise(behaviour: ModelBehaviour | ((request: ReceivedRequest) => ModelBehaviour)): void;
  /** The texts of every embeddings request received, in order. */
  embeddingRequests: string[][];
  /** What the next embeddings requests do, in order; after them, `embeddingsOtherwise`. */
  scriptEmbeddings(...behaviours: EmbeddingsBehaviour[]): void;
  /** What embeddings requests do when nothing is scripted (by default: vectors). */
  embeddingsOtherwise(behaviour: EmbeddingsBehaviour): void;
  close(): Promise<void>;
}

// Slow answers wait on these; closing the server ends the waits so nothing outlives the test file.
const waits = new Set<() => void>();
const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      waits.delete(done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    waits.add(done);
  });

const wordChunks = (text: string) => text.match(/\S+\s*/g) ?? [text];

const completion = (model: string, content: string) => ({
  id: 'chatcmpl-fake',
  object: 'chat.completion',
  created: Math.floor(Date.now() / 1000),
  model,
  choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
});

const chunk = (model: string, delta: Record<string, string>, finishReason: string | null = null) =>
  `data: ${JSON.stringify({
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  })}\n\n`;

async function readBody(request: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

async function stream(response: ServerResponse, model: string, pieces: string[], pauseAfterFirstMs = 0) {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const [index, piece] of pieces.entries()) {
    if (response.destroyed) return;
    response.write(chunk(model, index === 0 ? { role: 'assistant', content: piece } : { content: piece }));
    if (index === 0 && pauseAfterFirstMs) await sleep(pauseAfterFirstMs);
  }
  if (response.destroyed) return;
  response.write(chunk(model, {}, 'stop'));
  response.end('data: [DONE]\n\n');
}

async function behave(response: ServerResponse, request: ReceivedRequest, behaviour: ModelBehaviour) {
  const model = request.body.model;
  const streaming = request.body.stream === true;
  switch (behaviour.kind) {
    case 'answer':
      if (streaming) return stream(response, model, behaviour.chunks ?? wordChunks(behaviour.text));
      response.writeHead(200, { 'content-type': 'application/json' });
      return response.end(JSON.stringify(completion(model, behaviour.text)));
    case 'error':
      response.writeHead(behaviour.status, { 'content-type': 'application/json' });
      return response.end(
        JSON.stringify({ error: { message: behaviour.message ?? `Error ${behaviour.status}`, type: 'server_error' } }),
      );
    case 'slow':
      if (streaming) return stream(response, model, wordChunks(behaviour.text), behaviour.delayMs);
      await sleep(behaviour.delayMs);
      if (response.destroyed) return;
      response.writeHead(200, { 'content-type': 'application/json' });
      return response.end(JSON.stringify(completion(model, behaviour.text)));
    case 'malformed':
      if (streaming) {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write(chunk(model, { role: 'assistant', content: 'Half' }));
        return response.end('data: {"choices": [{"delta": {"content": "an ans\n\n');
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      return response.end('{"id": "chatcmpl-fake", "choices": [');
  }
}

async function embed(
  response: ServerResponse,
  body: { model: string; input: string | string[]; encoding_format?: string },
  behaviour: EmbeddingsBehaviour,
) {
  if (behaviour.kind === 'error') {
    response.writeHead(behaviour.status, { 'content-type': 'application/json' });
    return response.end(JSON.stringify({ error: { message: `Error ${behaviour.status}`, type: 'server_error' } }));
  }
  if (behaviour.kind === 'slow') await sleep(behaviour.delayMs);
  if (response.destroyed) return;
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  // The OpenAI SDK asks for base64 (little-endian float32) unless told otherwise.
  const encode = (vector: number[]) =>
    body.encoding_format === 'base64' ? Buffer.from(Float32Array.from(vector).buffer).toString('base64') : vector;
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify({
      object: 'list',
      model: body.model,
      data: inputs.map((text, index) => ({ object: 'embedding', index, embedding: encode(hashedEmbedding(text)) })),
      usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
    }),
  );
}

/** Starts the fake provider on a free loopback port. */
export async function startOpenAIServer(): Promise<FakeOpenAI> {
  const requests: ReceivedRequest[] = [];
  const scripted: ModelBehaviour[] = [];
  const embeddingRequests: string[][] = [];
  const scriptedEmbeddings: EmbeddingsBehaviour[] = [];
  let embeddingsFallback: EmbeddingsBehaviour = { kind: 'vectors' };
  let fallback: ModelBehaviour | ((request: ReceivedRequest) => ModelBehaviour) = {
    kind: 'answer',
    text: 'Fake answer [1].',
  };

  const server = createServer((incoming, response) => {
    void (async () => {
      const raw = await readBody(incoming);
      if (incoming.method === 'POST' && incoming.url === '/v1/embeddings') {
        const body = JSON.parse(raw);
        embeddingRequests.push(Array.isArray(body.input) ? body.input : [body.input]);
        return embed(response, body, scriptedEmbeddings.shift() ?? embeddingsFallback);
      }
      if (incoming.method !== 'POST' || incoming.url !== '/v1/chat/completions') {
        response.writeHead(404, { 'content-type': 'application/json' });
        return response.end(JSON.stringify({ error: { message: `No route ${incoming.method} ${incoming.url}` } }));
      }
      const request: ReceivedRequest = {
        path: incoming.url,
        authorization: incoming.headers.authorization,
        body: JSON.parse(raw),
      };
      requests.push(request);
      const behaviour = scripted.shift() ?? (typeof fallback === 'function' ? fallback(request) : fallback);
      await behave(response, request, behaviour);
    })().catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...behaviours) => void scripted.push(...behaviours),
    otherwise: (behaviour) => void (fallback = behaviour),
    embeddingRequests,
    scriptEmbeddings: (...behaviours) => void scriptedEmbeddings.push(...behaviours),
    embeddingsOtherwise: (behaviour) => void (embeddingsFallback = behaviour),
    async close() {
      waits.forEach((done) => done());
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
