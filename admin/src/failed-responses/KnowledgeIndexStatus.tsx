import { Box, Button, Flex, ProgressBar, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useCallback, useEffect, useId, useState } from 'react';
import { useIntl } from 'react-intl';
import {
  GetKnowledgeStatus,
  StartKnowledgeReindex,
  type KnowledgeIndexStatus as IndexStatus,
} from '../../../plugin/contracts/knowledge';
import { errorMessage, sendRoute } from '../api';
import { useTr } from '../i18n';

const POLL_MS = 1000;

/** The knowledge index: how many documents the bot answers from, when they were indexed, and a re-index button. */
export function KnowledgeIndexStatus() {
  const tr = useTr();
  const { formatDate } = useIntl();
  const client = useFetchClient();
  const [status, setStatus] = useState<IndexStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();

  const load = useCallback(async () => {
    try {
      setStatus(await sendRoute(client, GetKnowledgeStatus.route));
      setError(null);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [client]);

  useEffect(() => {
    void load();
  }, [load]);

  // While a re-index runs, follow its progress.
  useEffect(() => {
    if (status?.state !== 'indexing') return;
    const timer = setTimeout(() => void load(), POLL_MS);
    return () => clearTimeout(timer);
  }, [status, load]);

  const reindex = async () => {
    try {
      await sendRoute(client, StartKnowledgeReindex.route);
      await load();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  const indexing = status?.state === 'indexing';
  return (
    <Box
      padding={4}
      background="neutral0"
      hasRadius
      shadow="tableShadow"
      tag="section"
      aria-labelledby={headingId}
      aria-live="polite"
    >
      <Flex justifyContent="space-between" alignItems="center" gap={4}>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Typography variant="delta" tag="h2" id={headingId}>
            {tr('failed.index.title', 'Knowledge index')}
          </Typography>
          {status && (
            <Typography textColor="neutral600">
              {status.lastIndexedAt
                ? tr('failed.index.summary', '{documents} documents, indexed {when}', {
                    documents: status.documents,
                    when: formatDate(status.lastIndexedAt, { dateStyle: 'medium', timeStyle: 'short' }),
                  })
                : tr('failed.index.never', 'Not indexed yet')}
            </Typography>
          )}
          {status?.instances && status.instances.length > 1 && (
            <Typography variant="pi" textColor="neutral600">
              {tr('failed.index.instances', '{count} instances, {ready} ready', {
                count: status.instances.length,
                ready: status.instances.filter((instance) => instance.state === 'ready').length,
              })}
            </Typography>
          )}
          {error && (
            <Typography textColor="danger600" role="alert">
              {error}
            </Typography>
          )}
        </Flex>
        <Flex gap={3} alignItems="center">
          {status && indexing && status.total > 0 && (
            <Flex direction="column" alignItems="flex-end" gap={1} minWidth="160px">
              <ProgressBar value={Math.round((status.done / status.total) * 100)} />
              <Typography variant="pi" textColor="neutral600">
                {tr('failed.index.progress', '{done} of {total}', { done: status.done, total: status.total })}
              </Typography>
            </Flex>
          )}
          <Button variant="secondary" loading={indexing} onClick={() => void reindex()}>
            {tr('failed.index.reindex', 'Re-index')}
          </Button>
        </Flex>
      </Flex>
    </Box>
  );
}
