import { useCallback, useEffect, useRef, useState } from 'react';
import type { Conversation } from '../../../plugin/contracts/entities';
import { useLivechatApi } from '../api';
import { useMe } from '../permissions';
import { useAgentSocket, useSocketEvent } from '../realtime/AgentSocket';
import { belongsTo, compareIn, listParams, type ListFilters, type ListTab } from './rules';

const PAGE_SIZE = 50;

/** `rows` with `more` added; a row on both (it moved between pages meanwhile) is kept once, in its newer form. */
const merge = (rows: Conversation[], more: Conversation[]) => {
  const ids = new Set(more.map((row) => row.id));
  return [...rows.filter((row) => !ids.has(row.id)), ...more];
};

/**
 * One conversation list, kept live: loaded from the server page by page ("Show more" until the total),
 * all loaded pages again on every reconnection; then `conversation:updated` inserts, updates or removes
 * rows by the tab's rules (the open conversation, `openId`, stays while shown), `conversation:removed` drops them.
 */
export function useLiveConversations(tab: ListTab, filters: ListFilters, openId: number | null = null) {
  const api = useLivechatApi();
  const me = useMe();
  const { epoch } = useAgentSocket();
  const [list, setList] = useState<{ rows: Conversation[]; total: number } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const filtersKey = JSON.stringify(filters);
  // Pages loaded so far; a reply for an older tab or filter (another `generation`) is dropped.
  const current = useRef({ filters, pages: 1, generation: 0 });
  current.current.filters = filters;
  const reloadTimer = useRef<ReturnType<typeof setTimeout>>();
  const open = useRef(openId);
  open.current = openId;

  const fetchPage = useCallback(
    (active: ListFilters, page: number) =>
      api.listConversations({ ...listParams(tab, active), page: String(page), pageSize: String(PAGE_SIZE) }),
    [api, tab],
  );

  const load = useCallback(async () => {
    const { filters: active, pages, generation } = current.current;
    const loaded = await Promise.all(Array.from({ length: pages }, (_, index) => fetchPage(active, index + 1)));
    if (generation !== current.current.generation || loaded.some((page) => !page)) return;
    const rows = loaded.reduce<Conversation[]>((all, page) => merge(all, page?.results ?? []), []);
    setList({ rows: rows.sort(compareIn(tab)), total: loaded[loaded.length - 1]?.pagination.total ?? rows.length });
  }, [fetchPage, tab]);

  const loadMore = useCallback(async () => {
    const { filters: active, pages, generation } = current.current;
    setLoadingMore(true);
    try {
      const page = await fetchPage(active, pages + 1);
      if (!page || generation !== current.current.generation) return;
      current.current.pages = pages + 1;
      setList((state) => ({
        rows: merge(state?.rows ?? [], page.results).sort(compareIn(tab)),
        total: page.pagination.total,
      }));
    } finally {
      setLoadingMore(false);
    }
  }, [fetchPage, tab]);

  useEffect(() => {
    current.current = { filters: current.current.filters, pages: 1, generation: current.current.generation + 1 };
    setList(null);
  }, [tab, filtersKey]);

  useEffect(() => {
    if (epoch > 0) void load();
  }, [load, epoch, filtersKey]);

  useEffect(() => () => clearTimeout(reloadTimer.current), []);

  useSocketEvent('conversation:updated', (conversation) => {
    const { filters: active } = current.current;
    const known = list?.rows.some((row) => row.id === conversation.id) ?? false;
    // The conversation on screen keeps its row (reading it must not pull it out of an Unread list).
    const belongs =
      belongsTo(conversation, tab, active, me.id) ||
      (known &&
        conversation.id === open.current &&
        belongsTo(conversation, tab, { ...active, unread: undefined }, me.id));
    if (!list || (!known && !belongs)) return;
    // A search over message text is the server's to answer: ask it again rather than guess.
    if (!known && active.q) {
      clearTimeout(reloadTimer.current);
      reloadTimer.current = setTimeout(() => void load(), 300);
      return;
    }
    setList((state) => {
      if (!state) return state;
      const rows = state.rows.filter((row) => row.id !== conversation.id);
      // Over the old row: the list route's own fields (the visitor's presence) stay until the next load.
      if (belongs) rows.push({ ...state.rows.find((row) => row.id === conversation.id), ...conversation });
      return { rows: rows.sort(compareIn(tab)), total: state.total + rows.length - state.rows.length };
    });
  });

  useSocketEvent('conversation:removed', ({ id }) => {
    setList((state) => {
      if (!state?.rows.some((row) => row.id === id)) return state;
      return { rows: state.rows.filter((row) => row.id !== id), total: state.total - 1 };
    });
  });

  return {
    rows: list?.rows ?? null,
    total: list?.total ?? 0,
    hasMore: list !== null && list.rows.length < list.total,
    loadingMore,
    loadMore: () => void loadMore(),
    reload: load,
  };
}
