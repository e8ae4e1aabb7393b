import { Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import type { CannedMessage, Team } from '../../../plugin/contracts/entities';
import { useLivechatApi } from '../api';
import { useTr } from '../i18n';
import { CollectionEditor } from './CollectionEditor';

/** Canned messages: shortcut, title, text and an optional team (only its members see it under `/`). */
export function CannedMessagesPage() {
  const tr = useTr();
  const api = useLivechatApi();
  const [teams, setTeams] = useState<Team[]>([]);
  useEffect(() => {
    void api.teams.list().then((result) => result && setTeams(result.results));
  }, [api]);
  const teamName = (message: CannedMessage) =>
    teams.find((team) => team.id === message.teamId)?.name ?? tr('canned.everyone', 'Everyone');

  return (
    <Page.Main>
      <Page.Title>{tr('canned.title', 'Canned messages')}</Page.Title>
      <Layouts.Header
        title={tr('canned.title', 'Canned messages')}
        subtitle={tr('canned.subtitle', 'Ready answers agents insert by typing / and the shortcut in the composer')}
      />
      <Layouts.Content>
        <CollectionEditor
          title={tr('canned.list', 'Messages')}
          api={api.cannedMessages}
          itemName={(message) => `/${message.shortcut}`}
          emptyText={tr('canned.empty', 'No canned messages yet.')}
          columns={[
            {
              label: tr('canned.shortcut', 'Shortcut'),
              cell: (message) => <Typography fontWeight="bold">/{message.shortcut}</Typography>,
            },
            { label: tr('canned.titleField', 'Title'), cell: (message) => <Typography>{message.title}</Typography> },
            {
              label: tr('canned.text', 'Text'),
              cell: (message) => (
                <Typography ellipsis style={{ maxWidth: '40rem', display: 'block' }}>
                  {message.text}
                </Typography>
              ),
            },
            { label: tr('canned.team', 'Team'), cell: (message) => <Typography>{teamName(message)}</Typography> },
          ]}
          fields={[
            {
              name: 'shortcut',
              label: tr('canned.shortcut', 'Shortcut'),
              kind: 'text',
              required: true,
              hint: tr('canned.shortcutHint', 'Letters, digits, - and _; typed after /'),
            },
            { name: 'title', label: tr('canned.titleField', 'Title'), kind: 'text', required: true },
            { name: 'text', label: tr('canned.text', 'Text'), kind: 'textarea', required: true },
            {
              name: 'teamId',
              label: tr('canned.team', 'Team'),
              kind: 'select',
              hint: tr('canned.teamHint', 'Leave empty for everyone'),
              options: teams.map((team) => ({ value: team.id, label: team.name })),
            },
          ]}
          blank={{ shortcut: '', title: '', text: '', teamId: null }}
          toValues={(message) => ({ ...message })}
          toInput={(values) => ({
            shortcut: String(values.shortcut ?? ''),
            title: String(values.title ?? ''),
            text: String(values.text ?? ''),
            teamId: typeof values.teamId === 'number' ? values.teamId : null,
          })}
        />
      </Layouts.Content>
    </Page.Main>
  );
}
