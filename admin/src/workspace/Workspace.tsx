import { Box, Flex, Typography } from '@strapi/design-system';
import { Message } from '@strapi/icons';
import { Page } from '@strapi/strapi/admin';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { createGlobalStyle } from 'styled-components';
import { ConversationPane } from '../conversation/ConversationPage';
import { useTr } from '../i18n';
import { ConversationList, type ListRow } from '../inbox/ConversationList';
import type { ListTab } from '../inbox/rules';
import { useLiveConversations } from '../inbox/useLiveConversations';
import { useUrlFilters } from '../inbox/useUrlFilters';
import { inboxPath } from '../paths';
import { useAgentSocket, useSocketEvent } from '../realtime/AgentSocket';
import { InboxMenu } from './InboxMenu';
import { isTyping, ShortcutsHelp, useKeyboardShortcuts } from './shortcuts';
import { useFillViewport } from './useFillViewport';
import { BREAKPOINTS, useMediaQuery } from './useMediaQuery';

/** Strapi pads the bottom of its content area; the workspace fills the viewport exactly, so the page never scrolls. */
const FillViewport = createGlobalStyle`
  [data-strapi-main-content]:has(> [data-livechat-workspace]) {
    padding-bottom: 0;
  }
`;

/** The visitors' presence: from the list's rows, then live from `visitor:presence` (until the rows load again). */
function useVisitorPresence() {
  const { epoch } = useAgentSocket();
  const [changed, setChanged] = useState<ReadonlyMap<number, boolean>>(new Map());
  useEffect(() => setChanged(new Map()), [epoch]);
  useSocketEvent('visitor:presence', ({ visitors }) =>
    setChanged((current) => {
      const next = new Map(current);
      for (const { contactId, online } of visitors) next.set(contactId, online);
      return next;
    }),
  );
  return useCallback((row: ListRow) => changed.get(row.contact.id) ?? row.visitorOnline ?? false, [changed]);
}

/**
 * The agent workspace of a list tab: the list on the left, the open conversation in the middle and its
 * contact on the right (`/queue/12`). The list stays while the agent moves between conversations; the page
 * fills the viewport and each pane scrolls by itself. Narrow screens fold the navigation, the details and,
 * while a conversation is open, the list.
 */
export function Workspace({ tab }: { tab: ListTab }) {
  const tr = useTr();
  const navigate = useNavigate();
  const { search } = useLocation();
  const id = Number(useParams().id) || null;
  const [filters, setFilters] = useUrlFilters();
  const { rows, total, hasMore, loadingMore, loadMore } = useLiveConversations(tab, filters, id);
  const online = useVisitorPresence();
  const [help, setHelp] = useState(false);
  const main = useRef<HTMLDivElement>(null);
  const height = useFillViewport(main);
  const narrow = !useMediaQuery(BREAKPOINTS.list);
  const showList = !narrow || id === null;

  const open = (conversationId: number) => navigate(`${inboxPath(tab, conversationId)}${search}`);
  const step = (direction: 1 | -1) => {
    if (!rows?.length) return;
    const index = rows.findIndex((row) => row.id === id);
    const next = index === -1 ? (direction === 1 ? 0 : rows.length - 1) : index + direction;
    if (rows[next]) open(rows[next].id);
  };

  useKeyboardShortcuts((event) => {
    if (event.altKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      step(event.key === 'ArrowDown' ? 1 : -1);
      return true;
    }
    if (isTyping(event.target) || event.altKey) return false;
    if (event.key === 'j' || event.key === 'k') {
      step(event.key === 'j' ? 1 : -1);
      return true;
    }
    if (event.key === '?') {
      setHelp(true);
      return true;
    }
    return false;
  });

  const menu = <InboxMenu />;

  return (
    <Page.Main data-livechat-workspace>
      <FillViewport />
      <Flex ref={main} height={height === null ? '100vh' : `${height}px`} alignItems="stretch" position="relative">
        {showList && (
          <Box
            width={narrow ? '100%' : undefined}
            style={narrow ? undefined : { flex: '0 0 clamp(26rem, 28%, 34rem)' }}
            height="100%"
            borderColor="neutral150"
            borderStyle="solid"
            borderWidth="0 1px 0 0"
            background="neutral100"
          >
            <ConversationList
              tab={tab}
              rows={rows}
              total={total}
              hasMore={hasMore}
              loadingMore={loadingMore}
              loadMore={loadMore}
              filters={filters}
              onFiltersChange={setFilters}
              selectedId={id}
              online={online}
              menu={menu}
              onHelp={() => setHelp(true)}
            />
          </Box>
        )}
        {id !== null ? (
          <Box flex="1" minWidth={0} height="100%">
            <ConversationPane
              key={id}
              id={id}
              backTo={showList ? undefined : `${inboxPath(tab)}${search}`}
              menu={showList ? undefined : menu}
            />
          </Box>
        ) : (
          !narrow && (
            <Flex flex="1" direction="column" justifyContent="center" gap={2} padding={8} minWidth={0}>
              <Message width="3.2rem" height="3.2rem" fill="neutral500" aria-hidden />
              <Typography textColor="neutral600" textAlign="center">
                {tr('workspace.pick', 'Choose a conversation in the list, or press j to open the first one.')}
              </Typography>
            </Flex>
          )
        )}
      </Flex>
      <ShortcutsHelp open={help} onOpenChange={setHelp} />
    </Page.Main>
  );
}
