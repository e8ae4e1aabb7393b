import { getFetchClient } from '@strapi/strapi/admin';
import { useSyncExternalStore } from 'react';
import { ListConversations } from '../../../plugin/contracts/agent';
import { sendRoute } from '../api';

/** How often the count is read again while something shows it (and at once when the tab regains focus). */
const REFRESH_MS = 10_000;

let waiting: number | null = null;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

const publish = (value: number | null) => {
  if (value === waiting) return;
  waiting = value;
  for (const listener of listeners) listener();
};

/** Reads the number of queued conversations; null when it cannot be read (no permission, server down). */
async function refresh() {
  try {
    const queued = await sendRoute(getFetchClient(), ListConversations.route, {
      query: { status: 'queued', pageSize: 1 },
    });
    publish(queued.pagination.total);
  } catch {
    publish(null);
  }
}

const onFocus = () => void refresh();

/**
 * One poller for every component that shows the count. Strapi's main navigation remounts its icons on
 * each render, so the count lives here rather than in component state.
 */
function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    void refresh();
    timer = setInterval(() => void refresh(), REFRESH_MS);
    window.addEventListener('focus', onFocus);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0 || !timer) return;
    clearInterval(timer);
    timer = null;
    window.removeEventListener('focus', onFocus);
  };
}

/** The number of visitors waiting in the queue, kept fresh while mounted; null until known. */
export function useWaitingCount(): number | null {
  return useSyncExternalStore(subscribe, () => waiting);
}
