import {
  Box,
  Button,
  Field,
  Flex,
  Grid,
  MultiSelect,
  MultiSelectOption,
  NumberInput,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Textarea,
  Typography,
} from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { Page, useNotification } from '@strapi/strapi/admin';
import { useEffect, useState, type ReactNode } from 'react';
import type { DeskSettings } from '../../../plugin/contracts/settings';
import { useLivechatApi } from '../api';
import { useTr } from '../i18n';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
      <Typography variant="delta" tag="h2">
        {title}
      </Typography>
      <Grid.Root gap={5} paddingTop={4}>
        {children}
      </Grid.Root>
    </Box>
  );
}

const text = (set: (value: string) => void) => (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
  set(event.target.value);

/** Routing, waiting message, notification email, allowed origins and the widget's look, in one form. */
export function GeneralSettings() {
  const tr = useTr();
  const api = useLivechatApi();
  const { toggleNotification } = useNotification();
  const [settings, setSettings] = useState<DeskSettings | null>(null);
  const [origins, setOrigins] = useState('');
  const [saving, setSaving] = useState(false);

  const show = (loaded: DeskSettings) => {
    setSettings(loaded);
    setOrigins(loaded.allowedOrigins.join('\n'));
  };
  useEffect(() => {
    void api.getSettings().then((loaded) => loaded && show(loaded));
  }, [api]);

  if (!settings) return <Page.Loading />;
  const routing = (patch: Partial<DeskSettings['routing']>) =>
    setSettings({ ...settings, routing: { ...settings.routing, ...patch } });
  const widget = (patch: Partial<DeskSettings['widget']>) =>
    setSettings({ ...settings, widget: { ...settings.widget, ...patch } });

  const save = async () => {
    setSaving(true);
    const saved = await api.updateSettings({
      routing: settings.routing,
      waitingMessage: settings.waitingMessage,
      notificationEmail: settings.notificationEmail,
      allowedOrigins: origins
        .split(/\s+/)
        .map((origin) => origin.trim())
        .filter(Boolean),
      widget: settings.widget,
    });
    setSaving(false);
    if (!saved) return;
    show(saved);
    toggleNotification({ type: 'success', message: tr('settings.saved', 'Settings saved') });
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Section title={tr('settings.routing', 'Routing')}>
          <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
            <Field.Root
              name="routing.mode"
              hint={tr('settings.routing.modeHint', 'Auto-assign gives a new chat to the least busy online agent')}
            >
              <Field.Label>{tr('settings.routing.mode', 'Assignment')}</Field.Label>
              <SingleSelect
                value={settings.routing.mode}
                onChange={(value) => routing({ mode: value as DeskSettings['routing']['mode'] })}
              >
                <SingleSelectOption value="manual">
                  {tr('settings.routing.manual', 'Agents pick from the queue')}
                </SingleSelectOption>
                <SingleSelectOption value="auto">{tr('settings.routing.auto', 'Auto-assign')}</SingleSelectOption>
              </SingleSelect>
              <Field.Hint />
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
            <Field.Root
              name="routing.capacity"
              hint={tr('settings.routing.capacityHint', 'Open chats one agent holds at most')}
            >
              <Field.Label>{tr('settings.routing.capacity', 'Capacity per agent')}</Field.Label>
              <NumberInput
                value={settings.routing.capacity}
                onValueChange={(value) => routing({ capacity: value ?? 1 })}
              />
              <Field.Hint />
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
            <Field.Root name="routing.onAgentOffline">
              <Field.Label>{tr('settings.routing.offline', 'When an agent goes offline')}</Field.Label>
              <SingleSelect
                value={settings.routing.onAgentOffline}
                onChange={(value) => routing({ onAgentOffline: value as DeskSettings['routing']['onAgentOffline'] })}
              >
                <SingleSelectOption value="queue">
                  {tr('settings.routing.offline.queue', 'Return their chats to the queue')}
                </SingleSelectOption>
                <SingleSelectOption value="reassign">
                  {tr('settings.routing.offline.reassign', 'Reassign to another agent')}
                </SingleSelectOption>
                <SingleSelectOption value="keep">
                  {tr('settings.routing.offline.keep', 'Keep them assigned')}
                </SingleSelectOption>
              </SingleSelect>
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
            <Field.Root
              name="routing.unansweredMinutes"
              hint={tr(
                'settings.routing.unansweredHint',
                'Re-route an assigned chat the agent has not answered; 0 turns it off',
              )}
            >
              <Field.Label>{tr('settings.routing.unanswered', 'Unanswered after (minutes)')}</Field.Label>
              <NumberInput
                value={settings.routing.unansweredMinutes}
                onValueChange={(value) => routing({ unansweredMinutes: value ?? 0 })}
              />
              <Field.Hint />
            </Field.Root>
          </Grid.Item>
        </Section>

        <Section title={tr('settings.visitors', 'Visitors and notifications')}>
          <Grid.Item col={12} direction="column" alignItems="stretch">
            <Field.Root
              name="waitingMessage"
              hint={tr('settings.waitingHint', 'Shown with the queue position while a visitor waits')}
            >
              <Field.Label>{tr('settings.waiting', 'Waiting message')}</Field.Label>
              <Textarea
                value={settings.waitingMessage}
                onChange={text((waitingMessage) => setSettings({ ...settings, waitingMessage }))}
              />
              <Field.Hint />
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
            <Field.Root
              name="notificationEmail"
              hint={tr('settings.emailHint', 'Escalations and missed chats are emailed here; empty turns it off')}
            >
              <Field.Label>{tr('settings.email', 'Notification email')}</Field.Label>
              <TextInput
                type="email"
                value={settings.notificationEmail}
                onChange={text((notificationEmail) => setSettings({ ...settings, notificationEmail }))}
              />
              <Field.Hint />
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
            <Field.Root
              name="allowedOrigins"
              hint={tr('settings.originsHint', 'One per line, like https://www.example.com')}
            >
              <Field.Label>{tr('settings.origins', 'Allowed widget origins')}</Field.Label>
              <Textarea value={origins} onChange={text(setOrigins)} />
              <Field.Hint />
            </Field.Root>
          </Grid.Item>
        </Section>

        <Section title={tr('settings.widget', 'Widget')}>
          <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
            <Field.Root name="widget.title">
              <Field.Label>{tr('settings.widget.title', 'Title')}</Field.Label>
              <TextInput value={settings.widget.title} onChange={text((title) => widget({ title }))} />
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={3} s={6} direction="column" alignItems="stretch">
            <Field.Root name="widget.color">
              <Field.Label>{tr('settings.widget.color', 'Colour')}</Field.Label>
              <Flex gap={2}>
                <input
                  type="color"
                  aria-label={tr('settings.widget.color', 'Colour')}
                  value={settings.widget.color}
                  onChange={(event) => widget({ color: event.target.value })}
                />
                <TextInput value={settings.widget.color} onChange={text((color) => widget({ color }))} />
              </Flex>
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={3} s={6} direction="column" alignItems="stretch">
            <Field.Root name="widget.position">
              <Field.Label>{tr('settings.widget.position', 'Position')}</Field.Label>
              <SingleSelect
                value={settings.widget.position}
                onChange={(value) => widget({ position: value as DeskSettings['widget']['position'] })}
              >
                <SingleSelectOption value="right">{tr('settings.widget.right', 'Bottom right')}</SingleSelectOption>
                <SingleSelectOption value="left">{tr('settings.widget.left', 'Bottom left')}</SingleSelectOption>
              </SingleSelect>
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
            <Field.Root name="widget.greeting">
              <Field.Label>{tr('settings.widget.greeting', 'Greeting')}</Field.Label>
              <Textarea value={settings.widget.greeting} onChange={text((greeting) => widget({ greeting }))} />
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
            <Field.Root name="widget.offlineMessage">
              <Field.Label>{tr('settings.widget.offline', 'Message when nobody is online')}</Field.Label>
              <Textarea
                value={settings.widget.offlineMessage}
                onChange={text((offlineMessage) => widget({ offlineMessage }))}
              />
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
            <Field.Root
              name="widget.preChatFields"
              hint={tr('settings.widget.preChatHint', 'Asked before the first message; none skips the form')}
            >
              <Field.Label>{tr('settings.widget.preChat', 'Pre-chat form')}</Field.Label>
              <MultiSelect
                withTags
                value={settings.widget.preChatFields}
                onChange={(values) => widget({ preChatFields: values as DeskSettings['widget']['preChatFields'] })}
              >
                <MultiSelectOption value="name">{tr('contact.name', 'Name')}</MultiSelectOption>
                <MultiSelectOption value="email">{tr('contact.email', 'Email')}</MultiSelectOption>
                <MultiSelectOption value="phone">{tr('contact.phone', 'Phone')}</MultiSelectOption>
              </MultiSelect>
              <Field.Hint />
            </Field.Root>
          </Grid.Item>
        </Section>

        <Flex justifyContent="flex-end">
          <Button type="submit" loading={saving} startIcon={<Check />}>
            {tr('action.save', 'Save')}
          </Button>
        </Flex>
      </Flex>
    </form>
  );
}
