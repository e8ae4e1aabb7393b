import {
  DatePicker,
  Flex,
  Searchbar,
  SingleSelect,
  SingleSelectOption,
  Switch,
  Typography,
} from '@strapi/design-system';
import { useEffect, useState } from 'react';
import type { Tag, Team } from '../../../plugin/contracts/entities';
import { useLivechatApi } from '../api';
import { statusLabels } from '../components/display';
import { useTr } from '../i18n';
import { useAbilities } from '../permissions';
import { useAgentSocket } from '../realtime/AgentSocket';
import { tabStatuses, type FilterScope, type ListFilters } from './rules';

const isoDay = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
const dayOf = (value?: string) => (value ? new Date(`${value}T00:00:00`) : undefined);

/** Search and filters above a conversation list or the reports (status, agent, team, tag, date range, mine). */
export function ListFiltersBar({
  tab,
  filters,
  onChange,
}: {
  tab: FilterScope;
  filters: ListFilters;
  onChange(next: ListFilters): void;
}) {
  const tr = useTr();
  const api = useLivechatApi();
  const abilities = useAbilities();
  const { agents } = useAgentSocket();
  const [search, setSearch] = useState(filters.q ?? '');
  const [tags, setTags] = useState<Tag[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);

  useEffect(() => {
    void api.tags.list().then((result) => result && setTags(result.results));
    void api.teams.list().then((result) => result && setTeams(result.results));
  }, [api]);

  // Search as the agent types, without a request per key.
  useEffect(() => {
    if (search === (filters.q ?? '')) return;
    const timer = setTimeout(() => onChange({ ...filters, q: search || undefined }), 350);
    return () => clearTimeout(timer);
  }, [search]);

  const set = (key: keyof ListFilters, value: string | number | undefined) =>
    onChange({ ...filters, [key]: value === undefined || value === '' ? undefined : String(value) });
  const statuses = tabStatuses(tab);
  const showAgent = tab !== 'mine' && tab !== 'queue' && abilities.readAll;

  return (
    <Flex gap={2} wrap="wrap" alignItems="flex-end">
      <Searchbar
        name="q"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        onClear={() => setSearch('')}
        clearLabel={tr('filters.search.clear', 'Clear the search')}
        placeholder={tr('filters.search.placeholder', 'Search name, email or message')}
        size="S"
      >
        {tr('filters.search', 'Search conversations')}
      </Searchbar>
      {statuses.length > 1 && (
        <SingleSelect
          size="S"
          aria-label={tr('filters.status', 'Status')}
          placeholder={tr('filters.status.any', 'Any status')}
          value={filters.status ?? null}
          onChange={(value) => set('status', value)}
          onClear={() => set('status', undefined)}
          clearLabel={tr('filters.clear', 'Clear')}
        >
          {statuses.map((status) => (
            <SingleSelectOption key={status} value={status}>
              {statusLabels(tr)[status]}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      )}
      {showAgent && (
        <SingleSelect
          size="S"
          aria-label={tr('filters.agent', 'Agent')}
          placeholder={tr('filters.agent.any', 'Any agent')}
          value={filters.assignee ?? null}
          onChange={(value) => set('assignee', value)}
          onClear={() => set('assignee', undefined)}
          clearLabel={tr('filters.clear', 'Clear')}
        >
          {agents.map((agent) => (
            <SingleSelectOption key={agent.id} value={String(agent.id)}>
              {agent.name}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      )}
      {teams.length > 0 && (
        <SingleSelect
          size="S"
          aria-label={tr('filters.team', 'Team')}
          placeholder={tr('filters.team.any', 'Any team')}
          value={filters.team ?? null}
          onChange={(value) => set('team', value)}
          onClear={() => set('team', undefined)}
          clearLabel={tr('filters.clear', 'Clear')}
        >
          {teams.map((team) => (
            <SingleSelectOption key={team.id} value={String(team.id)}>
              {team.name}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      )}
      {tags.length > 0 && (
        <SingleSelect
          size="S"
          aria-label={tr('filters.tag', 'Tag')}
          placeholder={tr('filters.tag.any', 'Any tag')}
          value={filters.tag ?? null}
          onChange={(value) => set('tag', value)}
          onClear={() => set('tag', undefined)}
          clearLabel={tr('filters.clear', 'Clear')}
        >
          {tags.map((tag) => (
            <SingleSelectOption key={tag.id} value={String(tag.id)}>
              {tag.name}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      )}
      <DatePicker
        size="S"
        aria-label={tr('filters.from', 'From')}
        placeholder={tr('filters.from', 'From')}
        value={dayOf(filters.from)}
        onChange={(date) => set('from', date ? isoDay(date) : undefined)}
        onClear={() => set('from', undefined)}
        clearLabel={tr('filters.clear', 'Clear')}
      />
      <DatePicker
        size="S"
        aria-label={tr('filters.to', 'To')}
        placeholder={tr('filters.to', 'To')}
        value={dayOf(filters.to)}
        onChange={(date) => set('to', date ? isoDay(date) : undefined)}
        onClear={() => set('to', undefined)}
        clearLabel={tr('filters.clear', 'Clear')}
      />
      {tab !== 'reports' && (
        <Flex gap={2} paddingBottom={1}>
          <Switch
            aria-labelledby="livechat-offline-only"
            checked={filters.channel === 'offline'}
            onCheckedChange={(checked) => set('channel', checked ? 'offline' : undefined)}
          />
          <Typography id="livechat-offline-only" variant="omega">
            {tr('filters.offline', 'Offline messages')}
          </Typography>
        </Flex>
      )}
      {(tab === 'history' || tab === 'reports') && (
        <Flex gap={2} paddingBottom={1}>
          <Switch
            aria-labelledby="livechat-history-mine"
            checked={filters.mine === 'true'}
            onCheckedChange={(checked) => set('mine', checked ? 'true' : undefined)}
          />
          <Typography id="livechat-history-mine" variant="omega">
            {tr('filters.mine', 'Only mine')}
          </Typography>
        </Flex>
      )}
    </Flex>
  );
}
