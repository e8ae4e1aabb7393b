import {
  Box,
  Button,
  EmptyStateLayout,
  Flex,
  Grid,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useEffect, useState, type ReactNode } from 'react';
import { ExportReport } from '../../../plugin/contracts/exports';
import type { DurationFigures, ReportSummary } from '../../../plugin/contracts/reports';
import { CONVERSATION_STATUSES } from '../../../plugin/lifecycle';
import { queryString, useLivechatApi } from '../api';
import { formatDuration, StatusBadge } from '../components/display';
import { useTr, type Tr as Translate } from '../i18n';
import { ListFiltersBar } from '../inbox/ListFilters';
import { reportParams } from '../inbox/rules';
import { useUrlFilters } from '../inbox/useUrlFilters';
import { VolumeChart } from './VolumeChart';

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)} %`);

/** One figure with its label and an optional line of detail. */
function Figure({ label, value, detail, id }: { label: string; value: ReactNode; detail?: string; id: string }) {
  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={4} height="100%" data-figure={id}>
      <Flex direction="column" alignItems="flex-start" gap={1}>
        <Typography variant="sigma" textColor="neutral600" id={`livechat-figure-${id}`}>
          {label}
        </Typography>
        <Typography variant="alpha" tag="p" aria-labelledby={`livechat-figure-${id}`}>
          {value}
        </Typography>
        {detail && (
          <Typography variant="pi" textColor="neutral600">
            {detail}
          </Typography>
        )}
      </Flex>
    </Box>
  );
}

/** A duration's median, and its 90th percentile as detail. */
function durationFigure(figures: DurationFigures, tr: Translate) {
  if (figures.medianSeconds === null || figures.p90Seconds === null) {
    return { value: '—', detail: tr('reports.noData', 'None yet') };
  }
  return {
    value: formatDuration(figures.medianSeconds * 1000, tr),
    detail: tr('reports.p90', '90 % within {time} ({count, plural, one {# conversation} other {# conversations}})', {
      time: formatDuration(figures.p90Seconds * 1000, tr),
      count: figures.count,
    }),
  };
}

/** The supervisor's page: volume, bot containment, speed and ratings for the filtered conversations. */
export function ReportsPage() {
  const tr = useTr();
  const api = useLivechatApi();
  const [filters, setFilters] = useUrlFilters();
  const params = reportParams(filters);
  const key = queryString(params);
  const [summary, setSummary] = useState<ReportSummary.Response | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let current = true;
    setSummary(null);
    setFailed(false);
    void api.reportSummary(params).then((result) => {
      if (!current) return;
      if (result) setSummary(result);
      else setFailed(true);
    });
    return () => {
      current = false;
    };
  }, [api, key]);

  const title = tr('reports.title', 'Reports');
  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={tr('reports.subtitle', 'Figures for the conversations the filters match')}
        primaryAction={
          <Button
            variant="secondary"
            startIcon={<Download />}
            onClick={() =>
              void api.download(
                ExportReport.route,
                { query: params as ExportReport.Request },
                'conversations-report.csv',
              )
            }
          >
            {tr('list.export', 'Export report (CSV)')}
          </Button>
        }
      />
      <Layouts.Action startActions={<ListFiltersBar tab="reports" filters={filters} onChange={setFilters} />} />
      <Layouts.Content>
        {!summary && !failed && <Page.Loading />}
        {failed && <EmptyStateLayout content={tr('reports.failed', 'The figures could not be loaded.')} />}
        {summary && <ReportFigures summary={summary} />}
      </Layouts.Content>
    </Page.Main>
  );
}

function ReportFigures({ summary }: { summary: ReportSummary.Response }) {
  const tr = useTr();
  if (summary.conversations === 0) {
    return <EmptyStateLayout content={tr('reports.empty', 'No conversations match these filters.')} />;
  }
  const firstResponse = durationFigure(summary.firstResponse, tr);
  const queueWait = durationFigure(summary.queueWait, tr);
  const resolution = durationFigure(summary.resolution, tr);
  const figures = [
    { id: 'conversations', label: tr('reports.conversations', 'Conversations'), value: summary.conversations },
    {
      id: 'containment',
      label: tr('reports.containment', 'Handled by the bot alone'),
      value: percent(summary.botContainment),
      detail: tr('reports.containment.detail', '{count} never needed a person nor voted an answer down', {
        count: summary.botOnly,
      }),
    },
    {
      id: 'agents',
      label: tr('reports.handled', 'Taken by an agent'),
      value: summary.handledByAgent,
      detail: tr('reports.missed', '{count} left the queue before anyone answered', { count: summary.missed }),
    },
    { id: 'first-response', label: tr('reports.firstResponse', 'First response (median)'), ...firstResponse },
    { id: 'queue-wait', label: tr('reports.queueWait', 'Wait in the queue (median)'), ...queueWait },
    { id: 'resolution', label: tr('reports.resolution', 'Time to end (median)'), ...resolution },
    {
      id: 'rating',
      label: tr('reports.rating', 'Visitor rating'),
      value: summary.rating.average === null ? '—' : `${summary.rating.average} / 5`,
      detail: tr('reports.rating.detail', '{count, plural, one {# rating} other {# ratings}}', {
        count: summary.rating.count,
      }),
    },
    {
      id: 'answer-feedback',
      label: tr('reports.answerFeedback', 'Bot answers voted helpful'),
      value: `${summary.answerFeedback.helpful} 👍 · ${summary.answerFeedback.unhelpful} 👎`,
      detail: tr('reports.answerFeedback.detail', 'Was this helpful? on bot answers, by the latest vote'),
    },
    {
      id: 'failed',
      label: tr('reports.failedResponses', 'Failed responses'),
      value: summary.failedResponses,
      detail: tr('reports.failedResponses.detail', 'Questions the bot could not answer, first asked in the dates'),
    },
  ];

  return (
    <Flex direction="column" alignItems="stretch" gap={6}>
      <Grid.Root gap={4}>
        {figures.map((figure) => (
          <Grid.Item key={figure.id} col={3} s={6} xs={12} direction="column" alignItems="stretch">
            <Figure {...figure} />
          </Grid.Item>
        ))}
      </Grid.Root>
      <Typography variant="pi" textColor="neutral600" data-testid="reports-measured">
        {tr(
          'reports.measured',
          'Both speeds run from the request for a person (or the start, for chats an agent opened). The wait ends when an agent first takes the chat or replies; the first response when an agent first replies, so a chat never waits longer than its first response. A transfer does not restart either.',
        )}
      </Typography>

      <Box background="neutral0" hasRadius shadow="tableShadow" padding={4}>
        <Typography variant="delta" tag="h2">
          {tr('reports.byStatus', 'By status')}
        </Typography>
        <Flex gap={4} paddingTop={3} wrap="wrap">
          {CONVERSATION_STATUSES.map((status) => (
            <Flex key={status} gap={2} data-status-count={status}>
              <StatusBadge status={status} />
              <Typography fontWeight="bold">{summary.byStatus[status]}</Typography>
            </Flex>
          ))}
        </Flex>
      </Box>

      <VolumeChart days={summary.perDay} />

      <Box background="neutral0" hasRadius shadow="tableShadow" padding={4}>
        <Typography variant="delta" tag="h2" id="livechat-end-reasons">
          {tr('reports.endReasons', 'End reasons')}
        </Typography>
        {summary.endReasons.length === 0 ? (
          <Box paddingTop={3}>
            <Typography textColor="neutral600">
              {tr('reports.endReasons.none', 'No conversation has ended.')}
            </Typography>
          </Box>
        ) : (
          <Box paddingTop={3}>
            <Table
              colCount={3}
              rowCount={summary.endReasons.length + 1}
              aria-label={tr('reports.endReasons', 'End reasons')}
            >
              <Thead>
                <Tr>
                  <Th>
                    <Typography variant="sigma">{tr('reports.endReasons.reason', 'Reason')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{tr('reports.endReasons.count', 'Conversations')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{tr('reports.endReasons.share', 'Share of ended')}</Typography>
                  </Th>
                </Tr>
              </Thead>
              <Tbody>
                {summary.endReasons.map((entry) => (
                  <Tr key={entry.reason}>
                    <Td>
                      <Typography>{entry.reason}</Typography>
                    </Td>
                    <Td>
                      <Typography>{entry.count}</Typography>
                    </Td>
                    <Td>
                      <Typography>{percent(entry.count / summary.byStatus.ended)}</Typography>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </Box>
        )}
      </Box>
    </Flex>
  );
}
