import { Badge, Box, Typography } from '@strapi/design-system';
import { Tabs } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useLivechatApi } from '../api';
import { useTr } from '../i18n';
import { useAgentSocket } from '../realtime/AgentSocket';
import { CollectionEditor } from './CollectionEditor';
import { BusinessHoursSettings } from './BusinessHoursSettings';
import { GeneralSettings } from './GeneralSettings';
import { InstallPanel } from './InstallPanel';
import { ProactiveRulesSettings } from './ProactiveRulesSettings';
import { TagRulesSettings } from './TagRulesSettings';
import { WebhookSettings } from './WebhookSettings';

const names = (values: unknown) => (Array.isArray(values) ? values.map(Number) : []);

/** Help-desk settings: general (routing, visitors, widget), end reasons, teams with members, tags, webhook events. */
export function SettingsPage() {
  const tr = useTr();
  const api = useLivechatApi();
  const { agents } = useAgentSocket();
  const agentName = (id: number) => agents.find((agent) => agent.id === id)?.name ?? `#${id}`;

  return (
    <Page.Main>
      <Page.Title>{tr('settings.title', 'Live chat settings')}</Page.Title>
      <Layouts.Header
        title={tr('settings.title', 'Live chat settings')}
        subtitle={tr('settings.subtitle', 'How chats are routed, how they end, who works in which team')}
      />
      <Layouts.Content>
        <Tabs.Root defaultValue="general">
          <Tabs.List aria-label={tr('settings.sections', 'Settings sections')}>
            <Tabs.Trigger value="general">{tr('settings.tab.general', 'General')}</Tabs.Trigger>
            <Tabs.Trigger value="end-reasons">{tr('settings.tab.endReasons', 'End reasons')}</Tabs.Trigger>
            <Tabs.Trigger value="teams">{tr('settings.tab.teams', 'Teams')}</Tabs.Trigger>
            <Tabs.Trigger value="tags">{tr('settings.tab.tags', 'Tags')}</Tabs.Trigger>
            <Tabs.Trigger value="webhooks">{tr('settings.tab.webhooks', 'Webhooks')}</Tabs.Trigger>
            <Tabs.Trigger value="install">{tr('settings.tab.install', 'Install')}</Tabs.Trigger>
          </Tabs.List>
          <Box paddingTop={4}>
            <Tabs.Content value="general">
              <GeneralSettings />
              <ProactiveRulesSettings />
              <BusinessHoursSettings />
            </Tabs.Content>
            <Tabs.Content value="install">
              <InstallPanel />
            </Tabs.Content>
            <Tabs.Content value="end-reasons">
              <CollectionEditor
                title={tr('settings.tab.endReasons', 'End reasons')}
                api={api.endReasons}
                itemName={(reason) => reason.label}
                emptyText={tr('endReasons.empty', 'No end reasons: agents cannot end chats until you add one.')}
                columns={[
                  {
                    label: tr('endReasons.label', 'Reason'),
                    cell: (reason) => <Typography>{reason.label}</Typography>,
                  },
                  {
                    label: tr('endReasons.requiresNote', 'Note required'),
                    cell: (reason) =>
                      reason.requiresNote ? <Badge variant="warning">{tr('form.yes', 'Yes')}</Badge> : null,
                  },
                  {
                    label: tr('endReasons.position', 'Position'),
                    cell: (reason) => <Typography>{reason.position}</Typography>,
                  },
                ]}
                fields={[
                  { name: 'label', label: tr('endReasons.label', 'Reason'), kind: 'text', required: true },
                  { name: 'requiresNote', label: tr('endReasons.requiresNote', 'Note required'), kind: 'boolean' },
                  { name: 'position', label: tr('endReasons.position', 'Position'), kind: 'number' },
                ]}
                blank={{ label: '', requiresNote: false, position: 0 }}
                toValues={(reason) => ({ ...reason })}
                toInput={(values) => ({
                  label: String(values.label ?? ''),
                  requiresNote: Boolean(values.requiresNote),
                  position: Number(values.position ?? 0),
                })}
              />
            </Tabs.Content>
            <Tabs.Content value="teams">
              <CollectionEditor
                title={tr('settings.tab.teams', 'Teams')}
                api={api.teams}
                itemName={(team) => team.name}
                emptyText={tr(
                  'teams.empty',
                  'No teams yet. Teams receive escalations and have their own canned messages.',
                )}
                columns={[
                  { label: tr('teams.name', 'Name'), cell: (team) => <Typography>{team.name}</Typography> },
                  {
                    label: tr('teams.members', 'Members'),
                    cell: (team) => <Typography>{team.memberIds.map(agentName).join(', ') || '—'}</Typography>,
                  },
                ]}
                fields={[
                  { name: 'name', label: tr('teams.name', 'Name'), kind: 'text', required: true },
                  {
                    name: 'memberIds',
                    label: tr('teams.members', 'Members'),
                    kind: 'multiselect',
                    options: agents.map((agent) => ({ value: agent.id, label: agent.name })),
                  },
                ]}
                blank={{ name: '', memberIds: [] }}
                toValues={(team) => ({ name: team.name, memberIds: team.memberIds })}
                toInput={(values) => ({ name: String(values.name ?? ''), memberIds: names(values.memberIds) })}
              />
            </Tabs.Content>
            <Tabs.Content value="tags">
              <CollectionEditor
                title={tr('settings.tab.tags', 'Tags')}
                api={api.tags}
                itemName={(tag) => tag.name}
                emptyText={tr('tags.empty', 'No tags yet.')}
                columns={[
                  {
                    label: tr('tags.name', 'Name'),
                    cell: (tag) => (
                      <Badge
                        backgroundColor="neutral0"
                        textColor="neutral800"
                        style={{ borderLeft: `4px solid ${tag.color}` }}
                      >
                        {tag.name}
                      </Badge>
                    ),
                  },
                  {
                    label: tr('tags.kind', 'Kind'),
                    cell: (tag) => (
                      <Typography>
                        {tag.kind === 'manual' ? tr('tags.manual', 'Manual') : tr('tags.automated', 'Automated')}
                      </Typography>
                    ),
                  },
                ]}
                fields={[
                  { name: 'name', label: tr('tags.name', 'Name'), kind: 'text', required: true },
                  { name: 'color', label: tr('tags.color', 'Colour'), kind: 'color' },
                ]}
                blank={{ name: '', color: '#4945ff' }}
                toValues={(tag) => ({ name: tag.name, color: tag.color })}
                toInput={(values) => ({ name: String(values.name ?? ''), color: String(values.color ?? '#4945ff') })}
              />
              <TagRulesSettings />
            </Tabs.Content>
            <Tabs.Content value="webhooks">
              <WebhookSettings />
            </Tabs.Content>
          </Box>
        </Tabs.Root>
      </Layouts.Content>
    </Page.Main>
  );
}
