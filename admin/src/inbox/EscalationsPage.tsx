import {
  Badge,
  Box,
  EmptyStateLayout,
  Flex,
  Link,
  SingleSelect,
  SingleSelectOption,
  Switch,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { NavLink, useNavigate } from 'react-router-dom';
import type { Escalation, Team } from '../../../plugin/contracts/entities';
import { ESCALATION_STATUSES, type EscalationStatus } from '../../../plugin/lifecycle';
import { useLivechatApi } from '../api';
import { contactLabel } from '../components/display';
import { EscalationActions } from '../conversation/EscalationActions';
import { useTr } from '../i18n';
import { inboxPath } from '../paths';
import { useAgentSocket, useSocketEvent } from '../realtime/AgentSocket';
import { InboxMenu } from '../workspace/InboxMenu';
import { useInboxActivity } from './InboxActivity';

const VARIANT = { pending: 'warning', accepted: 'success', rejected: 'danger', cancelled: 'neutral' } as const;

/** Escalations: pending first, with accept / reject / cancel, kept live from the socket. */
export function EscalationsPage() {
  const tr = useTr();
  const api = useLivechatApi();
  const { epoch, agents } = useAgentSocket();
  const { isForMe } = useInboxActivity();
  const navigate = useNavigate();
  const [status, setStatus] = useState<EscalationStatus>('pending');
  const [onlyMine, setOnlyMine] = useState(false);
  const [escalations, setEscalations] = useState<Escalation[] | null>(null);
  const [teams, setTeams] = useState<Team[]>([]);
  const [contacts, setContacts] = useState<Map<number, string>>(new Map());

  useEffect(() => {
    if (epoch === 0) return;
    setEscalations(null);
    void api
      .listEscalations({ status, mine: onlyMine ? 'true' : undefined })
      .then((result) => result && setEscalations(result.results));
  }, [api, epoch, status, onlyMine]);

  useEffect(() => {
    void api.teams.list().then((result) => result && setTeams(result.results));
  }, [api]);

  // Contact names for the conversations this agent may see (one request, not one per row).
  useEffect(() => {
    if (!escalations?.length) return;
    void api.listConversations({ status: 'open,queued,ended', pageSize: '100' }).then((page) => {
      if (page) setContacts(new Map(page.results.map((c) => [c.id, contactLabel(c.contact, tr)])));
    });
  }, [api, escalations?.length, tr]);

  useSocketEvent('escalation:updated', (escalation) => {
    setEscalations((list) => {
      if (!list) return list;
      const others = list.filter((item) => item.id !== escalation.id);
      const matches = escalation.status === status && (!onlyMine || isForMe(escalation));
      return matches ? [escalation, ...others] : others;
    });
  });

  // The agent who accepts goes straight to the conversation they now hold.
  const openAccepted = (decided: Escalation) => {
    if (decided.status === 'accepted') navigate(inboxPath('mine', decided.conversationId));
  };
  const agentName = (id: number | null) => agents.find((agent) => agent.id === id)?.name ?? `#${id}`;
  const target = (escalation: Escalation) =>
    escalation.toAgentId !== null
      ? agentName(escalation.toAgentId)
      : tr('escalation.team', 'Team {name}', {
          name: teams.find((team) => team.id === escalation.toTeamId)?.name ?? `#${escalation.toTeamId}`,
        });
  const statusLabel = (value: EscalationStatus) =>
    ({
      pending: tr('escalation.status.pending', 'Pending'),
      accepted: tr('escalation.status.accepted', 'Accepted'),
      rejected: tr('escalation.status.rejected', 'Rejected'),
      cancelled: tr('escalation.status.cancelled', 'Cancelled'),
    })[value];
  // Few, narrow columns: Accept and Reject stay in view at 1024 px (who → whom under the conversation,
  // the expected resolution under the note).
  const columns = [
    tr('escalations.column.conversation', 'Conversation'),
    tr('escalations.column.note', 'Note'),
    tr('escalations.column.created', 'Escalated'),
    ...(status === 'pending'
      ? [tr('escalations.column.actions', 'Actions')]
      : [tr('escalations.column.outcome', 'Outcome')]),
  ];

  return (
    <Page.Main>
      <Page.Title>{tr('escalations.title', 'Escalations')}</Page.Title>
      <Layouts.Header
        navigationAction={<InboxMenu />}
        title={tr('escalations.title', 'Escalations')}
        subtitle={tr('escalations.subtitle', 'Conversations handed to another agent or a team, waiting for an answer')}
      />
      <Layouts.Action
        startActions={
          <Flex gap={4}>
            <SingleSelect
              size="S"
              aria-label={tr('filters.status', 'Status')}
              value={status}
              onChange={(value) => setStatus(value as EscalationStatus)}
            >
              {ESCALATION_STATUSES.map((value) => (
                <SingleSelectOption key={value} value={value}>
                  {statusLabel(value)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
            <Flex gap={2}>
              <Switch aria-labelledby="livechat-escalations-mine" checked={onlyMine} onCheckedChange={setOnlyMine} />
              <Typography id="livechat-escalations-mine" variant="omega">
                {tr('escalations.mine', 'Only mine (sent or received)')}
              </Typography>
            </Flex>
          </Flex>
        }
      />
      <Layouts.Content>
        {escalations === null && <Page.Loading />}
        {escalations?.length === 0 && (
          <EmptyStateLayout content={tr('escalations.empty', 'No escalations with this status.')} />
        )}
        {escalations && escalations.length > 0 && (
          <Table colCount={columns.length} rowCount={escalations.length + 1}>
            <Thead>
              <Tr>
                {columns.map((label) => (
                  <Th key={label}>
                    <Typography variant="sigma">{label}</Typography>
                  </Th>
                ))}
              </Tr>
            </Thead>
            <Tbody>
              {escalations.map((escalation) => (
                <Tr key={escalation.id} data-escalation-id={escalation.id}>
                  <Td>
                    <Link tag={NavLink} to={inboxPath('conversation', escalation.conversationId)}>
                      {contacts.get(escalation.conversationId) ??
                        tr('escalations.conversation', 'Conversation #{id}', { id: escalation.conversationId })}
                    </Link>
                    <Flex gap={2} wrap="wrap">
                      <Typography variant="pi" textColor="neutral600">
                        {tr('escalations.fromTo', '{from} → {to}', {
                          from: agentName(escalation.fromAgentId),
                          to: target(escalation),
                        })}
                      </Typography>
                      {isForMe(escalation) && <Badge variant="primary">{tr('escalations.forYou', 'For you')}</Badge>}
                    </Flex>
                  </Td>
                  <Td>
                    <Box maxWidth="24rem">
                      <Typography ellipsis tag="p" title={escalation.note}>
                        {escalation.note}
                      </Typography>
                      {escalation.expectedResolutionMinutes ? (
                        <Typography variant="pi" textColor="neutral600">
                          {tr('escalation.expected', 'within {minutes} min', {
                            minutes: escalation.expectedResolutionMinutes,
                          })}
                        </Typography>
                      ) : null}
                    </Box>
                  </Td>
                  <Td>
                    <Typography>
                      {new Date(escalation.createdAt).toLocaleString(undefined, {
                        dateStyle: 'short',
                        timeStyle: 'short',
                      })}
                    </Typography>
                  </Td>
                  <Td>
                    {escalation.status === 'pending' ? (
                      <EscalationActions escalation={escalation} onDecided={openAccepted} />
                    ) : (
                      <Flex direction="column" alignItems="flex-start" gap={1}>
                        <Badge variant={VARIANT[escalation.status]}>{statusLabel(escalation.status)}</Badge>
                        {escalation.reason && <Typography variant="pi">{escalation.reason}</Typography>}
                      </Flex>
                    )}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </Layouts.Content>
    </Page.Main>
  );
}
