import { Badge, Box, Button, Flex, IconButton, Link, Loader, Typography } from '@strapi/design-system';
import { Download, Question } from '@strapi/icons';
import type { ReactNode } from 'react';
import { NavLink, useLocation, useNavigate } from 'react-router-dom';
import type { ListedConversation } from '../../../plugin/contracts/agent';
import { ExportReport } from '../../../plugin/contracts/exports';
import { useLivechatApi } from '../api';
import { NoKnowledgeBanner } from '../components/NoKnowledgeBanner';
import { contactLabel, OfflineBadge, StatusBadge, WaitTime } from '../components/display';
import { useTr, type Tr } from '../i18n';
import { inboxPath } from '../paths';
import { useAbilities } from '../permissions';
import { useInboxActivity } from './InboxActivity';
import { ListFiltersBar } from './ListFilters';
import { listParams, type ListFilters, type ListTab } from './rules';
import { usePick } from './usePick';

/** A row of a list: from the server (with the visitor's presence) or pushed over the socket (without). */
export type ListRow = Omit<ListedConversation, 'visitorOnline'> & { visitorOnline?: boolean };

const time = (value: string | null) => (value ? Date.parse(value) : 0);

/** The visitor wrote last and nobody answered yet: how long they have been waiting, ticking. */
const waitingSince = (row: ListRow) => {
  if (row.status === 'queued') return row.queuedAt;
  if (row.status === 'open' && row.lastVisitorMessageAt && time(row.lastVisitorMessageAt) >= time(row.lastMessageAt))
    return row.lastVisitorMessageAt;
  return null;
};

function headings(tab: ListTab, total: number, tr: Tr) {
  const all: Record<ListTab, { title: string; subtitle: string; empty: string }> = {
    queue: {
      title: tr('queue.title', 'Queue'),
      subtitle: tr(
        'queue.subtitle',
        '{count, plural, =0 {Nobody is waiting} one {# visitor waiting} other {# visitors waiting, longest wait first}}',
        { count: total },
      ),
      empty: tr('queue.empty', 'Nobody is waiting. New requests appear here as soon as a visitor asks for a human.'),
    },
    mine: {
      title: tr('mine.title', 'My chats'),
      subtitle: tr(
        'mine.subtitle',
        '{count, plural, =0 {No open conversations} one {# open conversation} other {# open conversations}} assigned to you',
        { count: total },
      ),
      empty: tr('mine.empty', 'You have no open conversations. Pick one from the queue.'),
    },
    all: {
      title: tr('all.title', 'All chats'),
      subtitle: tr(
        'all.subtitle',
        '{count, plural, one {# active conversation} other {# active conversations}}, with the bot, waiting or open',
        { count: total },
      ),
      empty: tr('all.empty', 'No active conversations match.'),
    },
    history: {
      title: tr('history.title', 'History'),
      subtitle: tr('history.subtitle', '{count, plural, one {# ended conversation} other {# ended conversations}}', {
        count: total,
      }),
      empty: tr('history.empty', 'No ended conversations match.'),
    },
  };
  return all[tab];
}

/** The visitor's presence: a green dot while they have the chat open, grey otherwise. */
function OnlineDot({ online }: { online: boolean }) {
  const tr = useTr();
  const label = online ? tr('list.visitorOnline', 'Visitor online') : tr('list.visitorOffline', 'Visitor away');
  return (
    <Box
      tag="span"
      role="img"
      aria-label={label}
      title={label}
      data-visitor-online={online}
      background={online ? 'success500' : 'neutral300'}
      width="0.8rem"
      height="0.8rem"
      shrink={0}
      style={{ borderRadius: '50%', display: 'inline-block' }}
    />
  );
}

