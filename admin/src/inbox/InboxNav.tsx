import {
  Badge,
  Box,
  Button,
  Divider,
  Field,
  Flex,
  SingleSelect,
  SingleSelectOption,
  Status,
  Typography,
} from '@strapi/design-system';
import { Bell } from '@strapi/icons';
import { SubNav } from '@strapi/strapi/admin';
import { useState } from 'react';
import type { Presence } from '../../../plugin/lifecycle';
import { presenceLabels } from '../components/display';
import { useTr } from '../i18n';
import { inboxPath } from '../paths';
import { useAbilities } from '../permissions';
import { notificationsAllowed, unlockAlerts } from '../realtime/alerts';
import { useAgentSocket } from '../realtime/AgentSocket';
import { useInboxActivity } from './InboxActivity';

const CountBadge = ({ count, label }: { count: number; label: string }) =>
  count > 0 ? (
    <Badge variant="primary" aria-label={label}>
      {count}
    </Badge>
  ) : null;

const PRESENCES: Presence[] = ['online', 'away', 'offline'];

/**
 * A section of plain links, or an empty fragment when there are none: SubNav.Sections spaces its direct
 * children, so each section must stay one of them.
 */
const linkSection = (label: string, links: Array<{ to: string; label: string }>) =>
  links.length > 0 ? (
    <SubNav.Section label={label}>
      {links.map((link) => (
        <SubNav.Link key={link.to} to={link.to} label={link.label} />
      ))}
    </SubNav.Section>
  ) : (
    <></>
  );

/** The inbox's side navigation: presence, connection state, the lists with their counts, configuration. */
export function InboxNav() {
  const tr = useTr();
  const abilities = useAbilities();
  const { connected, presence, setPresence } = useAgentSocket();
  const { counts } = useInboxActivity();
  const [notifications, setNotifications] = useState(notificationsAllowed);
  const notificationsSupported = typeof Notification !== 'undefined' && Notification.permission !== 'denied';

  const lists = [
    {
      to: inboxPath('queue'),
      label: tr('nav.queue', 'Queue'),
      badge: (
        <CountBadge count={counts.queue} label={tr('nav.queue.count', '{count} waiting', { count: counts.queue })} />
      ),
    },
    {
      to: inboxPath('mine'),
      label: tr('nav.mine', 'My chats'),
      badge: (
        <CountBadge
          count={counts.mineUnread}
          label={tr('nav.mine.count', '{count} unread', { count: counts.mineUnread })}
        />
      ),
    },
    ...(abilities.readAll ? [{ to: inboxPath('all'), label: tr('nav.all', 'All chats'), badge: null }] : []),
    {
      to: inboxPath('escalations'),
      label: tr('nav.escalations', 'Escalations'),
      badge: (
        <CountBadge
          count={counts.escalations}
          label={tr('nav.escalations.count', '{count} for you', { count: counts.escalations })}
        />
      ),
    },
    { to: inboxPath('history'), label: tr('nav.history', 'History'), badge: null },
  ];
  const supervision = abilities.export ? [{ to: inboxPath('reports'), label: tr('nav.reports', 'Reports') }] : [];
  const configuration = abilities.manageSettings
    ? [
        { to: inboxPath('settings'), label: tr('nav.settings', 'Settings') },
        { to: inboxPath('canned-messages'), label: tr('nav.canned', 'Canned messages') },
      ]
    : [];

  return (
    <SubNav.Main aria-label={tr('nav.label', 'Live chat navigation')}>
      <SubNav.Header label={tr('plugin.name', 'Live chat')} />
      <Divider />
      <SubNav.Content>
        <Box paddingLeft={5} paddingRight={5} paddingTop={4}>
          <Flex direction="column" alignItems="stretch" gap={3}>
            <Field.Root
              name="presence"
              hint={
                presence === 'online'
                  ? undefined
                  : presence === 'away'
                    ? tr('presence.awayHint', 'You keep your chats but get no new ones')
                    : tr(
                        'presence.offlineHint',
                        'No new chats; your open chats are handed on as the routing settings say',
                      )
              }
            >
              <Field.Label>{tr('presence.label', 'Your status')}</Field.Label>
              <SingleSelect
                size="S"
                value={presence}
                onChange={(value: string | number) => setPresence(value as Presence)}
              >
                {PRESENCES.map((choice) => (
                  <SingleSelectOption key={choice} value={choice}>
                    {presenceLabels(tr)[choice]}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
              <Field.Hint />
            </Field.Root>
            <Status variant={connected ? 'success' : 'danger'} size="S" role="status">
              <Typography variant="pi">
                {connected ? tr('connection.live', 'Live updates on') : tr('connection.lost', 'Reconnecting…')}
              </Typography>
            </Status>
            {notificationsSupported && !notifications && (
              <Button
                variant="tertiary"
                size="S"
                startIcon={<Bell />}
                onClick={() => void unlockAlerts(true).then(() => setNotifications(notificationsAllowed()))}
              >
                {tr('alerts.enable', 'Enable desktop notifications')}
              </Button>
            )}
          </Flex>
        </Box>
        <SubNav.Sections>
          <SubNav.Section label={tr('nav.conversations', 'Conversations')}>
            {lists.map((link) => (
              <SubNav.Link key={link.to} to={link.to} label={link.label} endAction={link.badge} />
            ))}
          </SubNav.Section>
          {linkSection(tr('nav.supervision', 'Supervision'), supervision)}
          {linkSection(tr('nav.configuration', 'Configuration'), configuration)}
        </SubNav.Sections>
      </SubNav.Content>
    </SubNav.Main>
  );
}
