/** One write waiting for its batch; settled once its batch is written (or it is refused). */
export interface PendingWrite<Item, Result> {
  item: Item;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

export interface GroupCommitOptions<Item, Result> {
  /** Writes in one batch at the most. */
  maxBatch: number;
  /** Batches written at the same time: 1 for SQLite (one writer); more where the database works in parallel. */
  concurrency: number;
  /**
   * At most one batch starts per this many milliseconds (default 0: as soon as the event loop turns). A write
   * after a quiet spell still goes at once; under a crowd that trickles in over many turns (handshakes
   * after a deploy) the spacing lets each batch gather what arrives meanwhile, instead of one query each.
   */
  spacingMs?: number;
  /** Writes with the same key keep their order: a key never has two batches in flight. */
  keyOf(item: Item): string | number;
  /** Stores a batch and settles every write in it; if it throws, those still open fail with its error. */
  writeBatch(batch: Array<PendingWrite<Item, Result>>): Promise<void>;
}

/**
 * A group-commit queue: writes that arrive in the same turn of the event loop are handed to `writeBatch`
 * together. What arrives while batches are being written forms the next batch, so under load each
 * transaction carries many writes, and at one write at a time it is the plain path. With `concurrency`
 * above 1 the next batch is read and written while the database still commits the previous one (a network
 * database spends most of a batch waiting on round trips); a key's writes still go one batch at a time.
 */
export function groupCommit<Item, Result>(options: GroupCommitOptions<Item, Result>) {
  const waiting: Array<PendingWrite<Item, Result>> = [];
  const busyKeys = new Set<string | number>();
  let inFlight = 0;
  let scheduled = false;
  let lastStart = -Infinity;
  const spacingMs = options.spacingMs ?? 0;

  /** The next batch: waiting writes whose key has no batch in flight, in arrival order. */
  const takeBatch = () => {
    const batch: Array<PendingWrite<Item, Result>> = [];
    const keys = new Set<string | number>();
    const rest: Array<PendingWrite<Item, Result>> = [];
    for (const write of waiting) {
      const key = options.keyOf(write.item);
      if (batch.length < options.maxBatch && !busyKeys.has(key)) {
        keys.add(key);
        batch.push(write);
      } else rest.push(write);
    }
    waiting.splice(0, waiting.length, ...rest);
    return { batch, keys };
  };

  const schedule = () => {
    if (scheduled || inFlight >= options.concurrency || waiting.length === 0) return;
    scheduled = true;
    const run = () => {
      scheduled = false;
      while (inFlight < options.concurrency) {
        if (spacingMs > 0 && performance.now() - lastStart < spacingMs) {
          schedule();
          return;
        }
        const { batch, keys } = takeBatch();
        if (batch.length === 0) return;
        lastStart = performance.now();
        inFlight += 1;
        for (const key of keys) busyKeys.add(key);
        options
          .writeBatch(batch)
          .catch((error) => {
            // Settling twice is harmless: a promise keeps its first outcome.
            for (const write of batch) write.reject(error);
          })
          .finally(() => {
            inFlight -= 1;
            for (const key of keys) busyKeys.delete(key);
            schedule();
          });
      }
    };
    const wait = lastStart + spacingMs - performance.now();
    if (wait > 0) setTimeout(run, wait);
    else setImmediate(run);
  };

  return {
    /** Queues one write; resolves with its result once its batch is stored. */
    push(item: Item): Promise<Result> {
      return new Promise<Result>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        schedule();
      });
    },
  };
}
