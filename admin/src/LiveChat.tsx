import { Layouts, Page } from '@strapi/strapi/admin';
import { useEffect } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { LivechatApiProvider } from './api';
import { ContactPage } from './contacts/ContactPage';
import { useTr } from './i18n';
import { EscalationsPage } from './inbox/EscalationsPage';
import { InboxActivityProvider } from './inbox/InboxActivity';
import { InboxNav } from './inbox/InboxNav';
import { useAbilities } from './permissions';
import { unlockAlerts } from './realtime/alerts';
import { ReportsPage } from './reports/ReportsPage';
import { AgentSocketProvider } from './realtime/AgentSocket';
import { CannedMessagesPage } from './settings/CannedMessagesPage';
import { SettingsPage } from './settings/SettingsPage';
import { ConversationRedirect } from './workspace/ConversationRedirect';
import { BREAKPOINTS, useMediaQuery } from './workspace/useMediaQuery';
import { Workspace } from './workspace/Workspace';

/** The lists that open as the three-pane workspace; their pages fill the viewport instead of scrolling. */
const WORKSPACE_PATH = /\/plugins\/livechat\/(queue|mine|all|history)(\/|$)/;
/** Pages that need the width on narrow screens: the navigation folds into their menu button (`InboxMenu`). */
const FOLDING_PATH = /\/plugins\/livechat\/(queue|mine|all|history|escalations)(\/|$)/;

/** Browsers allow sound only after a gesture: the first click or key press in the inbox unlocks it. */
function UnlockAlertsOnGesture() {
  useEffect(() => {
    const unlock = () => void unlockAlerts(false);
    document.addEventListener('pointerdown', unlock, { once: true });
    document.addEventListener('keydown', unlock, { once: true });
    return () => {
      document.removeEventListener('pointerdown', unlock);
      document.removeEventListener('keydown', unlock);
    };
  }, []);
  return null;
}

/** The "Live chat" section of the admin: one agent socket, the side navigation and the inbox pages. */
export default function LiveChat() {
  const tr = useTr();
  const abilities = useAbilities();
  const { pathname } = useLocation();
  const inWorkspace = WORKSPACE_PATH.test(pathname);
  // Narrow screens give the navigation's width to the workspace's panes; it opens from a menu button there.
  const wideNav = useMediaQuery(BREAKPOINTS.sideNav);
  return (
    <LivechatApiProvider>
      <AgentSocketProvider>
        <InboxActivityProvider>
          <UnlockAlertsOnGesture />
          <Layouts.Root
            sideNav={FOLDING_PATH.test(pathname) && !wideNav ? undefined : <InboxNav />}
            minHeight={inWorkspace ? undefined : '100vh'}
          >
            <Page.Title>{tr('plugin.name', 'Live chat')}</Page.Title>
            <Routes>
              <Route index element={<Navigate to="queue" replace />} />
              <Route path="queue/:id?" element={<Workspace tab="queue" />} />
              <Route path="mine/:id?" element={<Workspace tab="mine" />} />
              <Route path="all/:id?" element={abilities.readAll ? <Workspace tab="all" /> : <Page.NoPermissions />} />
              <Route path="history/:id?" element={<Workspace tab="history" />} />
              <Route path="escalations" element={<EscalationsPage />} />
              <Route path="conversation/:id" element={<ConversationRedirect />} />
              <Route path="contacts/:id" element={<ContactPage />} />
              <Route path="reports" element={abilities.export ? <ReportsPage /> : <Page.NoPermissions />} />
              <Route path="settings" element={abilities.manageSettings ? <SettingsPage /> : <Page.NoPermissions />} />
              <Route
                path="canned-messages"
                element={abilities.manageSettings ? <CannedMessagesPage /> : <Page.NoPermissions />}
              />
              <Route path="*" element={<Page.NoData />} />
            </Routes>
          </Layouts.Root>
        </InboxActivityProvider>
      </AgentSocketProvider>
    </LivechatApiProvider>
  );
}
