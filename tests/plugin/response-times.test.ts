import { responseTimes } from '../../server/response-times';

const minutes = (n: number) => n * 60_000;

describe('first response and queue wait of one conversation', () => {
  it('both run from the request for a person; the wait ends when an agent takes it', () => {
    expect(responseTimes({ created: 0, queued: minutes(1), assigned: minutes(3), answered: minutes(4) })).toEqual({
      firstResponse: minutes(3),
      queueWait: minutes(2),
    });
  });

  it('a transfer after the first answer moves assignedAt later, but not the wait past the first response', () => {
    const times = responseTimes({ created: 0, queued: minutes(1), assigned: minutes(30), answered: minutes(4) });
    expect(times).toEqual({ firstResponse: minutes(3), queueWait: minutes(3) });
    expect(times.queueWait!).toBeLessThanOrEqual(times.firstResponse!);
  });

  it('an answer from before the latest request is not its first response; an agent-opened chat has no wait', () => {
    expect(responseTimes({ created: 0, queued: minutes(10), assigned: minutes(12), answered: minutes(2) })).toEqual({
      firstResponse: null,
      queueWait: minutes(2),
    });
    expect(responseTimes({ created: 0, queued: null, assigned: 0, answered: minutes(1) })).toEqual({
      firstResponse: minutes(1),
      queueWait: null,
    });
    expect(responseTimes({ created: 0, queued: minutes(1), assigned: null, answered: null })).toEqual({
      firstResponse: null,
      queueWait: null,
    });
  });
});
