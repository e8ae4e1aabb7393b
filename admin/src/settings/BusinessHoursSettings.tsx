import { Button, Flex, TextInput, Textarea, Toggle } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { Page, useNotification } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { WEEKDAYS, type BusinessHours, type Weekday } from '../../../plugin/contracts/settings';
import { useLivechatApi } from '../api';
import { useTr } from '../i18n';
import { Section, SettingField } from './GeneralSettings';

/** What the admin types per day: `09:00-12:00, 14:00-17:30`; empty is closed. */
type Draft = { enabled: boolean; timeZone: string; week: Record<Weekday, string>; holidays: string };

const toDraft = (hours: BusinessHours): Draft => ({
  enabled: hours.enabled,
  timeZone: hours.timeZone,
  week: Object.fromEntries(
    WEEKDAYS.map((day) => [day, hours.week[day].map((opening) => `${opening.from}-${opening.to}`).join(', ')]),
  ) as Record<Weekday, string>,
  holidays: hours.holidays.join('\n'),
});

// A piece that does not read as from-to is sent as typed: the server's 400 names the day and the field.
const toSchedule = (draft: Draft): BusinessHours => ({
  enabled: draft.enabled,
  timeZone: draft.timeZone.trim(),
  week: Object.fromEntries(
    WEEKDAYS.map((day) => [
      day,
      draft.week[day]
        .split(',')
        .map((piece) => piece.trim())
        .filter(Boolean)
        .map((piece) => {
          const [from = '', to = ''] = piece.split(/\s*[-–]\s*/);
          return { from, to };
        }),
    ]),
  ) as BusinessHours['week'],
  holidays: draft.holidays
    .split(/[\s,]+/)
    .map((date) => date.trim())
    .filter(Boolean),
});

/** Business hours: when the desk answers (outside them the widget takes messages and auto-assign waits). */
export function BusinessHoursSettings() {
  const tr = useTr();
  const api = useLivechatApi();
  const { toggleNotification } = useNotification();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void api.getSettings().then((loaded) => loaded && setDraft(toDraft(loaded.businessHours)));
  }, [api]);

  if (!draft) return <Page.Loading />;
  const dayLabels: Record<Weekday, string> = {
    mon: tr('settings.hours.mon', 'Monday'),
    tue: tr('settings.hours.tue', 'Tuesday'),
    wed: tr('settings.hours.wed', 'Wednesday'),
    thu: tr('settings.hours.thu', 'Thursday'),
    fri: tr('settings.hours.fri', 'Friday'),
    sat: tr('settings.hours.sat', 'Saturday'),
    sun: tr('settings.hours.sun', 'Sunday'),
  };

  const save = async () => {
    setSaving(true);
    const saved = await api.updateSettings({ businessHours: toSchedule(draft) });
    setSaving(false);
    if (!saved) return;
    setDraft(toDraft(saved.businessHours));
    toggleNotification({ type: 'success', message: tr('settings.saved', 'Settings saved') });
  };

  return (
    <form
      aria-label={tr('settings.hours', 'Business hours')}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <Flex direction="column" alignItems="stretch" gap={4} paddingTop={4}>
        <Section title={tr('settings.hours', 'Business hours')}>
          <SettingField
            name="businessHours.enabled"
            label={tr('settings.hours.enabled', 'Use business hours')}
            hint={tr(
              'settings.hours.enabledHint',
              'Outside them the widget offers to leave an email and auto-assign waits; the bot still answers',
            )}
          >
            <Toggle
              checked={draft.enabled}
              onLabel={tr('form.yes', 'Yes')}
              offLabel={tr('form.no', 'No')}
              onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                setDraft({ ...draft, enabled: event.target.checked })
              }
            />
          </SettingField>
          <SettingField
            name="businessHours.timeZone"
            label={tr('settings.hours.timeZone', 'Time zone')}
            hint={tr('settings.hours.timeZoneHint', 'Like Europe/Paris or America/New_York')}
          >
            <TextInput
              value={draft.timeZone}
              onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                setDraft({ ...draft, timeZone: event.target.value })
              }
            />
          </SettingField>
          {WEEKDAYS.map((day) => (
            <SettingField
              key={day}
              col={4}
              s={12}
              name={`businessHours.week.${day}`}
              label={dayLabels[day]}
              hint={tr('settings.hours.dayHint', 'Like 09:00-12:00, 14:00-17:30; empty is closed')}
            >
              <TextInput
                value={draft.week[day]}
                onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                  setDraft({ ...draft, week: { ...draft.week, [day]: event.target.value } })
                }
              />
            </SettingField>
          ))}
          <SettingField
            col={12}
            name="businessHours.holidays"
            label={tr('settings.hours.holidays', 'Holidays')}
            hint={tr('settings.hours.holidaysHint', 'Closed all day; one date per line, like 2026-12-25')}
          >
            <Textarea
              value={draft.holidays}
              onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) =>
                setDraft({ ...draft, holidays: event.target.value })
              }
            />
          </SettingField>
        </Section>
        <Flex justifyContent="flex-end">
          <Button type="submit" loading={saving} startIcon={<Check />}>
            {tr('settings.hours.save', 'Save business hours')}
          </Button>
        </Flex>
      </Flex>
    </form>
  );
}