/** One conversation as a compact card: who, how long they wait, what they asked, tags and what to do. */
function ConversationCard({
  tab,
  row,
  selected,
  online,
  to,
}: {
  tab: ListTab;
  row: ListRow;
  selected: boolean;
  online: boolean;
  to: string;
}) {
  const tr = useTr();
  const navigate = useNavigate();
  const { unread } = useInboxActivity();
  const { pick, canPick } = usePick();
  const unreadCount = unread.get(row.id) ?? row.unreadByAgent;
  const since = waitingSince(row);
  const preview = row.lastVisitorMessage ?? row.lastMessagePreview ?? '';
  const when = row.status === 'ended' ? row.endedAt : (row.lastMessageAt ?? row.createdAt);
  const extra: ReactNode[] = [];
  if (tab === 'all') extra.push(<StatusBadge key="status" status={row.status} />);
  if ((tab === 'all' || tab === 'history') && row.assignee)
    extra.push(
      <Typography key="agent" variant="pi" textColor="neutral600">
        {row.assignee.name}
      </Typography>,
    );
  if (tab === 'history' && row.endReason)
    extra.push(
      <Typography key="reason" variant="pi" textColor="neutral600">
        {row.endReason}
      </Typography>,
    );

  return (
    <Box
      tag="li"
      data-conversation-id={row.id}
      aria-current={selected ? 'true' : undefined}
      background={selected ? 'primary100' : 'neutral0'}
      borderColor={selected ? 'primary200' : 'neutral150'}
      hasRadius
      padding={3}
      onClick={(event: React.MouseEvent) => {
        // Links and buttons in the card do their own thing.
        if ((event.target as HTMLElement).closest('a,button')) return;
        navigate(to);
      }}
      style={{ cursor: 'pointer', listStyle: 'none' }}
    >
      <Flex direction="column" alignItems="stretch" gap={1}>
        <Flex gap={2} justifyContent="space-between">
          <Flex gap={2} minWidth={0}>
            <OnlineDot online={online} />
            <Link tag={NavLink} to={to} minWidth={0}>
              <Typography ellipsis fontWeight={unreadCount > 0 ? 'bold' : 'semiBold'}>
                {contactLabel(row.contact, tr)}
              </Typography>
            </Link>
            {unreadCount > 0 && (
              <Badge variant="primary" aria-label={tr('list.unread', '{count} unread', { count: unreadCount })}>
                {unreadCount}
              </Badge>
            )}
          </Flex>
          <Box shrink={0} data-wait={since ? 'true' : undefined}>
            {since ? (
              <WaitTime since={since} />
            ) : (
              <Typography variant="pi" textColor="neutral600">
                {when ? new Date(when).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' }) : ''}
              </Typography>
            )}
          </Box>
        </Flex>
        <Typography ellipsis textColor="neutral700" variant="omega" data-visitor-message>
          {preview}
        </Typography>
        {(row.tags.length > 0 || extra.length > 0 || row.channel !== 'web' || tab === 'queue') && (
          <Flex gap={1} wrap="wrap" justifyContent="space-between">
            <Flex gap={1} wrap="wrap">
              {extra}
              <OfflineBadge channel={row.channel} />
              {row.tags.map((tag) => (
                <Badge key={tag.id} size="S">
                  {tag.name}
                </Badge>
              ))}
            </Flex>
            {tab === 'queue' && canPick && (
              <Button size="S" onClick={() => void pick(row.id)}>
                {tr('action.pick', 'Start chat')}
              </Button>
            )}
          </Flex>
        )}
      </Flex>
    </Box>
  );
}

/**
 * The list pane of the workspace: the tab's title and count, its filters, and the conversations as cards;
 * the open one is highlighted, the others open in the thread pane beside it.
 */
export function ConversationList({
  tab,
  rows,
  total,
  hasMore,
  loadingMore,
  loadMore,
  filters,
  onFiltersChange,
  selectedId,
  online,
  menu,
  onHelp,
}: {
  tab: ListTab;
  rows: ListRow[] | null;
  total: number;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore(): void;
  filters: ListFilters;
  onFiltersChange(next: ListFilters): void;
  selectedId: number | null;
  online(row: ListRow): boolean;
  /** The inbox navigation's button, when the navigation is folded away. */
  menu?: ReactNode;
  onHelp(): void;
}) {
  const tr = useTr();
  const api = useLivechatApi();
  const abilities = useAbilities();
  const { search } = useLocation();
  const heading = headings(tab, total, tr);

  const exportReport = () => {
    const { sort: _sort, ...params } = listParams(tab, filters);
    void api.download(ExportReport.route, { query: params as ExportReport.Request }, `conversations-${tab}.csv`);
  };

  return (
    <Flex direction="column" alignItems="stretch" height="100%" minHeight={0} tag="section" aria-label={heading.title}>
      <Box padding={4} paddingBottom={2}>
        <Flex justifyContent="space-between" gap={2}>
          <Flex gap={2} minWidth={0}>
            {menu}
            <Typography variant="beta" tag="h1" ellipsis>
              {heading.title}
            </Typography>
          </Flex>
          <Flex gap={1}>
            <IconButton label={tr('shortcuts.title', 'Keyboard shortcuts')} variant="ghost" onClick={onHelp}>
              <Question />
            </IconButton>
            {abilities.export && (
              <IconButton label={tr('list.export', 'Export report (CSV)')} variant="ghost" onClick={exportReport}>
                <Download />
              </IconButton>
            )}
          </Flex>
        </Flex>
        <Typography variant="pi" textColor="neutral600">
          {heading.subtitle}
        </Typography>
        <Box paddingTop={3}>
          <ListFiltersBar tab={tab} filters={filters} onChange={onFiltersChange} layout="stack" />
        </Box>
      </Box>
      <Box flex="1" minHeight={0} overflow="auto" paddingLeft={3} paddingRight={3} paddingBottom={4}>
        <NoKnowledgeBanner />
        {rows === null && (
          <Flex justifyContent="center" padding={6}>
            <Loader small>{tr('list.loading', 'Loading conversations…')}</Loader>
          </Flex>
        )}
        {rows?.length === 0 && (
          <Box padding={4}>
            <Typography textColor="neutral600">{heading.empty}</Typography>
          </Box>
        )}
        {rows && rows.length > 0 && (
          <Flex tag="ul" direction="column" alignItems="stretch" gap={2} aria-label={heading.title}>
            {rows.map((row) => (
              <ConversationCard
                key={row.id}
                tab={tab}
                row={row}
                selected={row.id === selectedId}
                online={online(row)}
                to={`${inboxPath(tab, row.id)}${search}`}
              />
            ))}
          </Flex>
        )}
        {hasMore && rows && (
          <Flex direction="column" alignItems="center" gap={2} paddingTop={4}>
            <Typography variant="pi" textColor="neutral600">
              {tr('list.shown', 'Showing {shown} of {total}', { shown: rows.length, total })}
            </Typography>
            <Button variant="tertiary" loading={loadingMore} onClick={loadMore}>
              {tr('list.more', 'Show more')}
            </Button>
          </Flex>
        )}
      </Box>
    </Flex>
  );
}
