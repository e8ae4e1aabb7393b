import { useCallback } from 'react';
import type { Conversation } from '../../../plugin/contracts/entities';
import type { ListTab } from '../inbox/rules';
import { inboxPath } from '../paths';
import { useAbilities, useMe } from '../permissions';

/** The list a conversation sits in for this agent: where its workspace address lives. */
export function tabOf(conversation: Pick<Conversation, 'status' | 'assignee'>, me: number, readAll: boolean): ListTab {
  if (conversation.status === 'queued') return 'queue';
  if (conversation.status === 'ended') return 'history';
  if (conversation.status === 'open' && conversation.assignee?.id === me) return 'mine';
  return readAll ? 'all' : 'mine';
}

/** The workspace address of a conversation for the signed-in agent, e.g. `/plugins/livechat/mine/12`. */
export function useConversationPath() {
  const me = useMe();
  const { readAll } = useAbilities();
  return useCallback(
    (conversation: Pick<Conversation, 'id' | 'status' | 'assignee'>) =>
      inboxPath(tabOf(conversation, me.id, readAll), conversation.id),
    [me.id, readAll],
  );
}
