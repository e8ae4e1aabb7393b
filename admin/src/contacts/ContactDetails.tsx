import { Box, Button, Field, Flex, IconButton, Link, Status, Tabs, TextInput, Typography } from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { NavLink, useNavigate } from 'react-router-dom';
import type { Contact, Conversation, JourneyEvent, Tag, Team } from '../../../plugin/contracts/entities';
import { useLivechatApi } from '../api';
import { ConfirmDelete } from '../components/ConfirmDelete';
import { StatusBadge } from '../components/display';
import { TagsEditor } from '../conversation/TagsEditor';
import { useTr } from '../i18n';
import { inboxPath } from '../paths';
import { useAbilities } from '../permissions';
import { useAgentSocket, useSocketEvent } from '../realtime/AgentSocket';
import { actorName, journeyText, pagePath } from './journeyText';
import { useConversationPath } from '../workspace/conversationPath';

type Attribute = { key: string; value: string };
const toRows = (attributes: Contact['attributes']): Attribute[] =>
  Object.entries(attributes).map(([key, value]) => ({ key, value: value === null ? '' : String(value) }));

/** "Germany (DE)" in the admin's language; the bare code where the browser has no name for it. */
const countryLabel = (code: string | null | undefined, locale: string): string | null => {
  if (!code) return null;
  try {
    const name = new Intl.DisplayNames([locale], { type: 'region' }).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
};
const when = (value: string) => new Date(value).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });

function Detail({ label, value }: { label: string; value: string | null }) {
  return (
    <Box>
      <Typography variant="sigma" textColor="neutral600">
        {label}
      </Typography>
      <Typography tag="p" style={{ overflowWrap: 'anywhere' }}>
        {value || '—'}
      </Typography>
    </Box>
  );
}

/**
 * User details: editable name, email, phone and custom attributes, tags, online status, where they came
 * from, previous conversations and the customer journey; deleting the contact after a confirmation.
 */
