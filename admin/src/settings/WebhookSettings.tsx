import { Badge, Box, Button, Checkbox, Flex, Grid, Link, Typography } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { Page, useNotification } from '@strapi/strapi/admin';
import { useEffect, useId, useState } from 'react';
import { NavLink } from 'react-router-dom';
import { WEBHOOK_EVENTS, isWebhookEvent, type StrapiWebhook, type WebhookEvent } from '../../../plugin/webhooks';
import { useLivechatApi } from '../api';
import { useTr, type Tr } from '../i18n';
import { RegionSection } from './RegionSection';

/** A short label per event; a literal `tr` call each, so the translation script finds them. */
const eventLabels = (tr: Tr): Record<WebhookEvent, string> => ({
  'livechat.conversation.created': tr('webhooks.event.conversationCreated', 'Conversation started'),
  'livechat.conversation.queued': tr('webhooks.event.conversationQueued', 'Visitor waits for a human (queued)'),
  'livechat.conversation.assigned': tr('webhooks.event.conversationAssigned', 'Conversation assigned to an agent'),
  'livechat.conversation.ended': tr('webhooks.event.conversationEnded', 'Conversation ended'),
  'livechat.escalation.created': tr('webhooks.event.escalationCreated', 'Escalation requested'),
  'livechat.escalation.decided': tr('webhooks.event.escalationDecided', 'Escalation accepted, rejected or cancelled'),
  'livechat.message.created': tr('webhooks.event.messageCreated', 'Message from a visitor or an agent'),
  'livechat.failed-response.created': tr('webhooks.event.failedResponseCreated', 'The bot could not answer'),
  'livechat.rating.created': tr('webhooks.event.ratingCreated', 'Visitor rated the conversation'),
});

type Listing = { webhooks: StrapiWebhook[] } | { error: string; forbidden: boolean };

/**
 * Settings → Webhooks: picks the live-chat events of Strapi's webhooks, which Strapi's own webhook form
 * cannot list (its event checkboxes are fixed). Saving keeps the webhook's other events and settings.
 */
export function WebhookSettings() {
  const tr = useTr();
  const api = useLivechatApi();
  const [listing, setListing] = useState<Listing | null>(null);

  useEffect(() => {
    void api.strapiWebhooks.list().then(setListing);
  }, [api]);

  const replace = (saved: StrapiWebhook) =>
    setListing((current) =>
      current && 'webhooks' in current
        ? { webhooks: current.webhooks.map((webhook) => (webhook.id === saved.id ? saved : webhook)) }
        : current,
    );

  return (
    <RegionSection
      title={tr('webhooks.title', 'Webhooks')}
      hint={
        <>
          {tr(
            'webhooks.hint',
            "Strapi's webhooks can also receive live-chat events. Create a webhook in Strapi's settings, then pick its live-chat events here.",
          )}{' '}
          <Link tag={NavLink} to="/settings/webhooks">
            {tr('webhooks.strapiSettings', 'Settings → Webhooks')}
          </Link>
        </>
      }
    >
      <Flex direction="column" alignItems="stretch" gap={4} paddingTop={4}>
        {!listing ? (
          <Page.Loading />
        ) : 'error' in listing ? (
          <Typography role="alert" textColor="danger600">
            {listing.forbidden
              ? tr(
                  'webhooks.forbidden',
                  "You cannot see Strapi's webhooks: ask an administrator for the webhook permissions (read and update) in Settings → Roles.",
                )
              : listing.error}
          </Typography>
        ) : listing.webhooks.length === 0 ? (
          <Typography>{tr('webhooks.empty', 'No webhooks yet.')}</Typography>
        ) : (
          listing.webhooks.map((webhook) => <WebhookEvents key={webhook.id} webhook={webhook} onSaved={replace} />)
        )}
      </Flex>
    </RegionSection>
  );
}

/** One webhook's live-chat events, saved on their own. */
function WebhookEvents({ webhook, onSaved }: { webhook: StrapiWebhook; onSaved: (saved: StrapiWebhook) => void }) {
  const tr = useTr();
  const api = useLivechatApi();
  const { toggleNotification } = useNotification();
  const nameId = useId();
  const [picked, setPicked] = useState(() => new Set(webhook.events.filter(isWebhookEvent)));
  const [saving, setSaving] = useState(false);
  const labels = eventLabels(tr);

  const toggle = (event: WebhookEvent, checked: boolean) => {
    const next = new Set(picked);
    if (checked) next.add(event);
    else next.delete(event);
    setPicked(next);
  };

  const save = async () => {
    setSaving(true);
    const strapiEvents = webhook.events.filter((event) => !isWebhookEvent(event));
    const saved = await api.strapiWebhooks.update({
      ...webhook,
      events: [...strapiEvents, ...WEBHOOK_EVENTS.filter((event) => picked.has(event))],
    });
    setSaving(false);
    if (!saved) return;
    onSaved(saved);
    toggleNotification({
      type: 'success',
      message: tr('webhooks.saved', 'Events of {name} saved', { name: webhook.name }),
    });
  };

  return (
    <Box role="group" aria-labelledby={nameId} padding={4} hasRadius borderColor="neutral200">
      <Flex gap={2} wrap="wrap">
        <Typography variant="omega" fontWeight="bold" tag="h3" id={nameId}>
          {webhook.name}
        </Typography>
        {!webhook.isEnabled && <Badge>{tr('webhooks.disabled', 'Disabled')}</Badge>}
      </Flex>
      <Typography variant="pi" textColor="neutral600" style={{ overflowWrap: 'anywhere' }}>
        {webhook.url}
      </Typography>
      <Grid.Root gap={2} paddingTop={3}>
        {WEBHOOK_EVENTS.map((event) => (
          <Grid.Item key={event} col={6} s={12}>
            <Checkbox
              name={`${webhook.id}.${event}`}
              checked={picked.has(event)}
              onCheckedChange={(checked) => toggle(event, checked === true)}
            >
              {labels[event]}
            </Checkbox>
          </Grid.Item>
        ))}
      </Grid.Root>
      <Flex justifyContent="flex-end" paddingTop={3}>
        <Button loading={saving} startIcon={<Check />} onClick={() => void save()}>
          {tr('webhooks.save', 'Save events of {name}', { name: webhook.name })}
        </Button>
      </Flex>
    </Box>
  );
}
