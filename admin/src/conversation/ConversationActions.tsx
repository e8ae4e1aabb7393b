import {
  Button,
  Field,
  Flex,
  MenuItem,
  NumberInput,
  Radio,
  SimpleMenu,
  SingleSelect,
  SingleSelectOption,
  Textarea,
} from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { useEffect, useState } from 'react';
import type { ListOnlineAgents } from '../../../plugin/contracts/agent';
import type { AgentSummary, Conversation, EndReason, Escalation, Team } from '../../../plugin/contracts/entities';
import { ExportTranscript } from '../../../plugin/contracts/exports';
import { canTransition } from '../../../plugin/lifecycle';
import { useLivechatApi } from '../api';
import { presenceLabels } from '../components/display';
import { FormModal } from '../components/FormModal';
import { useTr } from '../i18n';
import { useInboxActivity } from '../inbox/InboxActivity';
import { usePick } from '../inbox/usePick';
import { useAbilities, useMe } from '../permissions';
import { useAgentSocket } from '../realtime/AgentSocket';

type Dialog = 'transfer' | 'escalate' | 'end' | 'assign' | null;
type Target = 'agent' | 'team';

const textareaChange = (set: (value: string) => void) => (event: React.ChangeEvent<HTMLTextAreaElement>) =>
  set(event.target.value);

