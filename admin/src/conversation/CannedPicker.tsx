import { Box, Button, Flex, Link, Textarea, TextInput, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { useEffect, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import type { SaveCannedMessage } from '../../../plugin/contracts/agent';
import type { CannedMessage } from '../../../plugin/contracts/entities';
import { inboxPath } from '../../../plugin/id';
import { useLivechatApi } from '../api';
import { FormField } from '../components/FormField';
import { FormModal } from '../components/FormModal';
import { useTr } from '../i18n';

/**
 * The list `/` or `#` opens in the composer; the composer's textarea keeps focus and drives it with the
 * keyboard. With no canned message at all it says so and shows where they are made (and, for agents who
 * may manage settings, a button that makes one here).
 */
export function CannedPicker({
  id,
  matches,
  total,
  active,
  canCreate,
  onChoose,
  onCreate,
}: {
  id: string;
  matches: CannedMessage[];
  /** How many canned messages the agent has in all (0: none were made yet). */
  total: number;
  active: number;
  canCreate: boolean;
  onChoose(message: CannedMessage): void;
  onCreate(): void;
}) {
  const tr = useTr();
  return (
    <Box
      position="absolute"
      bottom="100%"
      left={0}
      right={0}
      marginBottom={1}
      background="neutral0"
      shadow="popupShadow"
      hasRadius
      padding={1}
      zIndex={2}
      data-testid="canned-picker"
    >
      {matches.length === 0 ? (
        <Flex direction="column" alignItems="flex-start" gap={2} padding={2}>
          <Typography textColor="neutral600">
            {total === 0
              ? tr('canned.noneYet', 'No canned messages yet.')
              : tr('canned.none', 'No canned message matches')}
          </Typography>
          {canCreate ? (
            <Flex gap={3} wrap="wrap">
              {/* Mouse down would blur the textarea first and close the picker before the click lands. */}
              <Button
                size="S"
                variant="secondary"
                startIcon={<Plus />}
                onMouseDown={(event: React.MouseEvent) => event.preventDefault()}
                onClick={onCreate}
              >
                {tr('canned.createHere', 'Create a canned message')}
              </Button>
              {total === 0 && (
                <Link tag={RouterLink} to={inboxPath('canned-messages')}>
                  {tr('canned.manage', 'Manage canned messages in Settings')}
                </Link>
              )}
            </Flex>
          ) : (
            total === 0 && (
              <Typography variant="pi" textColor="neutral600">
                {tr('canned.askAdmin', 'An administrator creates them in Live chat → Canned messages.')}
              </Typography>
            )
          )}
        </Flex>
      ) : (
        <ul role="listbox" id={id} aria-label={tr('canned.label', 'Canned messages')} style={{ margin: 0, padding: 0 }}>
          {matches.map((message, index) => (
            <Box
              tag="li"
              key={message.id}
              id={`${id}-${message.id}`}
              role="option"
              aria-selected={index === active}
              background={index === active ? 'primary100' : undefined}
              hasRadius
              padding={2}
              style={{ listStyle: 'none', cursor: 'pointer' }}
              // Keep the textarea focused: choose on mouse down, before it would blur.
              onMouseDown={(event: React.MouseEvent) => {
                event.preventDefault();
                onChoose(message);
              }}
            >
              <Flex gap={2}>
                <Typography fontWeight="bold">/{message.shortcut}</Typography>
                <Typography textColor="neutral700">{message.title}</Typography>
              </Flex>
              <Typography variant="pi" textColor="neutral600" ellipsis>
                {message.text}
              </Typography>
            </Box>
          ))}
        </ul>
      )}
    </Box>
  );
}

/**
 * Makes a canned message from the conversation (agents who may manage settings): the server validates it
 * as in Settings, and a refusal (naming the field) is notified while the form keeps what was typed.
 */
export function NewCannedMessage({
  open,
  shortcut,
  onOpenChange,
  onCreated,
}: {
  open: boolean;
  /** What the agent typed after `/` or `#`: the new shortcut to start from. */
  shortcut: string;
  onOpenChange(open: boolean): void;
  onCreated(message: CannedMessage): void;
}) {
  const tr = useTr();
  const api = useLivechatApi();
  const [values, setValues] = useState<SaveCannedMessage.Request>({ shortcut, title: '', text: '' });
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) setValues({ shortcut, title: '', text: '' });
  }, [open, shortcut]);
  const change = (field: keyof SaveCannedMessage.Request) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

  const submit = async () => {
    setBusy(true);
    const created = await api.cannedMessages.create(values);
    setBusy(false);
    if (created) onCreated(created);
  };

  return (
    <FormModal
      open={open}
      onOpenChange={onOpenChange}
      title={tr('canned.createTitle', 'New canned message')}
      submitLabel={tr('canned.create', 'Create')}
      onSubmit={() => void submit()}
      busy={busy}
    >
      <FormField
        name="shortcut"
        label={tr('canned.shortcut', 'Shortcut')}
        hint={tr('canned.shortcutHint', 'Letters, digits, - and _; typed after /')}
      >
        <TextInput value={values.shortcut} onChange={change('shortcut')} />
      </FormField>
      <FormField name="title" label={tr('canned.titleField', 'Title')}>
        <TextInput value={values.title} onChange={change('title')} />
      </FormField>
      <FormField name="text" label={tr('canned.text', 'Text')}>
        <Textarea value={values.text} onChange={change('text')} />
      </FormField>
    </FormModal>
  );
}
