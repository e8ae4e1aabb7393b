/**
 * Runs the work for one key one after another, in this process; different keys run side by side. A
 * check-then-write (a cap, a capacity) done inside it cannot be passed by two requests at once.
 */
export function oneAtATime<Key>() {
  const tails = new Map<Key, Promise<unknown>>();
  return <T>(key: Key, run: () => Promise<T>): Promise<T> => {
    const result = (tails.get(key) ?? Promise.resolve()).then(run);
    const tail = result.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => tails.get(key) === tail && tails.delete(key));
    return result;
  };
}
