/**
 * Resolves on the next turn of the event loop, after pending I/O. SQLite queries (better-sqlite3) are
 * synchronous under their promises, so a loop over many pages of rows lets the server read no socket at
 * all (no visitor message, no agent request) unless it awaits this between pages.
 */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
