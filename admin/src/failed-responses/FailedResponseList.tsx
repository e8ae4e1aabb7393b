import {
  Box,
  Button,
  DatePicker,
  Field,
  Flex,
  Searchbar,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  TextButton,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useEffect, useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import { useNavigate, useSearchParams } from 'react-router-dom';
import {
  FAILED_RESPONSE_KINDS,
  type FailedResponse,
  type Page as ResultPage,
} from '../../../plugin/contracts/entities';
import { useTr } from '../i18n';
import { useFailedResponsesApi } from '../api';
import { KindBadge, kindLabel } from './KindBadge';
import { NoKnowledgeBanner } from '../components/NoKnowledgeBanner';
import { KnowledgeIndexStatus } from './KnowledgeIndexStatus';
import { percent, ResolutionBadge } from './ResolutionBadge';

const PAGE_SIZE = 20;

/** A date picked in the admin's time zone, as the `YYYY-MM-DD` the API filters on. */
const isoDay = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

const parseDay = (value: string | null) => (value ? new Date(`${value}T00:00:00`) : undefined);

/** A date filter: the picked day as `YYYY-MM-DD`, or null once cleared. */
function DayFilter(props: { name: string; label: string; value: string | null; onChange(value: string | null): void }) {
  const tr = useTr();
  return (
    <Field.Root name={props.name} width="200px">
      <Field.Label>{props.label}</Field.Label>
      <DatePicker
        value={parseDay(props.value)}
        onChange={(date) => props.onChange(date ? isoDay(date) : null)}
        onClear={() => props.onChange(null)}
        clearLabel={tr('failed.filter.clear', 'Clear')}
      />
    </Field.Root>
  );
}

/** The review list: filters (status, dates, search), the groups most asked first, and pagination. */
export function FailedResponseList() {
  const tr = useTr();
  const { formatDate } = useIntl();
  const api = useFailedResponsesApi();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'open';
  const from = params.get('from');
  const to = params.get('to');
  const dateField = params.get('dateField') ?? 'createdAt';
  const q = params.get('q') ?? '';
  const kind = params.get('kind') ?? 'all';
  const page = Number(params.get('page') ?? 1);
  const [search, setSearch] = useState(q);
  const [result, setResult] = useState<ResultPage<FailedResponse> | null>(null);
  const [loading, setLoading] = useState(true);

  /** Changes some filters; any filter change goes back to the first page. */
  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  useEffect(() => {
    let current = true;
    setLoading(true);
    void api
      .list({
        status: status === 'all' ? undefined : status,
        kind: kind === 'all' ? undefined : kind,
        dateField,
        from: from ?? undefined,
        to: to ?? undefined,
        q: q || undefined,
        page: String(page),
        pageSize: String(PAGE_SIZE),
      })
      .then((answer) => {
        if (!current) return;
        setResult(answer);
        setLoading(false);
      });
    return () => {
      current = false;
    };
  }, [api, status, kind, dateField, from, to, q, page]);

  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    update({ q: search.trim() || null });
  };

  const title = tr('failed.title', 'Failed responses');
  const columns = [
    tr('failed.column.question', 'Question'),
    tr('failed.column.kind', 'Kind'),
    tr('failed.column.count', 'Asked'),
    tr('failed.column.lastAsked', 'Last asked'),
    tr('failed.column.confidence', 'Confidence'),
    tr('failed.column.status', 'Status'),
  ];
  const pagination = result?.pagination;

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={tr(
          'failed.subtitle',
          'Questions the bot could not answer. Turn each into knowledge so the bot answers it next time.',
        )}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <NoKnowledgeBanner />
          <KnowledgeIndexStatus />
          <Flex gap={3} alignItems="flex-end" wrap="wrap">
            <Field.Root name="status" width="180px">
              <Field.Label>{tr('failed.filter.status', 'Status')}</Field.Label>
              <SingleSelect value={status} onChange={(value) => update({ status: String(value) })}>
                <SingleSelectOption value="open">{tr('failed.status.open', 'Open')}</SingleSelectOption>
                <SingleSelectOption value="resolved">{tr('failed.status.resolved', 'Resolved')}</SingleSelectOption>
                <SingleSelectOption value="dismissed">{tr('failed.status.dismissed', 'Dismissed')}</SingleSelectOption>
                <SingleSelectOption value="all">{tr('failed.status.all', 'All')}</SingleSelectOption>
              </SingleSelect>
            </Field.Root>
            <Field.Root name="kind" width="200px">
              <Field.Label>{tr('failed.filter.kind', 'Kind')}</Field.Label>
              <SingleSelect value={kind} onChange={(value) => update({ kind: String(value) })}>
                <SingleSelectOption value="all">{tr('failed.kind.all', 'All kinds')}</SingleSelectOption>
                {FAILED_RESPONSE_KINDS.map((value) => (
                  <SingleSelectOption key={value} value={value}>
                    {kindLabel(tr, value)}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
            <Field.Root name="dateField" width="180px">
              <Field.Label>{tr('failed.filter.dateField', 'Dates apply to')}</Field.Label>
              <SingleSelect value={dateField} onChange={(value) => update({ dateField: String(value) })}>
                <SingleSelectOption value="createdAt">
                  {tr('failed.dateField.createdAt', 'First asked')}
                </SingleSelectOption>
                <SingleSelectOption value="lastAskedAt">
                  {tr('failed.dateField.lastAskedAt', 'Last asked')}
                </SingleSelectOption>
              </SingleSelect>
            </Field.Root>
            <DayFilter
              name="from"
              label={tr('failed.filter.askedFrom', 'Asked from')}
              value={from}
              onChange={(value) => update({ from: value })}
            />
            <DayFilter
              name="to"
              label={tr('failed.filter.to', 'to')}
              value={to}
              onChange={(value) => update({ to: value })}
            />
            <Box grow={1} minWidth="240px">
              <form onSubmit={submitSearch} role="search">
                <Searchbar
                  name="q"
                  value={search}
                  onChange={(event) => setSearch(event.target.value)}
                  onClear={() => {
                    setSearch('');
                    update({ q: null });
                  }}
                  clearLabel={tr('failed.filter.clear', 'Clear')}
                  placeholder={tr('failed.filter.search', 'Search questions')}
                >
                  {tr('failed.filter.search', 'Search questions')}
                </Searchbar>
              </form>
            </Box>
          </Flex>

          {result?.results.length === 0 && !loading && (
            <Box padding={8} background="neutral0" hasRadius shadow="tableShadow">
              <Typography>
                {status === 'open'
                  ? tr('failed.empty.open', 'No open failed responses. The bot answered everything it was asked.')
                  : tr('failed.empty', 'No failed responses match these filters.')}
              </Typography>
            </Box>
          )}

          {result && result.results.length > 0 && (
            <Table colCount={columns.length} rowCount={result.results.length + 1}>
              <Thead>
                <Tr>
                  {columns.map((column) => (
                    <Th key={column}>
                      <Typography variant="sigma">{column}</Typography>
                    </Th>
                  ))}
                </Tr>
              </Thead>
              <Tbody>
                {result.results.map((item) => (
                  <Tr key={item.id} onClick={() => navigate(String(item.id))} style={{ cursor: 'pointer' }}>
                    <Td maxWidth="520px">
                      <TextButton
                        onClick={(event) => {
                          event.stopPropagation();
                          navigate(String(item.id));
                        }}
                      >
                        <Typography ellipsis textColor="primary600">
                          {item.question}
                        </Typography>
                      </TextButton>
                      {item.phrasings.length > 1 && (
                        <Typography variant="pi" textColor="neutral600" tag="div">
                          {tr('failed.phrasings', '{count} ways of asking', { count: item.phrasings.length })}
                        </Typography>
                      )}
                    </Td>
                    <Td>
                      <KindBadge kind={item.kind} />
                    </Td>
                    <Td>
                      <Typography fontWeight="bold">{item.count}</Typography>
                    </Td>
                    <Td>
                      <Typography>
                        {formatDate(item.lastAskedAt, { dateStyle: 'medium', timeStyle: 'short' })}
                      </Typography>
                    </Td>
                    <Td>
                      <Typography>{percent(item.confidence)}</Typography>
                    </Td>
                    <Td>
                      <ResolutionBadge item={item} />
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}

          {pagination && pagination.pageCount > 1 && (
            <Flex justifyContent="space-between" alignItems="center">
              <Typography textColor="neutral600">
                {tr('failed.pagination', 'Page {page} of {pageCount} · {total} questions', {
                  page: pagination.page,
                  pageCount: pagination.pageCount,
                  total: pagination.total,
                })}
              </Typography>
              <Flex gap={2}>
                <Button variant="tertiary" disabled={page <= 1} onClick={() => update({ page: String(page - 1) })}>
                  {tr('failed.pagination.previous', 'Previous')}
                </Button>
                <Button
                  variant="tertiary"
                  disabled={page >= pagination.pageCount}
                  onClick={() => update({ page: String(page + 1) })}
                >
                  {tr('failed.pagination.next', 'Next')}
                </Button>
              </Flex>
            </Flex>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}
