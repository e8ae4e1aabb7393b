import { Alert, Link } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { NavLink } from 'react-router-dom';
import type { GetKnowledgeStatus } from '../../../plugin/contracts/knowledge';
import { PLUGIN_ID, uid } from '../../../plugin/id';
import { useTr } from '../i18n';

/** Where editors add what the bot answers from. */
const KNOWLEDGE_ENTRIES_PATH = `/content-manager/collection-types/${uid('knowledge-entry')}`;

/** A warning while the bot has nothing published to answer from, linking to where knowledge is added. */
export function NoKnowledgeBanner() {
  const tr = useTr();
  const { get } = useFetchClient();
  const [empty, setEmpty] = useState(false);
  const [dismissed, setDismissed] = useState(false);

  useEffect(() => {
    get<GetKnowledgeStatus.Response>(`/${PLUGIN_ID}/knowledge/status`)
      .then(({ data }) => setEmpty(data.data.state === 'ready' && data.data.documents === 0))
      // Without the permission to read the index status there is nothing to warn this user about.
      .catch(() => setEmpty(false));
  }, [get]);

  if (!empty || dismissed) return null;
  return (
    <Alert
      variant="warning"
      title={tr('knowledge.empty.title', 'The bot has nothing to answer from')}
      closeLabel={tr('action.close', 'Close')}
      onClose={() => setDismissed(true)}
      action={
        <Link tag={NavLink} to={KNOWLEDGE_ENTRIES_PATH}>
          {tr('knowledge.empty.add', 'Add knowledge entries')}
        </Link>
      }
    >
      {tr(
        'knowledge.empty.body',
        'No knowledge entry or content is published yet, so the bot cannot answer visitors’ questions. Publish knowledge entries, or content of the types the bot reads.',
      )}
    </Alert>
  );
}
