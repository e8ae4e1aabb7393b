// The load in a process of its own (as an outside client measures): it connects the visitor sockets and the
// watching agent's socket, runs the phases, and asks the server's process for the stored counts over IPC.
// Forked by runLoadProcess; the same file is the child's entry point.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const scriptPath = fileURLToPath(import.meta.url);

/**
 * Runs `phases` from a forked load process against `conversations` (each `{ conversationId, token, url? }`:
 * a visitor connects to its own `url` when it has one, else to `target.url`, where the watching agent is).
 * `store` (or null) answers the child's `countAll` and `countByClientId` questions; `onProgress(text, pid)`, if
 * given, hears each progress line with the load process's id.
 */
export function runLoadProcess(target, conversations, options, { phases, store, progress, onProgress }) {
  const child = fork(scriptPath, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  child.send({
    type: 'start',
    url: target.url,
    watcherToken: target.watcher.token,
    conversations,
    phases,
    options,
    hasStore: store !== null,
  });
  return new Promise((resolve, reject) => {
    child.on('message', async (message) => {
      if (message.type === 'progress') {
        progress(message.text);
        onProgress?.(message.text, child.pid);
      }
      if (message.type === 'store') {
        const value = await store[message.op](...message.args);
        child.send({ type: 'store', id: message.id, value: value instanceof Map ? [...value] : value });
      }
      if (message.type === 'result') resolve(message.result);
      if (message.type === 'error') reject(new Error(message.error));
    });
    child.on('exit', (code) => code !== 0 && reject(new Error(`load process exited with ${code}`)));
  });
}

/** The load process: connects, runs the phases, reports the figures to the server's process. */
async function runLoadChild() {
  const { connectToConversations } = await import('./load.mjs');
  const { runPhases } = await import('./phases.mjs');
  const { url, watcherToken, conversations, phases, options, hasStore } = await new Promise((resolve) =>
    process.once('message', resolve),
  );
  const waiting = new Map();
  let nextId = 0;
  process.on('message', (message) => {
    if (message.type !== 'store') return;
    const settle = waiting.get(message.id);
    waiting.delete(message.id);
    settle?.(Array.isArray(message.value) ? new Map(message.value) : message.value);
  });
  const ask =
    (op) =>
    (...args) =>
      new Promise((resolve) => {
        nextId += 1;
        waiting.set(nextId, resolve);
        process.send({ type: 'store', id: nextId, op, args });
      });
  const store = hasStore ? { countAll: ask('countAll'), countByClientId: ask('countByClientId') } : null;
  const progress = (text) => process.send({ type: 'progress', text: `  load process: ${text}` });
  const clients = await connectToConversations(url, watcherToken, conversations);
  try {
    const figures = await runPhases(clients, options, { phases, store, progress });
    process.send({ type: 'result', result: { ...figures, loadProcess: true } }, () => process.exit(0));
  } finally {
    clients.close();
  }
}

if (process.argv[1] === scriptPath) {
  runLoadChild().catch((error) => {
    process.send({ type: 'error', error: error.stack ?? String(error) }, () => process.exit(1));
  });
}
