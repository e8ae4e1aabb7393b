// Load generation against a relay (the plugin or the bare baseline): visitor sockets send `message:send`,
// one agent socket watches every conversation, and each message is timed from the visitor's emit to the
// agent's `message:new`. Sender and receiver live in this process, so one clock times both ends.
import { performance } from 'node:perf_hooks';
import { AGENT_NAMESPACE, EVENTS, VISITOR_NAMESPACE } from './contract.mjs';
import { strapiHarness } from './harness.mjs';
import { percentiles, round } from './stats.mjs';

const ACK_TIMEOUT_MS = 10_000;
const TEXT = 'Hello, I ordered a blue kettle last week and it has not arrived yet. Can you check the tracking?';

/** Opens a socket on a plugin namespace (the tests' connectSocket, with a longer timeout for a loaded machine). */
export const connectSocket = (url, namespace, token) =>
  strapiHarness.connectSocket(url, namespace, token, { timeout: 10_000 });

const emitAck = (socket, event, payload) => strapiHarness.emitAck(socket, event, payload, ACK_TIMEOUT_MS);

/** Runs `task(i)` for i < count with at most `parallel` running at once. */
async function inBatches(count, parallel, task) {
  const results = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next;
      next += 1;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return results;
}

/** Sets up `visitors` conversations through `target.openConversation(i)`: `{ conversationId, token }` each. */
export const openConversations = (target, visitors) => inBatches(visitors, 4, (i) => target.openConversation(i));

/**
 * Connects one socket per visitor conversation and the socket of the agent who watches every conversation
 * (`watcherToken`, on `url`); a conversation with a `url` of its own has its visitor on that instance.
 * Runs wherever the load runs: in the server's process or in a process of its own.
 */
export async function connectToConversations(url, watcherToken, conversations) {
  const agentSocket = await connectSocket(url, AGENT_NAMESPACE, watcherToken);
  for (const { conversationId } of conversations) {
    const res = await emitAck(agentSocket, EVENTS.conversationWatch, { conversationId });
    if (!res?.ok) throw new Error(`conversation:watch ${conversationId} failed: ${JSON.stringify(res)}`);
  }
  const visitorSockets = await inBatches(conversations.length, 8, async (i) => ({
    socket: await connectSocket(conversations[i].url ?? url, VISITOR_NAMESPACE, conversations[i].token),
    conversationId: conversations[i].conversationId,
  }));
  return {
    agentSocket,
    visitors: visitorSockets,
    close() {
      agentSocket.disconnect();
      for (const { socket } of visitorSockets) socket.disconnect();
    },
  };
}

/** Sets up `visitors` conversations and connects to them from this process. */
export async function connectClients(target, visitors) {
  const conversations = await openConversations(target, visitors);
  return connectToConversations(target.url, target.watcher.token, conversations);
}

/** Bookkeeping of one phase: what was sent when, what came back, what the agent saw. */
class PhaseLog {
  constructor(prefix) {
    this.prefix = prefix;
    this.sentAt = new Map();
    this.received = new Set();
    this.latencies = [];
    this.scheduledAt = new Map();
    this.latenciesFromSchedule = [];
    this.duplicates = 0;
    this.acked = new Set();
    this.ackLatencies = [];
    this.lastAckAt = null;
    this.failed = new Set();
    this.settled = new Set();
    this.ackErrors = {};
    this.acksPending = 0;
    this.firstSendAt = null;
    this.lastReceiveAt = null;
    this.onComplete = null;
  }

  /** Sends message `index`; `scheduledAt` (open loop) is when the schedule wanted it to leave. */
  send(visitor, index, scheduledAt) {
    const clientId = `${this.prefix}-${index}`;
    const payload = { conversationId: visitor.conversationId, clientId, text: TEXT };
    this.acksPending += 1;
    const sentAt = performance.now();
    this.firstSendAt ??= sentAt;
    this.sentAt.set(clientId, sentAt);
    if (scheduledAt !== undefined) this.scheduledAt.set(clientId, scheduledAt);
    visitor.socket.timeout(ACK_TIMEOUT_MS).emit(EVENTS.messageSend, payload, (error, res) => {
      this.acksPending -= 1;
      const ackedAt = performance.now();
      if (!error && res?.ok) {
        this.acked.add(clientId);
        this.ackLatencies.push(ackedAt - sentAt);
        this.lastAckAt = ackedAt;
      } else {
        this.failed.add(clientId);
        const reason = error ? 'timeout' : `${res?.error?.status} ${res?.error?.message}`;
        this.ackErrors[reason] = (this.ackErrors[reason] ?? 0) + 1;
      }
      this.settle(clientId);
    });
  }

  receive(clientId, at) {
    const sentAt = this.sentAt.get(clientId);
    if (sentAt === undefined) return;
    if (this.received.has(clientId)) {
      this.duplicates += 1;
      return;
    }
    this.received.add(clientId);
    this.latencies.push(at - sentAt);
    const scheduledAt = this.scheduledAt.get(clientId);
    if (scheduledAt !== undefined) this.latenciesFromSchedule.push(at - scheduledAt);
    this.lastReceiveAt = at;
    this.settle(clientId);
  }

  /** A message is done once acknowledged and relayed, or once its ack failed. */
  settle(clientId) {
    if (this.settled.has(clientId)) return;
    if (this.failed.has(clientId) || (this.acked.has(clientId) && this.received.has(clientId))) {
      this.settled.add(clientId);
      this.onComplete?.(clientId);
    }
  }

