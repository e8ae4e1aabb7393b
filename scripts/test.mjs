#!/usr/bin/env node
// Runs jest's two projects at once, each in a process of its own: `sqlite` (every file, browser tests
// included) streams its output; `postgres` (API-level files only, no browser) is printed whole when it ends,
// so the two never interleave. Together they take about as long as `sqlite` alone on two cores.
// Exits non-zero when either project fails. Extra arguments go to both jest runs.
import { spawn } from 'node:child_process';

const extra = process.argv.slice(2);

const run = (script, { stream }) =>
  new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...extra], {
      stdio: ['ignore', stream ? 'inherit' : 'pipe', stream ? 'inherit' : 'pipe'],
    });
    const captured = [];
    if (!stream) {
      child.stdout.on('data', (chunk) => captured.push(chunk));
      child.stderr.on('data', (chunk) => captured.push(chunk));
    }
    child.on('close', (code, signal) => resolve({ script, code: code ?? 1, signal, output: Buffer.concat(captured) }));
  });

const started = Date.now();
const postgres = run('test:postgres', { stream: false });
const sqlite = await run('test:sqlite', { stream: true });
const postgresResult = await postgres;
process.stdout.write(`\n===== test:postgres (ran alongside test:sqlite) =====\n`);
process.stdout.write(postgresResult.output);

const failed = [sqlite, postgresResult].filter((result) => result.code !== 0);
const minutes = ((Date.now() - started) / 60000).toFixed(1);
for (const result of [sqlite, postgresResult]) {
  console.log(
    `${result.script}: ${result.code === 0 ? 'passed' : `failed (exit ${result.code}${result.signal ? `, ${result.signal}` : ''})`}`,
  );
}
console.log(`both projects in ${minutes} min`);
process.exit(failed.length > 0 ? 1 : 0);
