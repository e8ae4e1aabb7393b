/** The shortest wait quoted to a queued visitor: "about 1 min", never "0" or a wait already over. */
export const MIN_REMAINING_WAIT_SECONDS = 60;

/**
 * The wait still ahead of a queued visitor `elapsedSeconds` after the desk estimated `estimateSeconds`:
 * the estimate minus the time already waited, at least a minute; once the estimate is overrun, a minute
 * plus half the overrun, so the quote grows with the wait instead of promising "1 min" for ever.
 */
export function remainingWaitSeconds(estimateSeconds: number, elapsedSeconds: number): number {
  const elapsed = Math.max(0, elapsedSeconds);
  const left = estimateSeconds - elapsed;
  if (left >= MIN_REMAINING_WAIT_SECONDS) return left;
  if (elapsed <= estimateSeconds) return MIN_REMAINING_WAIT_SECONDS;
  return MIN_REMAINING_WAIT_SECONDS + (elapsed - estimateSeconds) / 2;
}

/**
 * `Intl.RelativeTimeFormat`'s unit and value for a time `seconds` ahead: minutes up to 90, hours up to 36,
 * then days; null once the time has passed (an overdue promise is not "in 1 minute").
 */
export function relativeUnit(seconds: number): { value: number; unit: 'minute' | 'hour' | 'day' } | null {
  if (seconds <= 0) return null;
  const minutes = Math.max(1, Math.round(seconds / 60));
  if (minutes < 90) return { value: minutes, unit: 'minute' };
  const hours = Math.round(minutes / 60);
  if (hours < 36) return { value: hours, unit: 'hour' };
  return { value: Math.round(hours / 24), unit: 'day' };
}
