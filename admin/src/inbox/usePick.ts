import { useNavigate } from 'react-router-dom';
import { useLivechatApi } from '../api';
import { inboxPath } from '../paths';
import { useAbilities } from '../permissions';
import { useInboxActivity } from './InboxActivity';

/** "Start chat": take a waiting conversation and open it in My chats. A refusal (capacity, taken meanwhile) is shown. */
export function usePick() {
  const api = useLivechatApi();
  const navigate = useNavigate();
  const { expectAssignment } = useInboxActivity();
  const abilities = useAbilities();
  return {
    canPick: abilities.reply,
    async pick(conversationId: number) {
      expectAssignment(conversationId);
      const picked = await api.pick(conversationId);
      if (picked) navigate(inboxPath('mine', conversationId));
      return picked;
    },
  };
}
