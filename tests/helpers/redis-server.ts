// A Redis server of the test's own on a free port, which the test kills and starts again: a Redis outage.
import { spawn, type ChildProcess } from 'node:child_process';
import net, { type AddressInfo } from 'node:net';

export interface RedisServer {
  /** e.g. `redis://127.0.0.1:40123` */
  url: string;
  /** Kills the server (SIGKILL: clients get no goodbye) and waits until it has exited. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty (nothing is saved). */
  restart(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

/** Runs redis-server without persistence and resolves once it accepts connections. */
const launch = (port: number) =>
  new Promise<ChildProcess>((resolve, reject) => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    const onOutput = (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('Ready to accept connections')) return;
      // Still read (and drop) what it logs later, so the pipe never fills.
      child.stdout?.off('data', onOutput).resume();
      child.off('exit', onExit);
      resolve(child);
    };
    const onExit = (code: number | null) => reject(new Error(`redis-server exited with ${code}: ${output}`));
    child.stdout?.on('data', onOutput);
    child.once('exit', onExit);
    child.once('error', reject);
  });

/** Starts a Redis server on a free port; kill it before the test file ends. */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | null = await launch(port);
  return {
    url: `redis://127.0.0.1:${port}`,
    async kill() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
    async restart() {
      if (child) throw new Error('redis-server is still running');
      child = await launch(port);
    },
  };
}
