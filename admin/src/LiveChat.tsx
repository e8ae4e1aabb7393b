import { Layouts, Page } from '@strapi/strapi/admin';
import { useEffect } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { LivechatApiProvider } from './api';
import { ContactPage } from './contacts/ContactPage';
import { ConversationPage } from './conversation/ConversationPage';
import { useTr } from './i18n';
import { ConversationListPage } from './inbox/ConversationListPage';
import { EscalationsPage } from './inbox/EscalationsPage';
import { InboxActivityProvider } from './inbox/InboxActivity';
import { InboxNav } from './inbox/InboxNav';
import { useAbilities } from './permissions';
import { unlockAlerts } from './realtime/alerts';
import { ReportsPage } from './reports/ReportsPage';
import { AgentSocketProvider } from './realtime/AgentSocket';
import { CannedMessagesPage } from './settings/CannedMessagesPage';
import { SettingsPage } from './settings/SettingsPage';

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
  return (
    <LivechatApiProvider>
      <AgentSocketProvider>
        <InboxActivityProvider>
          <UnlockAlertsOnGesture />
          <Layouts.Root sideNav={<InboxNav />} minHeight="100vh">
            <Page.Title>{tr('plugin.name', 'Live chat')}</Page.Title>
            <Routes>
              <Route index element={<Navigate to="queue" replace />} />
              <Route path="queue" element={<ConversationListPage tab="queue" />} />
              <Route path="mine" element={<ConversationListPage tab="mine" />} />
              <Route
                path="all"
                element={abilities.readAll ? <ConversationListPage tab="all" /> : <Page.NoPermissions />}
              />
              <Route path="history" element={<ConversationListPage tab="history" />} />
              <Route path="escalations" element={<EscalationsPage />} />
              <Route path="conversation/:id" element={<ConversationPage />} />
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
