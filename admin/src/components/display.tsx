import { Badge, Typography } from '@strapi/design-system';
import { useEffect, useState } from 'react';
import type { ContactSummary } from '../../../plugin/contracts/entities';
import { OFFLINE_CHANNEL } from '../../../plugin/contracts/visitor';
import type { ConversationStatus, Presence } from '../../../plugin/lifecycle';
import { useTr, type Tr } from '../i18n';

const STATUS_VARIANT = {
  bot: 'alternative',
  queued: 'warning',
  open: 'success',
  ended: 'neutral',
} as const satisfies Record<ConversationStatus, string>;

/** The names agents read for conversation states. */
export const statusLabels = (tr: Tr): Record<ConversationStatus, string> => ({
  bot: tr('status.bot', 'With the bot'),
  queued: tr('status.queued', 'Waiting'),
  open: tr('status.open', 'Open'),
  ended: tr('status.ended', 'Ended'),
});

/** A conversation's state, as a coloured badge. */
export function StatusBadge({ status }: { status: ConversationStatus }) {
  const tr = useTr();
  return <Badge variant={STATUS_VARIANT[status]}>{statusLabels(tr)[status]}</Badge>;
}

/** A message left through the offline form: the visitor is answered by email. Nothing for other channels. */
export function OfflineBadge({ channel }: { channel: string }) {
  const tr = useTr();
  if (channel !== OFFLINE_CHANNEL) return null;
  return <Badge variant="secondary">{tr('conversation.offline', 'Offline message — reply by email')}</Badge>;
}

/** The names agents read for presence values. */
export const presenceLabels = (tr: Tr): Record<Presence, string> => ({
  online: tr('presence.online', 'Online'),
  away: tr('presence.away', 'Away'),
  offline: tr('presence.offline', 'Offline'),
});

/** The name agents see for a contact: their name, email, or "Visitor #id". */
export const contactLabel = (contact: ContactSummary, tr: Tr) =>
  contact.name || contact.email || tr('contact.anonymous', 'Visitor #{id}', { id: contact.id });

/** The current time, re-rendered every `intervalMs` (for live wait times). */
export function useNow(intervalMs = 1000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** A duration as "45 s", "3 min 05 s" or "2 h 10 min". */
export function formatDuration(milliseconds: number, tr: Tr) {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  if (seconds < 60) return tr('duration.seconds', '{s} s', { s: seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return tr('duration.minutes', '{m} min {s} s', { m: minutes, s: String(seconds % 60).padStart(2, '0') });
  }
  return tr('duration.hours', '{h} h {m} min', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

/** How long since `since`, ticking every second. */
export function WaitTime({ since }: { since: string | null }) {
  const tr = useTr();
  const now = useNow();
  if (!since) return null;
  return <Typography fontWeight="semiBold">{formatDuration(now - Date.parse(since), tr)}</Typography>;
}