  done() {
    return this.acksPending === 0 && this.settled.size === this.sentAt.size;
  }

  summary(elapsedMs) {
    const sent = this.sentAt.size;
    const ackedNotReceived = [...this.acked].filter((id) => !this.received.has(id)).length;
    return {
      sent,
      received: this.received.size,
      lost: sent - this.received.size,
      ackedNotReceived,
      duplicates: this.duplicates,
      acksOk: this.acked.size,
      acksFailed: this.failed.size,
      ackErrors: this.ackErrors,
      elapsedMs: Math.round(elapsedMs),
      deliveredPerSec: round((this.received.size / elapsedMs) * 1000),
      latencyMs: percentiles(this.latencies),
      // From the visitor's emit to the server's acknowledgement (the message is stored by then).
      ackLatencyMs: percentiles(this.ackLatencies),
    };
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until every message of `log` is settled, at most `drainMs`. */
async function drain(log, drainMs) {
  const deadline = performance.now() + drainMs;
  while (!log.done() && performance.now() < deadline) await sleep(10);
}

/** Listens on the agent socket for the phase's messages. */
function listen(clients, log) {
  const onMessage = (message) => log.receive(message?.clientId, performance.now());
  clients.agentSocket.on(EVENTS.messageNew, onMessage);
  return () => clients.agentSocket.off(EVENTS.messageNew, onMessage);
}

/**
 * Phase A, open loop: messages leave on a fixed schedule (`rate` per second, round robin over the
 * visitors) whatever the server does, so a slow server shows up as latency, not as a lower rate.
 */
export async function runOpenLoop(clients, { prefix, rate, durationMs, drainMs }) {
  const log = new PhaseLog(prefix);
  const stopListening = listen(clients, log);
  const total = Math.max(1, Math.round((rate * durationMs) / 1000));
  const sendLag = [];
  const start = performance.now();
  await new Promise((resolve) => {
    let sent = 0;
    const tick = () => {
      const now = performance.now();
      const due = Math.min(total, Math.floor(((now - start) * rate) / 1000) + 1);
      while (sent < due) {
        const scheduledAt = start + (sent * 1000) / rate;
        sendLag.push(now - scheduledAt);
        log.send(clients.visitors[sent % clients.visitors.length], sent, scheduledAt);
        sent += 1;
      }
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    };
    const timer = setInterval(tick, 1);
    tick();
  });
  const sendingMs = performance.now() - start;
  await drain(log, drainMs);
  stopListening();
  const summary = log.summary((log.lastReceiveAt ?? performance.now()) - start);
  return {
    ...summary,
    offeredPerSec: rate,
    achievedSendPerSec: round((total / sendingMs) * 1000),
    sendLagMs: percentiles(sendLag),
    // From when the schedule wanted the message out: counts the time a busy process kept it from leaving.
    latencyFromScheduleMs: percentiles(log.latenciesFromSchedule),
    log,
  };
}

/**
 * Phase C, a burst: every visitor sends `perVisitor` messages at once, all visitors together (200
 * visitors × 20 messages is the load the production probe used). The rate is acknowledged messages per
 * second from the first send to the last acknowledgement.
 */
export async function runBurst(clients, { prefix, perVisitor, drainMs }) {
  const log = new PhaseLog(prefix);
  const stopListening = listen(clients, log);
  const start = performance.now();
  let next = 0;
  for (let round = 0; round < perVisitor; round += 1) {
    for (const visitor of clients.visitors) log.send(visitor, next++);
  }
  await drain(log, drainMs + ACK_TIMEOUT_MS);
  stopListening();
  const ackedMs = (log.lastAckAt ?? performance.now()) - start;
  return {
    ...log.summary((log.lastReceiveAt ?? performance.now()) - start),
    perVisitor,
    ackedPerSec: round((log.acked.size / ackedMs) * 1000),
    log,
  };
}

/**
 * Phase B, closed loop: `window` messages in flight in total; a slot frees when its message is both
 * acknowledged and seen by the agent (or its ack failed), so the rate is what the relay sustains.
 */
export async function runClosedLoop(clients, { prefix, window, durationMs, drainMs }) {
  const log = new PhaseLog(prefix);
  const stopListening = listen(clients, log);
  const pending = new Set();
  let next = 0;
  let stalled = 0;
  const start = performance.now();
  const deadline = start + durationMs;
  const launch = () => {
    while (pending.size < window && performance.now() < deadline) {
      const clientId = `${prefix}-${next}`;
      pending.add(clientId);
      log.send(clients.visitors[next % clients.visitors.length], next);
      next += 1;
    }
  };
  log.onComplete = (clientId) => {
    if (!pending.delete(clientId)) return;
    launch();
  };
  // A message acknowledged but never relayed would hold its slot forever; free it after the ack timeout.
  const sweeper = setInterval(() => {
    const now = performance.now();
    for (const clientId of pending) {
      if (now - log.sentAt.get(clientId) > ACK_TIMEOUT_MS) {
        pending.delete(clientId);
        stalled += 1;
      }
    }
    launch();
  }, 250);
  launch();
  while (performance.now() < deadline) await sleep(20);
  clearInterval(sweeper);
  await drain(log, drainMs);
  stopListening();
  return { ...log.summary((log.lastReceiveAt ?? performance.now()) - start), window, stalled, log };
}
