/**
 * The conversation lifecycle: one table, read by services, socket handlers and the admin UI.
 * bot → queued → open → ended; ended reopens when either side writes again.
 */
export const CONVERSATION_STATUSES = ['bot', 'queued', 'open', 'ended'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export type ConversationAction =
  | 'requestHuman'
  | 'pick'
  | 'assign'
  | 'takeOver'
  | 'transfer'
  | 'requeue'
  | 'end'
  | 'reopen'
  | 'rate'
  | 'visitorWrites'
  | 'agentWrites';

/** `same` keeps the state; `reopen` leaves an ended conversation to its agent, or to the bot if it never had one. */
type Rule = { from: readonly ConversationStatus[]; to: ConversationStatus | 'same' | 'reopen' };

/** Which states an action may start from, and where it leads. */
export const CONVERSATION_TRANSITIONS: Record<ConversationAction, Rule> = {
  requestHuman: { from: ['bot'], to: 'queued' },
  pick: { from: ['queued'], to: 'open' },
  assign: { from: ['bot', 'queued', 'open'], to: 'open' },
  // An agent steps in while the bot is answering.
  takeOver: { from: ['bot'], to: 'open' },
  transfer: { from: ['open'], to: 'open' },
  requeue: { from: ['open'], to: 'queued' },
  end: { from: ['bot', 'queued', 'open'], to: 'ended' },
  reopen: { from: ['ended'], to: 'open' },
  rate: { from: ['ended'], to: 'same' },
  visitorWrites: { from: ['bot', 'queued', 'open', 'ended'], to: 'reopen' },
  // An agent writes only in a conversation they hold, or reopens an ended one by writing.
  agentWrites: { from: ['open', 'ended'], to: 'reopen' },
};

const ACTION_WORDS: Record<ConversationAction, string> = {
  requestHuman: 'request a human for',
  pick: 'pick',
  assign: 'assign',
  takeOver: 'take over',
  transfer: 'transfer',
  requeue: 'return to the queue',
  end: 'end',
  reopen: 'reopen',
  rate: 'rate',
  visitorWrites: 'write to',
  agentWrites: 'write to',
};

export type TransitionCheck = { allowed: true; to: ConversationStatus } | { allowed: false; reason: string };

/**
 * Says whether `action` may happen to a conversation in `status`, and the state it leads to.
 * `hasAgent` tells where a write reopens an ended conversation: to its agent, or to the bot.
 */
export function checkTransition(
  status: ConversationStatus,
  action: ConversationAction,
  context: { hasAgent?: boolean; byAgent?: boolean } = {},
): TransitionCheck {
  const rule = CONVERSATION_TRANSITIONS[action];
  if (!rule.from.includes(status)) {
    return { allowed: false, reason: `Cannot ${ACTION_WORDS[action]} a conversation that is ${status}` };
  }
  if (rule.to === 'same') return { allowed: true, to: status };
  if (rule.to === 'reopen') {
    if (status !== 'ended') return { allowed: true, to: status };
    return { allowed: true, to: context.byAgent || context.hasAgent ? 'open' : 'bot' };
  }
  return { allowed: true, to: rule.to };
}

/** The states an action may start from (for UIs that enable or hide buttons). */
export const canTransition = (status: ConversationStatus, action: ConversationAction) =>
  checkTransition(status, action).allowed;

export const ESCALATION_STATUSES = ['pending', 'accepted', 'rejected', 'cancelled'] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];
export type EscalationAction = 'accept' | 'reject' | 'cancel';

const ESCALATION_TARGET: Record<EscalationAction, EscalationStatus> = {
  accept: 'accepted',
  reject: 'rejected',
  cancel: 'cancelled',
};

export type EscalationCheck = { allowed: true; to: EscalationStatus } | { allowed: false; reason: string };

/** Escalations only move out of `pending`; each action has one target state. */
export function checkEscalation(status: EscalationStatus, action: EscalationAction): EscalationCheck {
  if (status !== 'pending') {
    return { allowed: false, reason: `Cannot ${action} an escalation that is ${status}` };
  }
  return { allowed: true, to: ESCALATION_TARGET[action] };
}

/** Agent presence values. */
export const PRESENCE = ['online', 'away', 'offline'] as const;
export type Presence = (typeof PRESENCE)[number];
