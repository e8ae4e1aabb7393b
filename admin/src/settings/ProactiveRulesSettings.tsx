import {
  Box,
  Button,
  Checkbox,
  Flex,
  Grid,
  NumberInput,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Textarea,
  Typography,
} from '@strapi/design-system';
import { Check, Plus, Trash } from '@strapi/icons';
import { Page, useNotification } from '@strapi/strapi/admin';
import { useEffect, useId, useState } from 'react';
import type { ProactiveRule } from '../../../plugin/contracts/settings';
import { PROACTIVE_LIMITS } from '../../../plugin/proactive';
import { useLivechatApi } from '../api';
import { useTr } from '../i18n';
import { SettingField } from './GeneralSettings';

/** A rule being edited: a new one has no id until the server gives it one. */
type DraftRule = Omit<ProactiveRule, 'id'> & { id?: string };

const blankRule: DraftRule = {
  name: '',
  message: '',
  urlPattern: '*',
  secondsOnPage: 10,
  visitors: 'all',
  onlyWithinBusinessHours: false,
  enabled: true,
};

/** Settings → Proactive messages: rules the widget shows by itself on matching pages; saved on their own. */
export function ProactiveRulesSettings() {
  const tr = useTr();
  const api = useLivechatApi();
  const { toggleNotification } = useNotification();
  const headingId = useId();
  const [rules, setRules] = useState<DraftRule[] | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void api.getSettings().then((loaded) => loaded && setRules(loaded.proactiveRules));
  }, [api]);

  if (!rules) return <Page.Loading />;
  const change = (index: number, patch: Partial<DraftRule>) =>
    setRules(rules.map((rule, at) => (at === index ? { ...rule, ...patch } : rule)));

  const save = async () => {
    setSaving(true);
    const saved = await api.updateSettings({ proactiveRules: rules as ProactiveRule[] });
    setSaving(false);
    if (!saved) return;
    setRules(saved.proactiveRules);
    toggleNotification({ type: 'success', message: tr('proactive.saved', 'Proactive messages saved') });
  };

  return (
    <section aria-labelledby={headingId}>
      <Box background="neutral0" hasRadius shadow="tableShadow" padding={6} marginTop={4}>
        <Typography variant="delta" tag="h2" id={headingId}>
          {tr('proactive.title', 'Proactive messages')}
        </Typography>
        <Box paddingTop={1}>
          <Typography variant="pi" textColor="neutral600">
            {tr(
              'proactive.hint',
              'The widget shows a message by itself after some seconds on a matching page, at most once a day per visitor.',
            )}
          </Typography>
        </Box>
        <Flex direction="column" alignItems="stretch" gap={4} paddingTop={4}>
          {rules.map((rule, index) => (
            <Box key={rule.id ?? `new-${index}`} padding={4} hasRadius borderColor="neutral200">
              <Grid.Root gap={4}>
                <SettingField name={`proactiveRules.${index}.name`} label={tr('proactive.name', 'Rule name')}>
                  <TextInput value={rule.name} onChange={(event) => change(index, { name: event.target.value })} />
                </SettingField>
                <SettingField
                  name={`proactiveRules.${index}.urlPattern`}
                  label={tr('proactive.urlPattern', 'Page URL pattern')}
                  hint={tr(
                    'proactive.urlPatternHint',
                    'A path like /pricing* (* matches anything), or * for every page',
                  )}
                >
                  <TextInput
                    value={rule.urlPattern}
                    onChange={(event) => change(index, { urlPattern: event.target.value })}
                  />
                </SettingField>
                <SettingField
                  col={12}
                  name={`proactiveRules.${index}.message`}
                  label={tr('proactive.message', 'Message')}
                  hint={tr('proactive.messageHint', 'At most {max} characters', {
                    max: PROACTIVE_LIMITS.messageLength,
                  })}
                >
                  <Textarea value={rule.message} onChange={(event) => change(index, { message: event.target.value })} />
                </SettingField>
                <SettingField
                  col={3}
                  s={6}
                  name={`proactiveRules.${index}.secondsOnPage`}
                  label={tr('proactive.seconds', 'Seconds on the page')}
                >
                  <NumberInput
                    value={rule.secondsOnPage}
                    onValueChange={(value) => change(index, { secondsOnPage: value ?? 0 })}
                  />
                </SettingField>
                <SettingField
                  col={3}
                  s={6}
                  name={`proactiveRules.${index}.visitors`}
                  label={tr('proactive.visitors', 'Visitors')}
                >
                  <SingleSelect
                    value={rule.visitors}
                    onChange={(value) => change(index, { visitors: value as DraftRule['visitors'] })}
                  >
                    <SingleSelectOption value="all">{tr('proactive.visitors.all', 'All visitors')}</SingleSelectOption>
                    <SingleSelectOption value="new">{tr('proactive.visitors.new', 'New visitors')}</SingleSelectOption>
                    <SingleSelectOption value="returning">
                      {tr('proactive.visitors.returning', 'Returning visitors')}
                    </SingleSelectOption>
                  </SingleSelect>
                </SettingField>
                <Grid.Item col={6} s={12} direction="column" alignItems="flex-start" gap={2}>
                  <Checkbox
                    checked={rule.onlyWithinBusinessHours}
                    onCheckedChange={(checked) => change(index, { onlyWithinBusinessHours: checked === true })}
                  >
                    {tr('proactive.businessHours', 'Only within business hours')}
                  </Checkbox>
                  <Checkbox
                    checked={rule.enabled}
                    onCheckedChange={(checked) => change(index, { enabled: checked === true })}
                  >
                    {tr('proactive.enabled', 'Enabled')}
                  </Checkbox>
                  <Button
                    variant="danger-light"
                    startIcon={<Trash />}
                    onClick={() => setRules(rules.filter((_, at) => at !== index))}
                  >
                    {tr('proactive.remove', 'Remove rule {name}', { name: rule.name || index + 1 })}
                  </Button>
                </Grid.Item>
              </Grid.Root>
            </Box>
          ))}
          <Flex justifyContent="space-between">
            <Button
              variant="secondary"
              startIcon={<Plus />}
              disabled={rules.length >= PROACTIVE_LIMITS.rules}
              onClick={() => setRules([...rules, { ...blankRule }])}
            >
              {tr('proactive.add', 'Add a proactive message')}
            </Button>
            <Button loading={saving} startIcon={<Check />} onClick={() => void save()}>
              {tr('proactive.save', 'Save proactive messages')}
            </Button>
          </Flex>
        </Flex>
      </Box>
    </section>
  );
}
