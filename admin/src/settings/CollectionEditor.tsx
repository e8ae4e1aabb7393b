import {
  Button,
  EmptyStateLayout,
  Field,
  Flex,
  IconButton,
  MultiSelect,
  MultiSelectOption,
  NumberInput,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  TextInput,
  Textarea,
  Th,
  Thead,
  Toggle,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Pencil, Plus, Trash } from '@strapi/icons';
import { useEffect, useState, type ReactNode } from 'react';
import { ConfirmDelete } from '../components/ConfirmDelete';
import { FormModal } from '../components/FormModal';
import { useTr } from '../i18n';

type Value = string | number | boolean | number[] | null;
export type FormValues = Record<string, Value>;

export type FieldSpec = {
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
} & (
  | { kind: 'text' | 'textarea' | 'color' | 'number' | 'boolean' }
  | { kind: 'select'; options: Array<{ value: number; label: string }> }
  | { kind: 'multiselect'; options: Array<{ value: number; label: string }> }
);

export interface Column<Entity> {
  label: string;
  cell(entity: Entity): ReactNode;
}

/** The CRUD calls of one settings collection (see `collection` in api.ts). */
export interface CollectionApi<Entity, Input> {
  list(): Promise<{ results: Entity[] } | null>;
  create(input: Input): Promise<Entity | null>;
  update(id: number, input: Partial<Input>): Promise<Entity | null>;
  remove(id: number): Promise<boolean>;
}

