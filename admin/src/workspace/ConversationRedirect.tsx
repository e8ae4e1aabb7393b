import { Page } from '@strapi/strapi/admin';
import { useEffect } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useLivechatApi } from '../api';
import { inboxPath } from '../paths';
import { useConversationPath } from './conversationPath';

/**
 * `/conversation/12`, the address emails and older links use: replaced by the conversation's place in the
 * workspace (`/mine/12`, `/queue/12`…), so back does not return here.
 */
export function ConversationRedirect() {
  const id = Number(useParams().id);
  const api = useLivechatApi();
  const pathOf = useConversationPath();
  const navigate = useNavigate();
  useEffect(() => {
    void api.getConversation(id).then((conversation) => {
      navigate(conversation ? pathOf(conversation) : inboxPath('queue'), { replace: true });
    });
  }, [api, id, pathOf, navigate]);
  return <Page.Loading />;
}
