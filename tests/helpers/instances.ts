// Two instances of the product behind one load balancer, as the scale tests run them.
import { startStrapiProcess, type StrapiProcess } from './cluster';
import { createAgent, startStrapi, type TestAgent, type TestApp } from './strapi';

export interface TwoInstances {
  /** In this process: it owns the throwaway PostgreSQL database. */
  a: TestApp;
  /** In a child process with the same environment, so visitor tokens and admin sessions hold on both. */
  b: StrapiProcess;
  /** An agent with every plugin permission, created on A. */
  agent: TestAgent;
  /** Stops B, then A (A's stop drops the database B is connected to). */
  stop(): Promise<void>;
}

/** Boots A on PostgreSQL with `config` (Redis included, see `sharedRedis`), then B with the same config. */
export async function startTwoInstances(config: Record<string, unknown>): Promise<TwoInstances> {
  const a = await startStrapi({ database: 'postgres', config });
  let b: StrapiProcess | undefined;
  try {
    b = await startStrapiProcess();
    const agent = await createAgent(a);
    const started = b;
    return {
      a,
      b: started,
      agent,
      async stop() {
        await started.stop();
        await a.stop();
      },
    };
  } catch (error) {
    await b?.stop();
    await a.stop();
    throw error;
  }
}
