import { Badge, Box, Button, Flex, LinkButton, Loader, Typography } from '@strapi/design-system';
import { BackButton, Layouts, Page } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { NavLink, useParams } from 'react-router-dom';
import type { GetFailedResponse } from '../../../plugin/contracts/failed-responses';
import { useTr } from '../i18n';
import { AddToKnowledgeBaseForm } from './AddToKnowledgeBaseForm';
import { useFailedResponsesApi } from '../api';
import { AskingConversations } from './AskingConversations';
import { BroadcastDialog } from './BroadcastDialog';
import { contentManagerPath } from './edit-source';
import { KindBadge } from './KindBadge';
import { MapToEntryDialog } from './MapToEntryDialog';
import { failedResponsesPath } from './paths';
import { percent, ResolutionBadge } from './ResolutionBadge';

type Detail = GetFailedResponse.Response;

/** A titled part of the group's summary. */
const Section = ({ title, children }: { title: string; children: ReactNode }) => (
  <Box>
    <Typography variant="sigma" textColor="neutral600" tag="h2">
      {title}
    </Typography>
    {children}
  </Box>
);

/** A list of short lines (phrasings, sources). */
const Lines = ({ lines }: { lines: Array<{ key: string; text: string }> }) => (
  <Box tag="ul" paddingTop={1}>
    {lines.map(({ key, text }) => (
      <li key={key}>
        <Typography>{text}</Typography>
      </li>
    ))}
  </Box>
);

