import {
  Button,
  Flex,
  SingleSelect,
  SingleSelectOption,
  Tag as TagChip,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { Check, Cross, Plus } from '@strapi/icons';
import { useState } from 'react';
import type { Tag } from '../../../plugin/contracts/entities';
import { useLivechatApi } from '../api';
import { useTr } from '../i18n';
import { useAbilities } from '../permissions';

/**
 * Tags on a conversation or contact: remove with the cross, add from the configured list; agents who may
 * manage settings also create a tag here (validated by the server as in Settings) and it is added at once.
 */
export function TagsEditor({
  tags,
  available,
  editable,
  onChange,
  label,
}: {
  tags: Tag[];
  available: Tag[];
  editable: boolean;
  onChange(tagIds: number[]): void;
  label: string;
}) {
  const tr = useTr();
  const api = useLivechatApi();
  const { manageSettings } = useAbilities();
  const [newName, setNewName] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const current = new Set(tags.map((tag) => tag.id));
  const addable = available.filter((tag) => !current.has(tag.id));

  const create = async () => {
    setBusy(true);
    // A refusal (empty, too long, taken) is notified with the server's message, naming the field.
    const created = await api.tags.create({ name: newName ?? '' });
    setBusy(false);
    if (!created) return;
    setNewName(null);
    onChange([...current, created.id]);
  };
  return (
    <Flex gap={2} wrap="wrap" aria-label={label} role="group">
      {tags.length === 0 && !editable && <Typography textColor="neutral600">—</Typography>}
      {tags.map((tag) =>
        editable ? (
          <TagChip
            key={tag.id}
            icon={<Cross aria-hidden />}
            label={tr('tags.remove', 'Remove tag {name}', { name: tag.name })}
            onClick={() => onChange(tags.filter((other) => other.id !== tag.id).map((other) => other.id))}
          >
            {tag.name}
          </TagChip>
        ) : (
          <TagChip key={tag.id} icon={null}>
            {tag.name}
          </TagChip>
        ),
      )}
      {editable && addable.length > 0 && (
        <SingleSelect
          size="S"
          aria-label={tr('tags.add', 'Add a tag')}
          placeholder={tr('tags.add', 'Add a tag')}
          value={null}
          onChange={(value) => onChange([...current, Number(value)])}
        >
          {addable.map((tag) => (
            <SingleSelectOption key={tag.id} value={tag.id}>
              {tag.name}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      )}
      {editable && manageSettings && newName === null && (
        <Button size="S" variant="tertiary" startIcon={<Plus />} onClick={() => setNewName('')}>
          {tr('tags.new', 'New tag')}
        </Button>
      )}
      {editable && manageSettings && newName !== null && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void create();
          }}
          style={{ display: 'flex', gap: 8, alignItems: 'center' }}
        >
          <TextInput
            size="S"
            aria-label={tr('tags.newName', 'New tag name')}
            placeholder={tr('tags.newName', 'New tag name')}
            value={newName}
            autoFocus
            onChange={(event: React.ChangeEvent<HTMLInputElement>) => setNewName(event.target.value)}
            onKeyDown={(event: React.KeyboardEvent) => event.key === 'Escape' && setNewName(null)}
          />
          <Button size="S" type="submit" loading={busy} startIcon={<Check />}>
            {tr('tags.create', 'Create tag')}
          </Button>
        </form>
      )}
    </Flex>
  );
}
