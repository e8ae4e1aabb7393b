import { MIN_REMAINING_WAIT_SECONDS, relativeUnit, remainingWaitSeconds } from '../../plugin/waiting';

describe('the wait quoted to a queued visitor', () => {
  it('counts the estimate down as the visitor waits', () => {
    expect(remainingWaitSeconds(600, 0)).toBe(600);
    expect(remainingWaitSeconds(600, 240)).toBe(360);
  });

  it('never drops below a minute while the estimate holds, nor for an estimate of 0 seconds', () => {
    expect(remainingWaitSeconds(600, 570)).toBe(MIN_REMAINING_WAIT_SECONDS);
    expect(remainingWaitSeconds(600, 600)).toBe(MIN_REMAINING_WAIT_SECONDS);
    expect(remainingWaitSeconds(0, 0)).toBe(MIN_REMAINING_WAIT_SECONDS);
  });

  it('grows once the estimate is overrun: a minute plus half the overrun', () => {
    expect(remainingWaitSeconds(120, 300)).toBe(60 + 90);
    expect(remainingWaitSeconds(120, 720)).toBe(60 + 300);
    expect(remainingWaitSeconds(120, 720)).toBeGreaterThan(remainingWaitSeconds(120, 300));
  });

  it('a clock behind the estimate counts as no wait yet', () => {
    expect(remainingWaitSeconds(300, -20)).toBe(300);
  });
});

describe('a time ahead in words', () => {
  it('minutes up to 90, then hours up to 36, then days; at least one minute', () => {
    expect(relativeUnit(30 * 60)).toEqual({ value: 30, unit: 'minute' });
    expect(relativeUnit(10)).toEqual({ value: 1, unit: 'minute' });
    expect(relativeUnit(2 * 3600)).toEqual({ value: 2, unit: 'hour' });
    expect(relativeUnit(3 * 86_400)).toEqual({ value: 3, unit: 'day' });
  });

  it('nothing once the time has passed: an overdue promise is said otherwise', () => {
    expect(relativeUnit(0)).toBeNull();
    expect(relativeUnit(-10)).toBeNull();
  });
});
