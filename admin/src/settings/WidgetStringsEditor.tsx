import {
  Box,
  Button,
  Flex,
  IconButton,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { stringsFor, WIDGET_STRING_KEYS, type StringKey } from '../../../plugin/widget-strings';
import { useTr } from '../i18n';

/**
 * The widget's interface strings the admin replaced, one row each: which string, and the text to show
 * instead of the built-in one (in the widget's language). The server refuses a key the widget lacks.
 */
export function WidgetStringsEditor({
  value,
  language,
  onChange,
}: {
  value: Record<string, string>;
  language: string;
  onChange: (next: Record<string, string>) => void;
}) {
  const tr = useTr();
  const { locale } = useIntl();
  const builtIn = stringsFor(language === 'auto' ? locale : language, {});
  const rows = Object.entries(value);
  const unused = WIDGET_STRING_KEYS.filter((key) => !(key in value));

  const rename = (from: string, to: string) =>
    onChange(Object.fromEntries(rows.map(([key, text]) => (key === from ? [to, text] : [key, text]))));
  const remove = (key: string) => onChange(Object.fromEntries(rows.filter(([other]) => other !== key)));

  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      {rows.length === 0 && (
        <Typography textColor="neutral600">
          {tr('settings.widget.strings.none', 'The widget uses its built-in texts.')}
        </Typography>
      )}
      {rows.map(([key, text]) => (
        <Flex key={key} gap={2} alignItems="flex-start" data-string-override={key}>
          <Box width="40%">
            <SingleSelect
              aria-label={tr('settings.widget.strings.key', 'Text to replace')}
              value={key}
              onChange={(next) => rename(key, String(next))}
            >
              {[key as StringKey, ...unused].map((option) => (
                <SingleSelectOption key={option} value={option}>
                  {builtIn[option] ?? option}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Box>
          <Box flex="1">
            <TextInput
              aria-label={tr('settings.widget.strings.text', 'Replacement for “{text}”', {
                text: builtIn[key as StringKey] ?? key,
              })}
              placeholder={builtIn[key as StringKey]}
              value={text}
              onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                onChange({ ...value, [key]: event.target.value })
              }
            />
          </Box>
          <IconButton label={tr('action.remove', 'Remove')} variant="ghost" onClick={() => remove(key)}>
            <Trash />
          </IconButton>
        </Flex>
      ))}
      {unused.length > 0 && (
        <Box>
          <Button variant="tertiary" startIcon={<Plus />} onClick={() => onChange({ ...value, [unused[0]]: '' })}>
            {tr('settings.widget.strings.add', 'Replace a text')}
          </Button>
        </Box>
      )}
    </Flex>
  );
}
