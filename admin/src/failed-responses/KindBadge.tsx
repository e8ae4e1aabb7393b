import { Badge } from '@strapi/design-system';
import type { FailedResponseKind } from '../../../plugin/contracts/entities';
import { useTr, type Tr } from '../i18n';

/** How the bot failed, in the editor's words. */
export const kindLabel = (tr: Tr, kind: FailedResponseKind) =>
  ({
    refused: tr('failed.kind.refused', 'Refused by the bot'),
    unhelpful: tr('failed.kind.unhelpful', 'Answer not helpful (👎)'),
    handoff: tr('failed.kind.handoff', 'Asked for a person after the answer'),
  })[kind];

/** The kind of a failed response as a badge. */
export function KindBadge({ kind }: { kind: FailedResponseKind }) {
  const tr = useTr();
  return <Badge variant={kind === 'refused' ? 'secondary' : 'danger'}>{kindLabel(tr, kind)}</Badge>;
}