export function ContactDetails({ contactId, visit }: { contactId: number; visit?: Conversation }) {
  const tr = useTr();
  const { locale } = useIntl();
  const api = useLivechatApi();
  const navigate = useNavigate();
  const pathOf = useConversationPath();
  const abilities = useAbilities();
  const { agents, epoch } = useAgentSocket();
  const [contact, setContact] = useState<Contact | null>(null);
  const [form, setForm] = useState({ name: '', email: '', phone: '' });
  const [attributes, setAttributes] = useState<Attribute[]>([]);
  const [allTags, setAllTags] = useState<Tag[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [journey, setJourney] = useState<JourneyEvent[]>([]);
  const [conversations, setConversations] = useState<Conversation[]>([]);
  const [saving, setSaving] = useState(false);

  const showContact = (loaded: Contact) => {
    setContact(loaded);
    setForm({ name: loaded.name ?? '', email: loaded.email ?? '', phone: loaded.phone ?? '' });
    setAttributes(toRows(loaded.attributes));
  };

  useEffect(() => {
    if (epoch === 0) return;
    void api.getContact(contactId).then((loaded) => loaded && showContact(loaded));
    void api.contactJourney(contactId).then((result) => result && setJourney(result.results));
    void api
      .listConversations({ contact: String(contactId), sort: 'createdAt:desc', pageSize: '20' })
      .then((page) => page && setConversations(page.results));
  }, [api, contactId, epoch, visit?.status, visit?.tags.length, visit?.assignee?.id]);

  useEffect(() => {
    void api.tags.list().then((result) => result && setAllTags(result.results));
    void api.teams.list().then((result) => result && setTeams(result.results));
  }, [api]);

  useSocketEvent('visitor:presence', ({ visitors }) => {
    const change = visitors.find((visitor) => visitor.contactId === contactId);
    if (change) setContact((current) => current && { ...current, online: change.online });
  });

  if (!contact) return null;
  const editable = abilities.reply;
  const latest = visit ?? conversations[0];

  const save = async (extra: { tagIds?: number[] } = {}) => {
    setSaving(true);
    const named = attributes.filter((row) => row.key.trim());
    const saved = await api.updateContact(contactId, {
      name: form.name,
      email: form.email,
      phone: form.phone,
      attributes: Object.fromEntries(named.map((row) => [row.key.trim(), row.value])),
      ...extra,
    });
    setSaving(false);
    if (saved) {
      showContact(saved);
      void api.contactJourney(contactId).then((result) => result && setJourney(result.results));
    }
  };

  const remove = async () => {
    if (await api.deleteContact(contactId)) navigate(inboxPath('queue'));
  };

  const setAttribute = (index: number, patch: Partial<Attribute>) =>
    setAttributes((rows) => rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={4}>
      <Flex justifyContent="space-between" paddingBottom={3}>
        <Typography variant="delta" tag="h2">
          {tr('contact.title', 'User details')}
        </Typography>
        <Status variant={contact.online ? 'success' : 'neutral'} size="S">
          <Typography variant="pi">
            {contact.online ? tr('contact.online', 'Online now') : tr('contact.offline', 'Offline')}
          </Typography>
        </Status>
      </Flex>
      {contact.currentPage && (
        <Box paddingBottom={3}>
          <Typography tag="p" variant="pi" textColor="neutral700" style={{ overflowWrap: 'anywhere' }}>
            <span title={`${contact.currentPage.url} · ${when(contact.currentPage.at)}`}>
              {tr('contact.nowOn', 'Now on {page}', { page: pagePath(contact.currentPage.url) })}
            </span>
          </Typography>
        </Box>
      )}
      <Tabs.Root defaultValue="details" variant="simple">
        <Tabs.List aria-label={tr('contact.sections', 'Contact sections')} style={{ flexWrap: 'wrap' }}>
          <Tabs.Trigger value="details">{tr('contact.tab.details', 'Details')}</Tabs.Trigger>
          <Tabs.Trigger value="journey">{tr('contact.tab.journey', 'Journey')}</Tabs.Trigger>
          <Tabs.Trigger value="conversations">
            {tr('contact.tab.conversations', 'History ({count})', { count: conversations.length })}
          </Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="details">
          <Flex direction="column" alignItems="stretch" gap={3} paddingTop={4}>
            {(
              [
                ['name', tr('contact.name', 'Name')],
                ['email', tr('contact.email', 'Email')],
                ['phone', tr('contact.phone', 'Phone')],
              ] as const
            ).map(([field, label]) => (
              <Field.Root key={field} name={field}>
                <Field.Label>{label}</Field.Label>
                <TextInput
                  value={form[field]}
                  disabled={!editable}
                  onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                    setForm((current) => ({ ...current, [field]: event.target.value }))
                  }
                />
              </Field.Root>
            ))}
            <Typography variant="sigma" textColor="neutral600">
              {tr('contact.attributes', 'Custom attributes')}
            </Typography>
            {attributes.map((row, index) => (
              <Flex key={index} gap={2} alignItems="flex-end">
                <TextInput
                  aria-label={tr('contact.attributeName', 'Attribute name')}
                  placeholder={tr('contact.attributeName', 'Attribute name')}
                  value={row.key}
                  disabled={!editable}
                  onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                    setAttribute(index, { key: event.target.value })
                  }
                />
                <TextInput
                  aria-label={tr('contact.attributeValue', 'Value')}
                  placeholder={tr('contact.attributeValue', 'Value')}
                  value={row.value}
                  disabled={!editable}
                  onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                    setAttribute(index, { value: event.target.value })
                  }
                />
                {editable && (
                  <IconButton
                    label={tr('contact.attributeRemove', 'Remove attribute')}
                    variant="ghost"
                    onClick={() => setAttributes((rows) => rows.filter((_, i) => i !== index))}
                  >
                    <Trash />
                  </IconButton>
                )}
              </Flex>
            ))}
            {editable && (
              <Flex gap={2} justifyContent="space-between">
                <Button
                  variant="tertiary"
                  size="S"
                  startIcon={<Plus />}
                  onClick={() => setAttributes((rows) => [...rows, { key: '', value: '' }])}
                >
                  {tr('contact.attributeAdd', 'Add attribute')}
                </Button>
                <Button size="S" loading={saving} onClick={() => void save()}>
                  {tr('action.save', 'Save')}
                </Button>
              </Flex>
            )}
            <Typography variant="sigma" textColor="neutral600">
              {tr('contact.tags', 'Contact tags')}
            </Typography>
            <TagsEditor
              label={tr('contact.tags', 'Contact tags')}
              tags={contact.tags}
              available={allTags}
              editable={editable}
              onChange={(tagIds) => void save({ tagIds })}
            />
            <Detail label={tr('contact.ip', 'IP address')} value={latest?.ip ?? null} />
            <Detail
              label={tr('contact.country', 'Country')}
              value={countryLabel(contact.country ?? latest?.country, locale)}
            />
            <Detail label={tr('contact.page', 'Page')} value={latest?.pageUrl ?? null} />
            <Detail label={tr('contact.userAgent', 'Browser (user agent)')} value={latest?.userAgent ?? null} />
            <Detail
              label={tr('contact.lastSeen', 'Last seen')}
              value={contact.lastSeenAt ? when(contact.lastSeenAt) : null}
            />
            {abilities.manageSettings && (
              <ConfirmDelete
                trigger={
                  <Button variant="danger-light" startIcon={<Trash />} fullWidth>
                    {tr('contact.delete', 'Delete contact')}
                  </Button>
                }
                title={tr('contact.delete.title', 'Delete this contact?')}
                body={tr(
                  'contact.delete.body',
                  'The contact, all their conversations, messages, notes and journey are deleted for good.',
                )}
                onConfirm={() => void remove()}
              />
            )}
          </Flex>
        </Tabs.Content>
        <Tabs.Content value="journey">
          <Flex tag="ol" direction="column" alignItems="stretch" gap={3} paddingTop={4} style={{ paddingLeft: 0 }}>
            {journey.length === 0 && <Typography textColor="neutral600">—</Typography>}
            {journey.map((event) => (
              <Box tag="li" key={event.id} style={{ listStyle: 'none' }} data-journey-type={event.type}>
                <Typography tag="p">{journeyText(event, agents, tr, teams)}</Typography>
                <Typography variant="pi" textColor="neutral600">
                  {when(event.createdAt)} · {actorName(event.actor, agents, tr)}
                </Typography>
              </Box>
            ))}
          </Flex>
        </Tabs.Content>
        <Tabs.Content value="conversations">
          <Flex direction="column" alignItems="stretch" gap={3} paddingTop={4}>
            <Link tag={NavLink} to={inboxPath('contacts', contactId)}>
              {tr('contact.history', 'Full history of this contact')}
            </Link>
            {conversations.map((conversation) => (
              <Flex key={conversation.id} justifyContent="space-between" gap={2}>
                <Link tag={NavLink} to={pathOf(conversation)}>
                  {when(conversation.createdAt)}
                </Link>
                <StatusBadge status={conversation.status} />
              </Flex>
            ))}
          </Flex>
        </Tabs.Content>
      </Tabs.Root>
    </Box>
  );
}
