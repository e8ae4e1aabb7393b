import { Alert, Link } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { NavLink } from 'react-router-dom';
import { GetKnowledgeStatus } from '../../../plugin/contracts/knowledge';
import { uid } from '../../../plugin/id';
import { sendRoute } from '../api';
import { useTr } from '../i18n';

/** Where editors add what the bot answers from. */
const KNOWLEDGE_ENTRIES_PATH = `/content-manager/collection-types/${uid('knowledge-entry')}`;

/** A warning while the bot has nothing published to answer from, linking to where knowledge is added. */
export function NoKnowledgeBanner() {
  const tr = useTr();
  const client = useFetchClient();
  const [empty, setEmpty] = useState(false);
  const [dismissed, setDismissed] = useState(false);

  useEffect(() => {
    sendRoute(client, GetKnowledgeStatus.route)
      .then((status) => setEmpty(status.state === 'ready' && status.documents === 0))
      // Without the permission to read the index status there is nothing to warn this user about.
      .catch(() => setEmpty(false));
  }, [client]);

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
