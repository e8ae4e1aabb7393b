import { Flex, SingleSelect, SingleSelectOption, Tag as TagChip, Typography } from '@strapi/design-system';
import { Cross } from '@strapi/icons';
import type { Tag } from '../../../plugin/contracts/entities';
import { useTr } from '../i18n';

/** Tags on a conversation or contact: remove with the cross, add from the configured list. */
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
  const current = new Set(tags.map((tag) => tag.id));
  const addable = available.filter((tag) => !current.has(tag.id));
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
    </Flex>
  );
}
