import { Combobox, ComboboxOption, Typography } from '@strapi/design-system';
import { useEffect, useState } from 'react';
import type { KnowledgeEntrySummary } from '../../../plugin/contracts/failed-responses';
import { useTr } from '../i18n';
import { useFailedResponsesApi } from '../api';
import { FormField } from '../components/FormField';
import { ReviewDialog } from './ReviewDialog';

interface Props {
  failedResponseId: number;
  onClose(): void;
  onMapped(): void;
}

/** Picks an existing knowledge entry; the question becomes one of its alternative phrasings. */
export function MapToEntryDialog({ failedResponseId, onClose, onMapped }: Props) {
  const tr = useTr();
  const api = useFailedResponsesApi();
  const [search, setSearch] = useState('');
  const [entries, setEntries] = useState<KnowledgeEntrySummary[]>([]);
  const [loading, setLoading] = useState(true);
  const [chosen, setChosen] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let current = true;
    setLoading(true);
    const timer = setTimeout(() => {
      void api.searchEntries(search).then((answer) => {
        if (!current) return;
        setEntries(answer?.results ?? []);
        setLoading(false);
      });
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, search]);

  const map = async () => {
    if (!chosen) return;
    setSaving(true);
    const answer = await api.map(failedResponseId, { entryDocumentId: chosen });
    setSaving(false);
    if (answer) onMapped();
  };

  return (
    <ReviewDialog
      title={tr('failed.map.title', 'Map to a knowledge entry')}
      submitLabel={tr('failed.map.submit', 'Map')}
      canSubmit={chosen !== undefined}
      submitting={saving}
      onSubmit={() => void map()}
      onClose={onClose}
    >
      <FormField
        name="entryDocumentId"
        label={tr('failed.map.entry', 'Knowledge entry')}
        hint={tr('failed.map.hint', 'The question becomes another phrasing of the entry you pick.')}
      >
        <Combobox
          value={chosen}
          onChange={(value) => setChosen(value ?? undefined)}
          onInputChange={(event) => setSearch(event.target.value)}
          // The server already matched the text anywhere in the title; the list must not narrow it to prefixes.
          autocomplete={{ type: 'list', filter: 'contains' }}
          loading={loading}
          loadingMessage={tr('failed.map.loading', 'Searching…')}
          noOptionsMessage={() => tr('failed.map.none', 'No entry matches')}
          placeholder={tr('failed.map.search', 'Search by title')}
        >
          {entries.map((entry) => (
            <ComboboxOption key={entry.documentId} value={entry.documentId} textValue={entry.title}>
              {entry.published ? entry.title : `${entry.title} (${tr('failed.map.draft', 'draft')})`}
            </ComboboxOption>
          ))}
        </Combobox>
      </FormField>
      {chosen && (
        <Typography variant="pi" textColor="neutral600" tag="p" paddingTop={2}>
          {entries.find((entry) => entry.documentId === chosen)?.answer}
        </Typography>
      )}
    </ReviewDialog>
  );
}
