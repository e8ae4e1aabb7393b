import { checkEscalation, checkTransition, CONVERSATION_STATUSES, type ConversationAction } from '../../plugin';

// The table every side reads: the expected target of each action from each state ('-' = refused).
const EXPECTED: Record<ConversationAction, Record<(typeof CONVERSATION_STATUSES)[number], string>> = {
  requestHuman: { bot: 'queued', queued: '-', open: '-', ended: '-' },
  pick: { bot: '-', queued: 'open', open: '-', ended: '-' },
  assign: { bot: 'open', queued: 'open', open: 'open', ended: '-' },
  takeOver: { bot: 'open', queued: '-', open: '-', ended: '-' },
  transfer: { bot: '-', queued: '-', open: 'open', ended: '-' },
  requeue: { bot: '-', queued: '-', open: 'queued', ended: '-' },
  end: { bot: 'ended', queued: 'ended', open: 'ended', ended: '-' },
  reopen: { bot: '-', queued: '-', open: '-', ended: 'open' },
  rate: { bot: '-', queued: '-', open: '-', ended: 'ended' },
  visitorWrites: { bot: 'bot', queued: 'queued', open: 'open', ended: 'bot' },
  agentWrites: { bot: '-', queued: '-', open: 'open', ended: 'open' },
};

describe('the conversation lifecycle table', () => {
  for (const [action, row] of Object.entries(EXPECTED) as Array<[ConversationAction, Record<string, string>]>) {
    it(`${action} leads where the table says, and refusals name the state and the action`, () => {
      for (const status of CONVERSATION_STATUSES) {
        const check = checkTransition(status, action, { byAgent: action === 'agentWrites' });
        if (row[status] === '-') {
          expect(check).toEqual({
            allowed: false,
            reason: expect.stringMatching(new RegExp(`a conversation that is ${status}$`)),
          });
        } else {
          expect(check).toEqual({ allowed: true, to: row[status] });
        }
      }
    });
  }

  it('a visitor writing to an ended conversation that had an agent reopens it to that agent', () => {
    expect(checkTransition('ended', 'visitorWrites', { hasAgent: true })).toEqual({ allowed: true, to: 'open' });
  });

  it('escalations only leave pending', () => {
    expect(checkEscalation('pending', 'accept')).toEqual({ allowed: true, to: 'accepted' });
    expect(checkEscalation('pending', 'reject')).toEqual({ allowed: true, to: 'rejected' });
    expect(checkEscalation('pending', 'cancel')).toEqual({ allowed: true, to: 'cancelled' });
    expect(checkEscalation('accepted', 'cancel')).toEqual({
      allowed: false,
      reason: 'Cannot cancel an escalation that is accepted',
    });
  });
});
