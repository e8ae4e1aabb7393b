import { Badge } from '@strapi/design-system';
import type { FailedResponse } from '../../../plugin/contracts/entities';
import { useTr } from '../i18n';

/** Open, or how the group was resolved, as a badge. */
export function ResolutionBadge({ item }: { item: Pick<FailedResponse, 'status' | 'resolution'> }) {
  const tr = useTr();
  if (item.status === 'open') return <Badge variant="warning">{tr('failed.status.open', 'Open')}</Badge>;
  const labels: Record<NonNullable<FailedResponse['resolution']>, string> = {
    'new-entry': tr('failed.resolution.newEntry', 'Added to knowledge base'),
    mapped: tr('failed.resolution.mapped', 'Mapped to an entry'),
    dismissed: tr('failed.resolution.dismissed', 'Dismissed'),
  };
  const label = item.resolution ? labels[item.resolution] : undefined;
  return (
    <Badge variant={item.resolution === 'dismissed' ? 'neutral' : 'success'}>
      {label ?? tr('failed.status.resolved', 'Resolved')}
    </Badge>
  );
}

/** A confidence (0–1) as a percentage, or a dash. */
export const percent = (value: number | null) => (value === null ? '–' : `${Math.round(value * 100)} %`);
