import {
  Badge,
  Box,
  Button,
  EmptyStateLayout,
  Flex,
  Link,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import type { ReactNode } from 'react';
import { NavLink, useNavigate } from 'react-router-dom';
import type { Conversation } from '../../../plugin/contracts/entities';
import { ExportReport } from '../../../plugin/contracts/exports';
import { useLivechatApi } from '../api';
import { contactLabel, OfflineBadge, StatusBadge, WaitTime } from '../components/display';
import { useTr, type Tr as Translate } from '../i18n';
import { inboxPath } from '../paths';
import { useAbilities } from '../permissions';
import { useInboxActivity } from './InboxActivity';
import { ListFiltersBar } from './ListFilters';
import { listParams, type ListTab } from './rules';
import { useLiveConversations } from './useLiveConversations';
import { useUrlFilters } from './useUrlFilters';
import { usePick } from './usePick';

interface Column {
  key: string;
  label: string;
  cell(conversation: Conversation): ReactNode;
}

function useColumns(tab: ListTab, tr: Translate): Column[] {
  const { unread } = useInboxActivity();
  const { pick, canPick } = usePick();
  const formatTime = (value: string | null) =>
    value ? new Date(value).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' }) : '—';

  const contact: Column = {
    key: 'contact',
    label: tr('list.column.contact', 'Contact'),
    cell: (conversation) => {
      const unreadCount = unread.get(conversation.id) ?? 0;
      return (
        <Flex gap={2}>
          <Link tag={NavLink} to={inboxPath('conversation', conversation.id)}>
            <Typography fontWeight={unreadCount > 0 ? 'bold' : 'regular'}>
              {contactLabel(conversation.contact, tr)}
            </Typography>
          </Link>
          {unreadCount > 0 && (
            <Badge variant="primary" aria-label={tr('list.unread', '{count} unread', { count: unreadCount })}>
              {unreadCount}
            </Badge>
          )}
          <OfflineBadge channel={conversation.channel} />
        </Flex>
      );
    },
  };
  const preview: Column = {
    key: 'lastMessage',
    label: tr('list.column.lastMessage', 'Last message'),
    cell: (conversation) => (
      <Box maxWidth="32rem">
        <Typography ellipsis textColor="neutral700">
          {conversation.lastMessagePreview ?? ''}
        </Typography>
      </Box>
    ),
  };
  const agent: Column = {
    key: 'agent',
    label: tr('list.column.agent', 'Agent'),
    cell: (conversation) => (
      <Typography>{conversation.assignee?.name ?? tr('list.unassigned', 'Unassigned')}</Typography>
    ),
  };
  const tags: Column = {
    key: 'tags',
    label: tr('list.column.tags', 'Tags'),
    cell: (conversation) => (
      <Flex gap={1} wrap="wrap">
        {conversation.tags.map((tag) => (
          <Badge key={tag.id}>{tag.name}</Badge>
        ))}
      </Flex>
    ),
  };
  const activity: Column = {
    key: 'activity',
    label: tr('list.column.activity', 'Last activity'),
    cell: (conversation) => <Typography>{formatTime(conversation.lastMessageAt ?? conversation.createdAt)}</Typography>,
  };

  if (tab === 'queue') {
    return [
      contact,
      { key: 'waiting', label: tr('list.column.waiting', 'Waiting'), cell: (c) => <WaitTime since={c.queuedAt} /> },
      preview,
      tags,
      {
        key: 'actions',
        label: tr('list.column.actions', 'Actions'),
        cell: (conversation) =>
          canPick ? (
            <Button size="S" onClick={() => void pick(conversation.id)}>
              {tr('action.pick', 'Start chat')}
            </Button>
          ) : null,
      },
    ];
  }
  if (tab === 'mine') return [contact, preview, tags, activity];
  if (tab === 'all') {
    return [
      contact,
      { key: 'status', label: tr('list.column.status', 'Status'), cell: (c) => <StatusBadge status={c.status} /> },
      agent,
      preview,
      activity,
    ];
  }
  return [
    contact,
    agent,
    {
      key: 'endReason',
      label: tr('list.column.endReason', 'End reason'),
      cell: (c) => <Typography>{c.endReason ?? '—'}</Typography>,
    },
    tags,
    {
      key: 'ended',
      label: tr('list.column.ended', 'Ended'),
      cell: (c) => <Typography>{formatTime(c.endedAt)}</Typography>,
    },
    {
      key: 'history',
      label: tr('list.column.contactHistory', 'Contact history'),
      cell: (c) => (
        <Link tag={NavLink} to={inboxPath('contacts', c.contact.id)}>
          {tr('list.contactHistory', 'All sessions')}
        </Link>
      ),
    },
  ];
}

/** Queue, My chats, All chats and History: a live table with search, filters and a CSV report. */
export function ConversationListPage({ tab }: { tab: ListTab }) {
  const tr = useTr();
  const api = useLivechatApi();
  const abilities = useAbilities();
  const navigate = useNavigate();
  const [filters, setFilters] = useUrlFilters();
  const { rows, total, hasMore, loadingMore, loadMore } = useLiveConversations(tab, filters);
  const columns = useColumns(tab, tr);

  const titles: Record<ListTab, { title: string; subtitle: string; empty: string }> = {
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
  const heading = titles[tab];

  const exportReport = () => {
    const { sort: _sort, ...params } = listParams(tab, filters);
    void api.download(ExportReport.route, { query: params as ExportReport.Request }, `conversations-${tab}.csv`);
  };

  return (
    <Page.Main>
      <Page.Title>{heading.title}</Page.Title>
      <Layouts.Header
        title={heading.title}
        subtitle={heading.subtitle}
        primaryAction={
          abilities.export ? (
            <Button variant="secondary" startIcon={<Download />} onClick={exportReport}>
              {tr('list.export', 'Export report (CSV)')}
            </Button>
          ) : undefined
        }
      />
      <Layouts.Action startActions={<ListFiltersBar tab={tab} filters={filters} onChange={setFilters} />} />
      <Layouts.Content>
        {rows === null && <Page.Loading />}
        {rows?.length === 0 && <EmptyStateLayout content={heading.empty} />}
        {rows && rows.length > 0 && (
          <Table colCount={columns.length} rowCount={rows.length + 1} aria-label={heading.title}>
            <Thead>
              <Tr>
                {columns.map((column) => (
                  <Th key={column.key}>
                    <Typography variant="sigma">{column.label}</Typography>
                  </Th>
                ))}
              </Tr>
            </Thead>
            <Tbody>
              {rows.map((conversation) => (
                <Tr
                  key={conversation.id}
                  data-conversation-id={conversation.id}
                  onClick={(event: React.MouseEvent) => {
                    // Links and buttons in the row do their own thing.
                    if ((event.target as HTMLElement).closest('a,button')) return;
                    navigate(inboxPath('conversation', conversation.id));
                  }}
                  style={{ cursor: 'pointer' }}
                >
                  {columns.map((column) => (
                    <Td key={column.key}>{column.cell(conversation)}</Td>
                  ))}
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
        {hasMore && rows && (
          <Flex justifyContent="center" alignItems="center" gap={3} paddingTop={4}>
            <Typography variant="pi" textColor="neutral600">
              {tr('list.shown', 'Showing {shown} of {total}', { shown: rows.length, total })}
            </Typography>
            <Button variant="tertiary" loading={loadingMore} onClick={loadMore}>
              {tr('list.more', 'Show more')}
            </Button>
          </Flex>
        )}
      </Layouts.Content>
    </Page.Main>
  );
}