/** One group: how it was asked, the conversations that asked it, and the actions that resolve it. */
export function FailedResponseDetail() {
  const tr = useTr();
  const { formatDate } = useIntl();
  const api = useFailedResponsesApi();
  const id = Number(useParams().id);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [panel, setPanel] = useState<'add' | 'map' | 'broadcast' | null>(null);

  const reload = useCallback(async () => {
    const answer = await api.get(id);
    setDetail(answer);
    setMissing(answer === null);
  }, [api, id]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const close = async (how: 'resolve' | 'dismiss') => {
    setBusy(true);
    const answer = how === 'resolve' ? await api.resolve(id) : await api.dismiss(id);
    setBusy(false);
    if (answer) await reload();
  };

  const done = async (message: string) => {
    setPanel(null);
    api.notify(message, 'success');
    await reload();
  };

  if (!detail) {
    return (
      <Page.Main>
        <Layouts.Content>
          {missing ? (
            <Typography textColor="danger600" role="alert">
              {tr('failed.detail.missing', 'This failed response could not be loaded.')}
            </Typography>
          ) : (
            <Loader>{tr('failed.loading', 'Loading…')}</Loader>
          )}
        </Layouts.Content>
      </Page.Main>
    );
  }

  const open = detail.status === 'open';
  return (
    <Page.Main>
      <Page.Title>{detail.question}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton fallback={failedResponsesPath()} />}
        title={detail.question}
        subtitle={tr(
          'failed.detail.subtitle',
          'Asked {count, plural, one {once} other {# times}} · first {first} · last {last}',
          {
            count: detail.count,
            first: formatDate(detail.createdAt, { dateStyle: 'medium', timeStyle: 'short' }),
            last: formatDate(detail.lastAskedAt, { dateStyle: 'medium', timeStyle: 'short' }),
          },
        )}
        primaryAction={
          open ? (
            <Button onClick={() => setPanel(panel === 'add' ? null : 'add')}>
              {tr('failed.action.add', 'Add to knowledge base')}
            </Button>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box padding={5} background="neutral0" hasRadius shadow="tableShadow">
            <Flex direction="column" alignItems="stretch" gap={3}>
              <Flex gap={2} wrap="wrap">
                <KindBadge kind={detail.kind} />
                <ResolutionBadge item={detail} />
                <Badge>
                  {tr('failed.detail.confidence', 'Confidence {value}', { value: percent(detail.confidence) })}
                </Badge>
                {detail.knowledgeEntry && (
                  <Badge variant={detail.knowledgeEntry.published ? 'success' : 'secondary'}>
                    {detail.knowledgeEntry.published
                      ? tr('failed.entry.published', 'Entry "{title}" published', {
                          title: detail.knowledgeEntry.title,
                        })
                      : tr('failed.entry.draft', 'Entry "{title}" is a draft', { title: detail.knowledgeEntry.title })}
                  </Badge>
                )}
              </Flex>
              {detail.phrasings.length > 1 && (
                <Section title={tr('failed.detail.phrasings', 'Asked as')}>
                  <Lines lines={detail.phrasings.map((phrasing) => ({ key: phrasing, text: `“${phrasing}”` }))} />
                </Section>
              )}
              {detail.botAnswer && (
                <Section
                  title={
                    detail.kind === 'refused'
                      ? tr('failed.detail.botAnswer', 'Best match the bot found (not sent)')
                      : tr('failed.detail.sentAnswer', 'What the bot answered')
                  }
                >
                  <Typography tag="p" textColor="neutral700">
                    {detail.botAnswer}
                  </Typography>
                </Section>
              )}
              {detail.sources.length > 0 && (
                <Section title={tr('failed.detail.sources', 'Answered from')}>
                  <Lines lines={detail.sources.map((source) => ({ key: source.id, text: source.title }))} />
                </Section>
              )}
              <Flex gap={2} wrap="wrap">
                {detail.sources.flatMap((source) => {
                  const path = contentManagerPath(source.id);
                  return path
                    ? [
                        <LinkButton key={source.id} variant="secondary" tag={NavLink} to={path}>
                          {detail.sources.length > 1
                            ? tr('failed.action.editNamed', 'Edit "{title}"', { title: source.title })
                            : tr('failed.action.edit', 'Edit this entry')}
                        </LinkButton>,
                      ]
                    : [];
                })}
                {open && (
                  <Button variant="secondary" onClick={() => setPanel('map')}>
                    {tr('failed.action.map', 'Map to entry')}
                  </Button>
                )}
                <Button
                  variant="secondary"
                  onClick={() => setPanel('broadcast')}
                  disabled={detail.conversationIds.length === 0}
                >
                  {tr('failed.action.broadcast', 'Send follow-up')}
                </Button>
                {open && (
                  <Button variant="tertiary" loading={busy} onClick={() => void close('resolve')}>
                    {tr('failed.action.resolve', 'Mark resolved')}
                  </Button>
                )}
                {open && (
                  <Button variant="danger-light" loading={busy} onClick={() => void close('dismiss')}>
                    {tr('failed.action.dismiss', 'Dismiss')}
                  </Button>
                )}
              </Flex>
            </Flex>
          </Box>

          {panel === 'add' && open && (
            <AddToKnowledgeBaseForm
              detail={detail}
              onCancel={() => setPanel(null)}
              onSaved={(published) =>
                void done(
                  published
                    ? tr('failed.added.published', 'Published: the bot answers this question from now on.')
                    : tr('failed.added.draft', 'Saved as a draft: publish it to let the bot answer.'),
                )
              }
            />
          )}

          <AskingConversations conversations={detail.conversations} total={detail.conversationIds.length} />
        </Flex>
      </Layouts.Content>

      {panel === 'map' && (
        <MapToEntryDialog
          failedResponseId={detail.id}
          onClose={() => setPanel(null)}
          onMapped={() => void done(tr('failed.mapped', 'Mapped: the question is now another phrasing of the entry.'))}
        />
      )}
      {panel === 'broadcast' && (
        <BroadcastDialog
          failedResponseId={detail.id}
          conversations={detail.conversationIds.length}
          onClose={() => setPanel(null)}
          onSent={(sent, emailed) =>
            void done(
              tr(
                'failed.broadcast.sent',
                'Follow-up sent to {sent, plural, one {# conversation} other {# conversations}}, {emailed} by email.',
                {
                  sent,
                  emailed,
                },
              ),
            )
          }
        />
      )}
    </Page.Main>
  );
}
