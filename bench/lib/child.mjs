// One benchmark configuration in a forked child process: Strapi keeps global state, so each run gets its
// own process. The child reports with process.send({ type: 'progress' | 'result' | 'error', … }).
import { fork } from 'node:child_process';

/**
 * Forks `script` with `args`; resolves with the child's `result` message once it exits cleanly, or
 * rejects with the last `tailLines` lines of its output. `verbose` streams that output to stderr.
 */
export function runInChild(script, args, { name, execArgv = [], verbose = false, tailLines = 40 }) {
  const child = fork(script, args, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], execArgv });
  const output = [];
  const keep = (chunk) => {
    output.push(chunk.toString());
    if (output.length > 400) output.shift();
    if (verbose) process.stderr.write(chunk);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return new Promise((resolve, reject) => {
    let result = null;
    child.on('message', (message) => {
      if (message.type === 'progress') console.error(message.text);
      if (message.type === 'result') result = message.result;
      if (message.type === 'error') output.push(`${message.error}\n`);
    });
    child.on('exit', (code) => {
      if (result && code === 0) resolve(result);
      else
        reject(new Error(`${name} exited with ${code}:\n${output.join('').split('\n').slice(-tailLines).join('\n')}`));
    });
  });
}