function FieldInput({ spec, value, onChange }: { spec: FieldSpec; value: Value; onChange(value: Value): void }) {
  const tr = useTr();
  switch (spec.kind) {
    case 'textarea':
      return (
        <Textarea
          value={String(value ?? '')}
          onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => onChange(event.target.value)}
        />
      );
    case 'number':
      return (
        <NumberInput value={typeof value === 'number' ? value : undefined} onValueChange={(v) => onChange(v ?? 0)} />
      );
    case 'boolean':
      return (
        <Toggle
          checked={Boolean(value)}
          onLabel={tr('form.yes', 'Yes')}
          offLabel={tr('form.no', 'No')}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(event.target.checked)}
        />
      );
    case 'select':
      return (
        <SingleSelect
          value={typeof value === 'number' ? value : null}
          onChange={(v) => onChange(Number(v))}
          onClear={() => onChange(null)}
          clearLabel={tr('filters.clear', 'Clear')}
          placeholder={tr('form.none', 'None')}
        >
          {spec.options.map((option) => (
            <SingleSelectOption key={option.value} value={option.value}>
              {option.label}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      );
    case 'multiselect':
      return (
        <MultiSelect
          withTags
          value={Array.isArray(value) ? value.map(String) : []}
          onChange={(values) => onChange(values.map(Number))}
        >
          {spec.options.map((option) => (
            <MultiSelectOption key={option.value} value={String(option.value)}>
              {option.label}
            </MultiSelectOption>
          ))}
        </MultiSelect>
      );
    case 'color':
      return (
        <Flex gap={2}>
          <input
            type="color"
            aria-label={spec.label}
            value={String(value ?? '#4945ff')}
            onChange={(event) => onChange(event.target.value)}
          />
          <TextInput
            value={String(value ?? '')}
            onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
          />
        </Flex>
      );
    default:
      return (
        <TextInput
          value={String(value ?? '')}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
        />
      );
  }
}

/**
 * A settings collection as a table with add, edit and delete (confirmed). The server validates; its
 * message (which names the field) is shown as a notification and the form stays open with what was typed.
 */
export function CollectionEditor<Entity extends { id: number }, Input>({
  title,
  api,
  columns,
  fields,
  blank,
  toValues,
  toInput,
  itemName,
  emptyText,
}: {
  title: string;
  api: CollectionApi<Entity, Input>;
  columns: Column<Entity>[];
  fields: FieldSpec[];
  blank: FormValues;
  toValues(entity: Entity): FormValues;
  /** The form's values as the route's body. */
  toInput(values: FormValues): Input;
  itemName(entity: Entity): string;
  emptyText: string;
}) {
  const tr = useTr();
  const [items, setItems] = useState<Entity[] | null>(null);
  const [editing, setEditing] = useState<{ id: number | null; values: FormValues } | null>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api.list().then((result) => setItems(result?.results ?? []));
  }, [api]);

  const save = async () => {
    if (!editing) return;
    const empty = fields
      .filter((spec) => spec.required && (editing.values[spec.name] === '' || editing.values[spec.name] == null))
      .map((spec) => spec.name);
    setMissing(empty);
    if (empty.length) return;
    setBusy(true);
    const input = toInput(editing.values);
    const saved = editing.id === null ? await api.create(input) : await api.update(editing.id, input);
    setBusy(false);
    if (!saved) return;
    setItems((list) => {
      const others = (list ?? []).filter((item) => item.id !== saved.id);
      return editing.id === null
        ? [...others, saved]
        : (list ?? []).map((item) => (item.id === saved.id ? saved : item));
    });
    setEditing(null);
  };

  const remove = async (entity: Entity) => {
    if (await api.remove(entity.id)) setItems((list) => (list ?? []).filter((item) => item.id !== entity.id));
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex justifyContent="space-between">
        <Typography variant="delta" tag="h2">
          {title}
        </Typography>
        <Button
          startIcon={<Plus />}
          onClick={() => {
            setMissing([]);
            setEditing({ id: null, values: { ...blank } });
          }}
        >
          {tr('settings.add', 'Add')}
        </Button>
      </Flex>
      {items?.length === 0 && <EmptyStateLayout content={emptyText} />}
      {items && items.length > 0 && (
        <Table colCount={columns.length + 1} rowCount={items.length + 1} aria-label={title}>
          <Thead>
            <Tr>
              {columns.map((column) => (
                <Th key={column.label}>
                  <Typography variant="sigma">{column.label}</Typography>
                </Th>
              ))}
              <Th>
                <Typography variant="sigma">{tr('list.column.actions', 'Actions')}</Typography>
              </Th>
            </Tr>
          </Thead>
          <Tbody>
            {items.map((entity) => (
              <Tr key={entity.id}>
                {columns.map((column) => (
                  <Td key={column.label}>{column.cell(entity)}</Td>
                ))}
                <Td>
                  <Flex gap={1}>
                    <IconButton
                      label={tr('settings.edit', 'Edit {name}', { name: itemName(entity) })}
                      variant="ghost"
                      onClick={() => {
                        setMissing([]);
                        setEditing({ id: entity.id, values: toValues(entity) });
                      }}
                    >
                      <Pencil />
                    </IconButton>
                    <ConfirmDelete
                      trigger={
                        <IconButton
                          label={tr('settings.delete', 'Delete {name}', { name: itemName(entity) })}
                          variant="ghost"
                        >
                          <Trash />
                        </IconButton>
                      }
                      title={tr('settings.delete.title', 'Delete “{name}”?', { name: itemName(entity) })}
                      body={tr('settings.delete.body', 'This cannot be undone.')}
                      onConfirm={() => void remove(entity)}
                    />
                  </Flex>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <FormModal
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
        title={editing?.id === null ? tr('settings.addTitle', 'Add') : tr('settings.editTitle', 'Edit')}
        submitLabel={tr('action.save', 'Save')}
        onSubmit={() => void save()}
        busy={busy}
      >
        {editing &&
          fields.map((spec) => (
            <Field.Root
              key={spec.name}
              name={spec.name}
              required={spec.required}
              hint={spec.hint}
              error={missing.includes(spec.name) ? tr('form.required', 'This field is required') : undefined}
            >
              <Field.Label>{spec.label}</Field.Label>
              <FieldInput
                spec={spec}
                value={editing.values[spec.name] ?? null}
                onChange={(value) =>
                  setEditing((current) => current && { ...current, values: { ...current.values, [spec.name]: value } })
                }
              />
              <Field.Hint />
              <Field.Error />
            </Field.Root>
          ))}
      </FormModal>
    </Flex>
  );
}
