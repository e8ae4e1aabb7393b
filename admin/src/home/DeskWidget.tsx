import { Box, Flex, Grid, Typography } from '@strapi/design-system';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { Conversation } from '../../../plugin/contracts/entities';
import type { ReportSummary } from '../../../plugin/contracts/reports';
import { useLivechatApi } from '../api';
import { contactLabel, formatDuration } from '../components/display';
import { useTr } from '../i18n';
import { inboxPath } from '../paths';
import { useAbilities } from '../permissions';
import { useWaitingCount } from './waiting';

const startOfToday = () => {
  const today = new Date();
  today.setHours(0, 0, 0, 0);
  return today.toISOString();
};

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Flex direction="column" alignItems="flex-start" gap={1} data-testid={testId}>
      <Typography variant="pi" textColor="neutral600">
        {label}
      </Typography>
      <Typography variant="beta">{value}</Typography>
    </Flex>
  );
}

/**
 * The Strapi home page's Live chat widget: visitors waiting, the signed-in agent's open chats, and
 * today's figures for roles that may read reports.
 */
export default function DeskWidget() {
  const tr = useTr();
  const api = useLivechatApi();
  const abilities = useAbilities();
  const waiting = useWaitingCount();
  const [mine, setMine] = useState<{ total: number; latest: Conversation[] } | null>(null);
  const [today, setToday] = useState<ReportSummary.Response | null>(null);

  useEffect(() => {
    let live = true;
    void api.listConversations({ mine: 'true', status: 'open', pageSize: '5' }).then((page) => {
      if (live && page) setMine({ total: page.pagination.total, latest: page.results });
    });
    if (abilities.export) void api.reportSummary({ from: startOfToday() }).then((summary) => live && setToday(summary));
    return () => {
      live = false;
    };
  }, [api, abilities.export]);

  const none = '–';
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Grid.Root gap={3}>
        <Grid.Item col={4} s={12}>
          <Figure testId="home-waiting" label={tr('home.waiting', 'Waiting')} value={String(waiting ?? none)} />
        </Grid.Item>
        <Grid.Item col={4} s={12}>
          <Figure testId="home-mine" label={tr('home.mine', 'My open chats')} value={String(mine?.total ?? none)} />
        </Grid.Item>
        {today ? (
          <Grid.Item col={4} s={12}>
            <Figure testId="home-today" label={tr('home.today', 'Chats today')} value={String(today.conversations)} />
          </Grid.Item>
        ) : null}
      </Grid.Root>
      {today && today.conversations > 0 ? (
        <Typography variant="pi" textColor="neutral600" data-testid="home-today-detail">
          {tr('home.todayDetail', 'Bot containment {containment} · median first response {firstResponse}', {
            containment: today.botContainment === null ? none : `${Math.round(today.botContainment * 100)} %`,
            firstResponse:
              today.firstResponse.medianSeconds === null
                ? none
                : formatDuration(today.firstResponse.medianSeconds * 1000, tr),
          })}
        </Typography>
      ) : null}
      {mine && mine.latest.length > 0 ? (
        <Box tag="ul">
          {mine.latest.map((conversation) => (
            <Box tag="li" key={conversation.id} paddingBottom={1}>
              <Link to={inboxPath('conversation', conversation.id)}>
                <Typography textColor="primary600">{contactLabel(conversation.contact, tr)}</Typography>
              </Link>
              {conversation.lastMessagePreview ? (
                <Typography variant="pi" textColor="neutral600" ellipsis>
                  {' '}
                  {conversation.lastMessagePreview}
                </Typography>
              ) : null}
            </Box>
          ))}
        </Box>
      ) : null}
    </Flex>
  );
}