/** An agent or a team, chosen with a radio and a select (transfer and escalation both need it). */
function TargetPicker({
  target,
  onTarget,
  agentId,
  onAgent,
  teamId,
  onTeam,
  teams,
  error,
  onlineOnly,
}: {
  onlineOnly: boolean;
  target: Target;
  onTarget(target: Target): void;
  agentId: number | null;
  onAgent(id: number): void;
  teamId: number | null;
  onTeam(id: number): void;
  teams: Team[];
  error?: string;
}) {
  const tr = useTr();
  const me = useMe();
  const { agents } = useAgentSocket();
  // A transfer needs someone online now; an escalation may wait for an agent who is away.
  const candidates = agents.filter((agent) => agent.id !== me.id && (!onlineOnly || agent.presence === 'online'));
  const presence = (agent: AgentSummary) =>
    agent.presence === 'online' ? '' : ` (${presenceLabels(tr)[agent.presence]})`;
  return (
    <>
      <Radio.Group
        aria-label={tr('target.kind', 'Send to')}
        value={target}
        onValueChange={(value: string) => onTarget(value as Target)}
      >
        <Flex gap={4}>
          <Radio.Item value="agent">{tr('target.agent', 'An agent')}</Radio.Item>
          <Radio.Item value="team" disabled={teams.length === 0}>
            {tr('target.team', 'A team')}
          </Radio.Item>
        </Flex>
      </Radio.Group>
      {target === 'agent' ? (
        <Field.Root
          name="agentId"
          required
          error={error}
          hint={candidates.length === 0 ? tr('target.noneOnline', 'No other agent is online') : undefined}
        >
          <Field.Label>
            {onlineOnly ? tr('target.agentOnline', 'Agent (online)') : tr('target.agentLabel', 'Agent')}
          </Field.Label>
          <SingleSelect value={agentId} onChange={(value) => onAgent(Number(value))}>
            {candidates.map((agent) => (
              <SingleSelectOption key={agent.id} value={agent.id}>
                {agent.name}
                {presence(agent)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <Field.Hint />
          <Field.Error />
        </Field.Root>
      ) : (
        <Field.Root name="teamId" required error={error}>
          <Field.Label>{tr('target.teamLabel', 'Team')}</Field.Label>
          <SingleSelect value={teamId} onChange={(value) => onTeam(Number(value))}>
            {teams.map((team) => (
              <SingleSelectOption key={team.id} value={team.id}>
                {team.name}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <Field.Error />
        </Field.Root>
      )}
    </>
  );
}

/** "Assign to…" a queued conversation: the agents online now, each with their load, least loaded first. */
function AssignDialog({
  conversation,
  onClose,
  onAssigned,
}: {
  conversation: Conversation;
  onClose(): void;
  onAssigned(conversation: Conversation): void;
}) {
  const tr = useTr();
  const api = useLivechatApi();
  const [online, setOnline] = useState<ListOnlineAgents.Response | null>(null);
  const [agentId, setAgentId] = useState<number | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api.onlineAgents().then(setOnline);
  }, [api]);

  const assign = async () => {
    if (agentId === null) return setError(tr('target.agentRequired', 'Choose an agent'));
    setBusy(true);
    const assigned = await api.assign(conversation.id, { agentId });
    setBusy(false);
    if (assigned) onAssigned(assigned);
  };

  const agents = online?.results ?? [];
  return (
    <FormModal
      open
      onOpenChange={(isOpen) => !isOpen && onClose()}
      title={tr('assign.title', 'Assign the conversation')}
      submitLabel={tr('assign.submit', 'Assign')}
      onSubmit={() => void assign()}
      busy={busy}
    >
      <Field.Root
        name="agentId"
        required
        error={error}
        hint={online && agents.length === 0 ? tr('assign.noneOnline', 'No agent is online') : undefined}
      >
        <Field.Label>{tr('target.agentOnline', 'Agent (online)')}</Field.Label>
        <SingleSelect
          value={agentId}
          onChange={(value) => {
            setAgentId(Number(value));
            setError(undefined);
          }}
        >
          {agents.map((agent) => (
            <SingleSelectOption key={agent.id} value={agent.id}>
              {tr('assign.agentLoad', '{name} · {open} of {capacity} open', {
                name: agent.name,
                open: agent.openConversations,
                capacity: online?.capacity ?? 0,
              })}
            </SingleSelectOption>
          ))}
        </SingleSelect>
        <Field.Hint />
        <Field.Error />
      </Field.Root>
    </FormModal>
  );
}

/**
 * Everything an agent does to a conversation from its header: start, take over from the bot, assign,
 * transfer, escalate, end, reopen, export.
 */
export function ConversationActions({
  conversation,
  escalations,
  teams,
  onChanged,
  onEscalated,
}: {
  conversation: Conversation;
  escalations: Escalation[];
  teams: Team[];
  onChanged(conversation: Conversation): void;
  onEscalated(escalation: Escalation): void;
}) {
  const tr = useTr();
  const api = useLivechatApi();
  const me = useMe();
  const abilities = useAbilities();
  const { pick } = usePick();
  const { expectAssignment } = useInboxActivity();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const [endReasons, setEndReasons] = useState<EndReason[]>([]);
  const [reasonId, setReasonId] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [target, setTarget] = useState<Target>('agent');
  const [agentId, setAgentId] = useState<number | null>(null);
  const [teamId, setTeamId] = useState<number | null>(null);
  const [minutes, setMinutes] = useState<number | undefined>(30);
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    if (dialog === 'end' && endReasons.length === 0) {
      void api.endReasons.list().then((result) => result && setEndReasons(result.results));
    }
  }, [api, dialog, endReasons.length]);

  const open = (next: Dialog) => {
    setErrors({});
    setNote('');
    setReasonId(null);
    setAgentId(null);
    setTeamId(null);
    setTarget('agent');
    setDialog(next);
  };

  const run = async <T,>(request: () => Promise<T | null>) => {
    setBusy(true);
    const result = await request();
    setBusy(false);
    if (result) setDialog(null);
    return result;
  };

  const targetMissing = () =>
    target === 'agent' && agentId === null
      ? tr('target.agentRequired', 'Choose an agent')
      : target === 'team' && teamId === null
        ? tr('target.teamRequired', 'Choose a team')
        : null;

  const transfer = async () => {
    const missing = targetMissing();
    if (missing) return setErrors({ target: missing });
    const input = target === 'agent' ? { agentId: agentId as number } : { teamId: teamId as number };
    const changed = await run(() => api.transfer(conversation.id, { ...input, note: note.trim() || undefined }));
    if (changed) onChanged(changed);
  };

  const escalate = async () => {
    const missing = targetMissing();
    const problems: Record<string, string> = {};
    if (missing) problems.target = missing;
    if (!note.trim()) problems.note = tr('escalate.noteRequired', 'Explain what the other agent should do');
    if (Object.keys(problems).length) return setErrors(problems);
    const input = target === 'agent' ? { toAgentId: agentId as number } : { toTeamId: teamId as number };
    const escalation = await run(() =>
      api.escalate(conversation.id, { ...input, note: note.trim(), expectedResolutionMinutes: minutes || undefined }),
    );
    if (escalation) onEscalated(escalation);
  };

  const end = async () => {
    const reason = endReasons.find((candidate) => candidate.id === reasonId);
    const problems: Record<string, string> = {};
    if (!reason) problems.reason = tr('end.reasonRequired', 'Choose a reason');
    if (reason?.requiresNote && !note.trim()) {
      problems.note = tr('end.noteRequired', 'A note is required for “{reason}”', { reason: reason.label });
    }
    if (Object.keys(problems).length) return setErrors(problems);
    const ended = await run(() => api.end(conversation.id, reason!.id, note.trim() || undefined));
    if (ended) onChanged(ended);
  };

  const takeOver = async () => {
    expectAssignment(conversation.id);
    const taken = await run(() => api.takeOver(conversation.id));
    if (taken) onChanged(taken);
  };

  const reopen = async () => {
    expectAssignment(conversation.id);
    const reopened = await run(() => api.reopen(conversation.id));
    if (reopened) onChanged(reopened);
  };

  const exportTranscript = (withNotes: boolean) =>
    void api.download(
      ExportTranscript.route,
      { params: { id: conversation.id }, query: withNotes ? { notes: 'true' } : {} },
      `conversation-${conversation.id}.csv`,
    );

  const holds = conversation.assignee?.id === me.id;
  const mayHandle = abilities.reply && (holds || abilities.assign);
  const pending = escalations.some((escalation) => escalation.status === 'pending');
  const status = conversation.status;

  return (
    <Flex gap={2} wrap="wrap">
      {abilities.reply && canTransition(status, 'pick') && (
        <Button onClick={() => void pick(conversation.id).then((picked) => picked && onChanged(picked))}>
          {tr('action.pick', 'Start chat')}
        </Button>
      )}
      {abilities.reply && canTransition(status, 'takeOver') && (
        <Button loading={busy} onClick={() => void takeOver()}>
          {tr('action.takeOver', 'Take over')}
        </Button>
      )}
      {abilities.assign && status === 'queued' && canTransition(status, 'assign') && (
        <Button variant="secondary" onClick={() => open('assign')}>
          {tr('action.assign', 'Assign to…')}
        </Button>
      )}
      {mayHandle && canTransition(status, 'transfer') && (
        <Button variant="secondary" onClick={() => open('transfer')}>
          {tr('action.transfer', 'Transfer')}
        </Button>
      )}
      {mayHandle && canTransition(status, 'transfer') && !pending && (
        <Button variant="secondary" onClick={() => open('escalate')}>
          {tr('action.escalate', 'Escalate')}
        </Button>
      )}
      {abilities.reply && canTransition(status, 'end') && (holds || !conversation.assignee || abilities.assign) && (
        <Button variant="danger-light" onClick={() => open('end')}>
          {tr('action.end', 'End chat')}
        </Button>
      )}
      {abilities.reply && canTransition(status, 'reopen') && (
        <Button variant="secondary" onClick={() => void reopen()}>
          {tr('action.reopen', 'Reopen')}
        </Button>
      )}
      {abilities.export && (
        <SimpleMenu label={tr('action.export', 'Export CSV')} variant="tertiary" endIcon={<Download />}>
          <MenuItem onSelect={() => exportTranscript(false)}>{tr('export.transcript', 'Transcript')}</MenuItem>
          <MenuItem onSelect={() => exportTranscript(true)}>
            {tr('export.transcriptNotes', 'Transcript with internal notes')}
          </MenuItem>
        </SimpleMenu>
      )}

      {dialog === 'assign' && (
        <AssignDialog
          conversation={conversation}
          onClose={() => setDialog(null)}
          onAssigned={(assigned) => {
            setDialog(null);
            onChanged(assigned);
          }}
        />
      )}

      <FormModal
        open={dialog === 'transfer'}
        onOpenChange={(isOpen) => !isOpen && setDialog(null)}
        title={tr('transfer.title', 'Transfer the conversation')}
        submitLabel={tr('transfer.submit', 'Transfer')}
        onSubmit={() => void transfer()}
        busy={busy}
      >
        <TargetPicker
          onlineOnly
          {...{ target, agentId, teamId, teams }}
          onTarget={setTarget}
          onAgent={setAgentId}
          onTeam={setTeamId}
          error={errors.target}
        />
        <Field.Root name="note" hint={tr('transfer.noteHint', 'Optional, for the next agent')}>
          <Field.Label>{tr('transfer.note', 'Note')}</Field.Label>
          <Textarea value={note} onChange={textareaChange(setNote)} />
          <Field.Hint />
        </Field.Root>
      </FormModal>

      <FormModal
        open={dialog === 'escalate'}
        onOpenChange={(isOpen) => !isOpen && setDialog(null)}
        title={tr('escalate.title', 'Escalate the conversation')}
        submitLabel={tr('escalate.submit', 'Escalate')}
        onSubmit={() => void escalate()}
        busy={busy}
      >
        <TargetPicker
          onlineOnly={false}
          {...{ target, agentId, teamId, teams }}
          onTarget={setTarget}
          onAgent={setAgentId}
          onTeam={setTeamId}
          error={errors.target}
        />
        <Field.Root name="note" required error={errors.note}>
          <Field.Label>{tr('escalate.note', 'Note')}</Field.Label>
          <Textarea value={note} onChange={textareaChange(setNote)} />
          <Field.Error />
        </Field.Root>
        <Field.Root
          name="expectedResolutionMinutes"
          hint={tr('escalate.minutesHint', 'The visitor is told when to expect an answer')}
        >
          <Field.Label>{tr('escalate.minutes', 'Expected resolution (minutes)')}</Field.Label>
          <NumberInput value={minutes} onValueChange={setMinutes} step={5} />
          <Field.Hint />
        </Field.Root>
      </FormModal>

      <FormModal
        open={dialog === 'end'}
        onOpenChange={(isOpen) => !isOpen && setDialog(null)}
        title={tr('end.title', 'End the conversation')}
        submitLabel={tr('end.submit', 'End chat')}
        onSubmit={() => void end()}
        busy={busy}
        danger
      >
        <Field.Root name="reasonId" required error={errors.reason}>
          <Field.Label>{tr('end.reason', 'Reason')}</Field.Label>
          <SingleSelect
            value={reasonId}
            onChange={(value) => {
              setReasonId(Number(value));
              setErrors({});
            }}
          >
            {endReasons.map((reason) => (
              <SingleSelectOption key={reason.id} value={reason.id}>
                {reason.label}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <Field.Error />
        </Field.Root>
        <Field.Root
          name="note"
          required={endReasons.find((reason) => reason.id === reasonId)?.requiresNote ?? false}
          error={errors.note}
        >
          <Field.Label>{tr('end.note', 'Note')}</Field.Label>
          <Textarea value={note} onChange={textareaChange(setNote)} />
          <Field.Error />
        </Field.Root>
      </FormModal>
    </Flex>
  );
}
