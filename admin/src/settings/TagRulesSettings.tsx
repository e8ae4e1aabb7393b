import { Box, Button, Flex, IconButton, TextInput, Typography } from '@strapi/design-system';
import { Check, Plus, Trash } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import type { DeskSettings } from '../../../plugin/contracts/settings';
import { useLivechatApi } from '../api';
import { FormField } from '../components/FormField';
import { useTr } from '../i18n';

type TagRules = DeskSettings['tagRules'];
/** A first-message rule as edited: its words as one comma-separated text. */
type RuleRow = { name: string; words: string; pattern: string; tag: string };

const splitList = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

const toRows = (rules: TagRules['firstMessage']): RuleRow[] =>
  rules.map((rule) => ({ ...rule, words: rule.words.join(', ') }));

/** Automated tags: first-message rules, the tags the site may set through `identify`, the broadcast tag. The server validates (a bad pattern is refused naming its field). */
export function TagRulesSettings() {
  const tr = useTr();
  const api = useLivechatApi();
  const { toggleNotification } = useNotification();
  const [rules, setRules] = useState<RuleRow[] | null>(null);
  const [apiTags, setApiTags] = useState('');
  const [broadcastTag, setBroadcastTag] = useState('');
  const [saving, setSaving] = useState(false);

  const show = ({ tagRules }: DeskSettings) => {
    setRules(toRows(tagRules.firstMessage));
    setApiTags(tagRules.apiTags.join(', '));
    setBroadcastTag(tagRules.broadcastTag);
  };
  useEffect(() => {
    void api.getSettings().then((loaded) => loaded && show(loaded));
  }, [api]);

  if (!rules) return null;
  const setRule = (index: number, patch: Partial<RuleRow>) =>
    setRules(rules.map((rule, i) => (i === index ? { ...rule, ...patch } : rule)));
  const input = (set: (value: string) => void) => (event: React.ChangeEvent<HTMLInputElement>) =>
    set(event.target.value);

  const ruleFields = [
    ['name', tr('tagRules.name', 'Rule name')],
    ['words', tr('tagRules.words', 'Words (comma-separated)')],
    ['pattern', tr('tagRules.pattern', 'Pattern (regular expression)')],
    ['tag', tr('tagRules.tag', 'Tag')],
  ] as const;

  const save = async () => {
    setSaving(true);
    const saved = await api.updateSettings({
      tagRules: {
        firstMessage: rules.map((rule) => ({ ...rule, words: splitList(rule.words) })),
        apiTags: splitList(apiTags),
        broadcastTag: broadcastTag.trim(),
      },
    });
    setSaving(false);
    if (!saved) return;
    show(saved);
    toggleNotification({ type: 'success', message: tr('settings.saved', 'Settings saved') });
  };

  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={6} marginTop={4}>
      <form
        aria-label={tr('tagRules.title', 'Automated tags')}
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Typography variant="delta" tag="h2">
            {tr('tagRules.title', 'Automated tags')}
          </Typography>
          <Typography variant="sigma" textColor="neutral600">
            {tr(
              'tagRules.firstMessage',
              'First-message rules: words or a pattern in the visitor’s first message tag the chat',
            )}
          </Typography>
          {rules.map((rule, index) => (
            <Flex key={index} gap={2} alignItems="flex-end" wrap="wrap">
              {ruleFields.map(([field, label]) => (
                <TextInput
                  key={field}
                  aria-label={label}
                  placeholder={label}
                  value={rule[field]}
                  onChange={input((value) => setRule(index, { [field]: value }))}
                />
              ))}
              <IconButton
                label={tr('tagRules.remove', 'Remove rule')}
                variant="ghost"
                onClick={() => setRules(rules.filter((_, i) => i !== index))}
              >
                <Trash />
              </IconButton>
            </Flex>
          ))}
          <Box>
            <Button
              variant="tertiary"
              size="S"
              startIcon={<Plus />}
              onClick={() => setRules([...rules, { name: '', words: '', pattern: '', tag: '' }])}
            >
              {tr('tagRules.add', 'Add rule')}
            </Button>
          </Box>
          <FormField
            name="tagRules.apiTags"
            label={tr('tagRules.apiTags', 'API tags')}
            // '{ tags }' is quoted so ICU shows the braces instead of reading a {tags} argument.
            hint={tr(
              'tagRules.apiTagsHint',
              "Tags the site may give its visitor with identify('{ tags }'), comma-separated; others are ignored",
            )}
          >
            <TextInput value={apiTags} onChange={input(setApiTags)} />
          </FormField>
          <FormField
            name="tagRules.broadcastTag"
            label={tr('tagRules.broadcastTag', 'Broadcast tag')}
            hint={tr(
              'tagRules.broadcastTagHint',
              'Visitors who receive a broadcast from Failed responses get this tag; empty turns it off',
            )}
          >
            <TextInput value={broadcastTag} onChange={input(setBroadcastTag)} />
          </FormField>
          <Flex justifyContent="flex-end">
            <Button type="submit" loading={saving} startIcon={<Check />}>
              {tr('tagRules.save', 'Save tag rules')}
            </Button>
          </Flex>
        </Flex>
      </form>
    </Box>
  );
}
