/** Where the client keeps the visitor session (sync or async, so React Native's AsyncStorage fits too). */
export interface LivechatStorage {
  get(key: string): string | null | undefined | Promise<string | null | undefined>;
  set(key: string, value: string): void | Promise<void>;
  remove(key: string): void | Promise<void>;
}

/** Keeps values in memory: the session lasts as long as the process (the default in Node). */
export function memoryStorage(): LivechatStorage {
  const values = new Map<string, string>();
  return {
    get: (key) => values.get(key) ?? null,
    set: (key, value) => void values.set(key, value),
    remove: (key) => void values.delete(key),
  };
}

/** The browser's localStorage, or memory where there is none or it refuses (private mode, blocked cookies). */
export function defaultStorage(): LivechatStorage {
  try {
    const local = globalThis.localStorage;
    const probe = '__livechat_probe__';
    local.setItem(probe, probe);
    local.removeItem(probe);
    return {
      get: (key) => local.getItem(key),
      set: (key, value) => local.setItem(key, value),
      remove: (key) => local.removeItem(key),
    };
  } catch {
    return memoryStorage();
  }
}
