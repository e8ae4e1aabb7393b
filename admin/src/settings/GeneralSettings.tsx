import {
  Box,
  Button,
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
import { WIDGET_LANGUAGES, type DeskSettings } from '../../../plugin/contracts/settings';
import { useLivechatApi } from '../api';
import { FormField } from '../components/FormField';
import { useTr } from '../i18n';
import { NotificationSettings } from './NotificationSettings';
import { WidgetPreview } from './WidgetPreview';
import { WidgetStringsEditor } from './WidgetStringsEditor';

export function Section({ title, children }: { title: string; children: ReactNode }) {
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

/** One setting in the form's grid: a labelled control with its hint; half a row, a full row on small screens. */
export function SettingField({
  col = 6,
  s = 12,
  ...field
}: {
  col?: number;
  s?: number;
  name: string;
  label: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <Grid.Item col={col} s={s} direction="column" alignItems="stretch">
      <FormField {...field} />
    </Grid.Item>
  );
}

/** A language's own name for itself, e.g. "français". */
const languageName = (code: string) => new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;

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
  const bot = (patch: Partial<DeskSettings['bot']>) => setSettings({ ...settings, bot: { ...settings.bot, ...patch } });

  const save = async () => {
    setSaving(true);
    const saved = await api.updateSettings({
      routing: settings.routing,
      waitingMessage: settings.waitingMessage,
      notificationEmail: settings.notificationEmail,
      notifications: settings.notifications,
      allowedOrigins: origins
        .split(/\s+/)
        .map((origin) => origin.trim())
        .filter(Boolean),
      widget: settings.widget,
      bot: settings.bot,
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
          <SettingField
            name="routing.mode"
            label={tr('settings.routing.mode', 'Assignment')}
            hint={tr('settings.routing.modeHint', 'Auto-assign gives a new chat to the least busy online agent')}
          >
            <SingleSelect
              value={settings.routing.mode}
              onChange={(value) => routing({ mode: value as DeskSettings['routing']['mode'] })}
            >
              <SingleSelectOption value="manual">
                {tr('settings.routing.manual', 'Agents pick from the queue')}
              </SingleSelectOption>
              <SingleSelectOption value="auto">{tr('settings.routing.auto', 'Auto-assign')}</SingleSelectOption>
            </SingleSelect>
          </SettingField>
          <SettingField
            name="routing.capacity"
            label={tr('settings.routing.capacity', 'Capacity per agent')}
            hint={tr('settings.routing.capacityHint', 'Open chats one agent holds at most')}
          >
            <NumberInput
              value={settings.routing.capacity}
              onValueChange={(value) => routing({ capacity: value ?? 1 })}
            />
          </SettingField>
          <SettingField
            name="routing.onAgentOffline"
            label={tr('settings.routing.offline', 'When an agent goes offline')}
          >
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
          </SettingField>
          <SettingField
            name="routing.unansweredMinutes"
            label={tr('settings.routing.unanswered', 'Unanswered after (minutes)')}
            hint={tr(
              'settings.routing.unansweredHint',
              'Re-route an assigned chat the agent has not answered; 0 turns it off',
            )}
          >
            <NumberInput
              value={settings.routing.unansweredMinutes}
              onValueChange={(value) => routing({ unansweredMinutes: value ?? 0 })}
            />
          </SettingField>
        </Section>

        <Section title={tr('settings.visitors', 'Visitors and notifications')}>
          <SettingField
            col={12}
            name="waitingMessage"
            label={tr('settings.waiting', 'Waiting message')}
            hint={tr('settings.waitingHint', 'Shown with the queue position while a visitor waits')}
          >
            <Textarea
              value={settings.waitingMessage}
              onChange={text((waitingMessage) => setSettings({ ...settings, waitingMessage }))}
            />
          </SettingField>
          <SettingField
            name="notificationEmail"
            label={tr('settings.email', 'Notification email')}
            hint={tr(
              'settings.emailHint',
              'Escalations and visitors asking for a human are emailed here; empty turns it off',
            )}
          >
            <TextInput
              type="email"
              value={settings.notificationEmail}
              onChange={text((notificationEmail) => setSettings({ ...settings, notificationEmail }))}
            />
          </SettingField>
          <NotificationSettings
            value={settings.notifications}
            onChange={(notifications) => setSettings({ ...settings, notifications })}
          />
          <SettingField
            name="allowedOrigins"
            label={tr('settings.origins', 'Allowed widget origins')}
            hint={tr('settings.originsHint', 'One per line, like https://www.example.com')}
          >
            <Textarea value={origins} onChange={text(setOrigins)} />
          </SettingField>
        </Section>

        <Section title={tr('settings.widget', 'Widget')}>
          <SettingField name="widget.title" label={tr('settings.widget.title', 'Title')}>
            <TextInput value={settings.widget.title} onChange={text((title) => widget({ title }))} />
          </SettingField>
          <SettingField col={3} s={6} name="widget.color" label={tr('settings.widget.color', 'Colour')}>
            <Flex gap={2}>
              <input
                type="color"
                aria-label={tr('settings.widget.color', 'Colour')}
                value={settings.widget.color}
                onChange={(event) => widget({ color: event.target.value })}
              />
              <TextInput value={settings.widget.color} onChange={text((color) => widget({ color }))} />
            </Flex>
          </SettingField>
          <SettingField col={3} s={6} name="widget.position" label={tr('settings.widget.position', 'Position')}>
            <SingleSelect
              value={settings.widget.position}
              onChange={(value) => widget({ position: value as DeskSettings['widget']['position'] })}
            >
              <SingleSelectOption value="right">{tr('settings.widget.right', 'Bottom right')}</SingleSelectOption>
              <SingleSelectOption value="left">{tr('settings.widget.left', 'Bottom left')}</SingleSelectOption>
            </SingleSelect>
          </SettingField>
          <SettingField name="widget.greeting" label={tr('settings.widget.greeting', 'Greeting')}>
            <Textarea value={settings.widget.greeting} onChange={text((greeting) => widget({ greeting }))} />
          </SettingField>
          <SettingField
            name="widget.offlineMessage"
            label={tr('settings.widget.offline', 'Message when nobody is online')}
          >
            <Textarea
              value={settings.widget.offlineMessage}
              onChange={text((offlineMessage) => widget({ offlineMessage }))}
            />
          </SettingField>
          <SettingField
            name="widget.preChatFields"
            label={tr('settings.widget.preChat', 'Pre-chat form')}
            hint={tr('settings.widget.preChatHint', 'Asked before the first message; none skips the form')}
          >
            <MultiSelect
              withTags
              value={settings.widget.preChatFields}
              onChange={(values) => widget({ preChatFields: values as DeskSettings['widget']['preChatFields'] })}
            >
              <MultiSelectOption value="name">{tr('contact.name', 'Name')}</MultiSelectOption>
              <MultiSelectOption value="email">{tr('contact.email', 'Email')}</MultiSelectOption>
              <MultiSelectOption value="phone">{tr('contact.phone', 'Phone')}</MultiSelectOption>
            </MultiSelect>
          </SettingField>
          <SettingField
            name="widget.language"
            label={tr('settings.widget.language', 'Language')}
            hint={tr('settings.widget.languageHint', 'Automatic follows each visitor’s browser')}
          >
            <SingleSelect
              value={settings.widget.language}
              onChange={(value) => widget({ language: value as DeskSettings['widget']['language'] })}
            >
              {WIDGET_LANGUAGES.map((language) => (
                <SingleSelectOption key={language} value={language}>
                  {language === 'auto' ? tr('settings.widget.language.auto', 'Automatic') : languageName(language)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </SettingField>
          <SettingField
            col={12}
            name="widget.strings"
            label={tr('settings.widget.strings', 'Interface texts')}
            hint={tr('settings.widget.stringsHint', 'Replace any of the widget’s built-in texts, in every language')}
          >
            <WidgetStringsEditor
              value={settings.widget.strings}
              language={settings.widget.language}
              onChange={(strings) => widget({ strings })}
            />
          </SettingField>
          <Grid.Item col={12} direction="column" alignItems="stretch">
            <Typography variant="sigma" textColor="neutral600" paddingBottom={2}>
              {tr('settings.preview', 'Preview')}
            </Typography>
            <WidgetPreview widget={settings.widget} online />
          </Grid.Item>
        </Section>

        <Section title={tr('settings.bot', 'Bot answers')}>
          <SettingField
            col={12}
            name="bot.enabled"
            label={tr('settings.bot.enabled', 'The bot answers visitors')}
            hint={tr('settings.bot.enabledHint', 'Off: new chats go straight to the queue')}
          >
            <SingleSelect
              value={settings.bot.enabled === null ? 'config' : settings.bot.enabled ? 'on' : 'off'}
              onChange={(value) => bot({ enabled: value === 'config' ? null : value === 'on' })}
            >
              <SingleSelectOption value="on">{tr('settings.bot.on', 'On')}</SingleSelectOption>
              <SingleSelectOption value="off">
                {tr('settings.bot.off', 'Off: a person answers every chat')}
              </SingleSelectOption>
              <SingleSelectOption value="config">
                {tr('settings.bot.config', 'As the plugin config says (botEnabled)')}
              </SingleSelectOption>
            </SingleSelect>
          </SettingField>
          {(
            [
              [
                'answerThreshold',
                tr('settings.bot.answer', 'Answer from confidence'),
                tr(
                  'settings.bot.answerHint',
                  'At or above this (0–1) the bot answers; below it, it suggests with a prominent way to a person. Empty: the plugin config (botAnswerThreshold)',
                ),
              ],
              [
                'confidenceThreshold',
                tr('settings.bot.confidence', 'Refuse below confidence'),
                tr(
                  'settings.bot.confidenceHint',
                  'Below this (0–1) the bot says it does not know and offers a person. Empty: the plugin config (botConfidenceThreshold)',
                ),
              ],
            ] as const
          ).map(([key, label, hint]) => (
            <SettingField key={key} name={`bot.${key}`} label={label} hint={hint}>
              <NumberInput
                step={0.05}
                value={settings.bot[key] ?? undefined}
                onValueChange={(value) => bot({ [key]: value ?? null })}
              />
            </SettingField>
          ))}
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
