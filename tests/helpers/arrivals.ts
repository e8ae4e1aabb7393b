// What a local test server receives over time (mails, webhook deliveries), and a wait for one of them.

export interface Arrivals<T> {
  /** Everything received so far, in order. */
  received: T[];
  /** Records one arrival and wakes the waits it may satisfy. */
  add(item: T): void;
  /** Resolves with the first arrival (already received or still to come) that matches. */
  waitFor(predicate: (item: T) => boolean, timeoutMs?: number): Promise<T>;
}

/** An empty list of arrivals; `what` names one in the timeout error ("email", "webhook delivery"). */
export function arrivals<T>(what: string): Arrivals<T> {
  const received: T[] = [];
  const waiters = new Set<() => void>();
  return {
    received,
    add(item) {
      received.push(item);
      waiters.forEach((wake) => wake());
    },
    waitFor(predicate, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = received.find(predicate);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`No matching ${what} within ${timeoutMs} ms (received ${received.length})`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
  };
}
