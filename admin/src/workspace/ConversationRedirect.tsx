import { Page } from '@strapi/strapi/admin';
import { useEffect } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import type { Conversation } from '../../../plugin/contracts/entities';
import { useLivechatApi } from '../api';
import type { ListTab } from '../inbox/rules';
import { inboxPath } from '../paths';
import { useAbilities, useMe } from '../permissions';

/** The list a conversation sits in for this agent: where its workspace URL lives. */
export function tabOf(conversation: Pick<Conversation, 'status' | 'assignee'>, me: number, readAll: boolean): ListTab {
  if (conversation.status === 'queued') return 'queue';
  if (conversation.status === 'ended') return 'history';
  if (conversation.status === 'open' && conversation.assignee?.id === me) return 'mine';
  return readAll ? 'all' : 'mine';
}

/**
 * `/conversation/12`, the address emails, alerts and older links use: replaced by the conversation's
 * place in the workspace (`/mine/12`, `/queue/12`…), so back does not return here.
 */
export function ConversationRedirect() {
  const id = Number(useParams().id);
  const api = useLivechatApi();
  const me = useMe();
  const abilities = useAbilities();
  const navigate = useNavigate();
  useEffect(() => {
    void api.getConversation(id).then((conversation) => {
      const tab = conversation ? tabOf(conversation, me.id, abilities.readAll) : 'queue';
      navigate(inboxPath(tab, ...(conversation ? [id] : [])), { replace: true });
    });
  }, [api, id, me.id, abilities.readAll, navigate]);
  return <Page.Loading />;
}
