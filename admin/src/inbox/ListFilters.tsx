import {
  Box,
  Button,
  DatePicker,
  Flex,
  Searchbar,
  SingleSelect,
  SingleSelectOption,
  Switch,
  Typography,
} from '@strapi/design-system';
import { Filter } from '@strapi/icons';
import { useEffect, useState, type ReactNode } from 'react';
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

/** A switch with its label. */
function LabelledSwitch({
  id,
  label,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
}) {
  return (
    <Flex gap={2} paddingBottom={1}>
      <Switch aria-labelledby={id} checked={checked} onCheckedChange={onChange} />
      <Typography id={id} variant="omega">
        {label}
      </Typography>
    </Flex>
  );
}

/**
 * Search and filters above a conversation list or the reports (status, agent, team, tag, date range, mine).
 * `bar`: all in one wrapping row (the reports). `stack`: for a narrow list pane, the search and the Unread
 * switch, the other filters folded under a button, one per line.
 */
export function ListFiltersBar({
  tab,
  filters,
  onChange,
  layout = 'bar',
}: {
  tab: FilterScope;
  filters: ListFilters;
  onChange(next: ListFilters): void;
  layout?: 'bar' | 'stack';
}) {
  const [expanded, setExpanded] = useState(false);
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

  const searchbar = (
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
  );
  const fields: ReactNode = (
    <>
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
        <LabelledSwitch
          id="livechat-offline-only"
          label={tr('filters.offline', 'Offline messages')}
          checked={filters.channel === 'offline'}
          onChange={(checked) => set('channel', checked ? 'offline' : undefined)}
        />
      )}
      {(tab === 'history' || tab === 'reports') && (
        <LabelledSwitch
          id="livechat-history-mine"
          label={tr('filters.mine', 'Only mine')}
          checked={filters.mine === 'true'}
          onChange={(checked) => set('mine', checked ? 'true' : undefined)}
        />
      )}
    </>
  );

  if (layout === 'bar') {
    return (
      <Flex gap={2} wrap="wrap" alignItems="flex-end">
        {searchbar}
        {fields}
      </Flex>
    );
  }
  const folded = (['status', 'assignee', 'team', 'tag', 'from', 'to', 'mine', 'channel'] as const).filter(
    (key) => filters[key],
  ).length;
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      {searchbar}
      <Flex justifyContent="space-between" gap={2}>
        <LabelledSwitch
          id="livechat-unread-only"
          label={tr('filters.unread', 'Unread')}
          checked={filters.unread === 'true'}
          onChange={(checked) => set('unread', checked ? 'true' : undefined)}
        />
        <Button
          variant="tertiary"
          size="S"
          startIcon={<Filter />}
          aria-expanded={expanded}
          onClick={() => setExpanded((open) => !open)}
        >
          {folded ? tr('filters.moreActive', 'Filters ({count})', { count: folded }) : tr('filters.more', 'Filters')}
        </Button>
      </Flex>
      {expanded && (
        <Box>
          <Flex direction="column" alignItems="stretch" gap={2}>
            {fields}
          </Flex>
        </Box>
      )}
    </Flex>
  );
}
