/** Room names, in one place: who hears what. */
export const rooms = {
  /** Every socket of one visitor (contact). */
  contact: (contactId: number) => `contact:${contactId}`,
  /** Agents with the conversation open in front of them. */
  watching: (conversationId: number) => `watch:${conversationId}`,
  /** Every socket of one agent. */
  agent: (agentId: number) => `agent:${agentId}`,
  /** Every agent who may read the queue. */
  queue: 'queue',
  /** Agents who may read all conversations. */
  allConversations: 'all-conversations',
};
