import type { Core } from '@strapi/strapi';
import { perStrapi } from '../per-strapi';
import { groupCommit, type PendingWrite } from './group-commit';
import { tables } from './index';
import { sqlNames } from './sql';

/**
 * Contacts in one batched query at the most (an `id IN (…)` list). Every handshake of a batch completes in
 * the turn its answer arrives, and while that turn runs no new connection is accepted: 100 keeps it short
 * (a few tens of ms) where 500 let a reconnect storm overflow the listen backlog.
 */
const MAX_BATCH = 100;
/** Batches in flight at once on a database that works in parallel (SQLite has one connection). */
const PARALLEL_BATCHES = 2;

/**
 * One batch per this many milliseconds at the most: a reconnect storm's handshakes arrive one per turn of
 * the event loop, and without spacing each became a query of its own (bench:scale). A lone request does not wait.
 */
const SPACING_MS = 20;

const concurrencyOf = (strapi: Core.Strapi) =>
  ['sqlite', 'better-sqlite3'].includes(strapi.db.dialect.client) ? 1 : PARALLEL_BATCHES;

// Per-contact questions that sockets ask in crowds (a reconnect storm after a deploy is thousands of
// handshakes at once): the ones that arrive together share one query instead of one query each. Every
// answer still comes from the database, so an erased contact is never mistaken for a stored one.

type Pending = PendingWrite<number, boolean>;

const storedAmong = async (strapi: Core.Strapi, ids: number[]) =>
  new Set(
    (await tables(strapi).contacts.findMany({ where: { id: { $in: ids } }, select: ['id'] })).map((row) => row.id),
  );

const answer = (batch: Pending[], stored: Set<number>) => {
  for (const pending of batch) pending.resolve(stored.has(pending.item));
};

const distinct = (batch: Pending[]) => [...new Set(batch.map(({ item }) => item))];

/** `exists(id)`: whether the contact is stored (not erased, not made up); concurrent asks share one read. */
// One queue of each kind per Strapi, whichever service asks: a crowd shares one query only in one queue.
export const contactExistence = perStrapi((strapi: Core.Strapi) => {
  const queue = groupCommit<number, boolean>({
    maxBatch: MAX_BATCH,
    concurrency: concurrencyOf(strapi),
    spacingMs: SPACING_MS,
    keyOf: (id) => id,
    writeBatch: async (batch) => answer(batch, await storedAmong(strapi, distinct(batch))),
  });
  return { exists: (id: number) => queue.push(id) };
});

/** `touch(id)`: sets the contact's last seen time to now and answers whether it is still stored; shared writes. */
export const contactLastSeen = perStrapi((strapi: Core.Strapi) => {
  const names = sqlNames(strapi, 'contact');
  const queue = groupCommit<number, boolean>({
    maxBatch: MAX_BATCH,
    concurrency: concurrencyOf(strapi),
    spacingMs: SPACING_MS,
    keyOf: (id) => id,
    async writeBatch(batch) {
      const ids = distinct(batch);
      // Straight to the table: the query engine's per-call work showed in the handshake profile, and a
      // last-seen time needs none of it (no relations, no lifecycles).
      const updated = await strapi.db
        .connection(names.table)
        .whereIn('id', ids)
        .update({ [names.column('lastSeenAt')]: new Date() });
      // Fewer rows than contacts: some were erased meanwhile; only then ask which.
      answer(batch, updated === ids.length ? new Set(ids) : await storedAmong(strapi, ids));
    },
  });
  return { touch: (id: number) => queue.push(id) };
});
