import { businessHoursSchema, type BusinessHours } from '../../plugin/contracts/settings';
import { isOpen, nextOpening } from '../../server/business-hours';

const weekdays = { mon: [{ from: '09:00', to: '17:30' }] } as const;
const schedule = (input: Record<string, unknown>): BusinessHours =>
  businessHoursSchema.parse({ enabled: true, timeZone: 'Europe/Paris', ...input });
const officeWeek = schedule({
  week: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, weekdays.mon])),
  holidays: ['2026-12-25'],
});
const at = (iso: string) => new Date(iso);
const opening = (hours: BusinessHours, now: string) => nextOpening(hours, at(now))?.toISOString() ?? null;

describe('business hours', () => {
  it('a schedule that is off is always open', () => {
    const off = businessHoursSchema.parse({});
    expect(isOpen(off, at('2026-12-06T03:00:00Z'))).toBe(true);
    expect(opening(off, '2026-12-06T03:00:00Z')).toBe('2026-12-06T03:00:00.000Z');
  });

  it('is open inside an interval of the local day, and "to" is exclusive', () => {
    // Wednesday 13:00 and 18:29 in Paris (UTC+1 in December); 17:30 is closing time.
    expect(isOpen(officeWeek, at('2026-12-09T12:00:00Z'))).toBe(true);
    expect(isOpen(officeWeek, at('2026-12-09T16:29:00Z'))).toBe(true);
    expect(isOpen(officeWeek, at('2026-12-09T16:30:00Z'))).toBe(false);
    expect(isOpen(officeWeek, at('2026-12-09T07:59:00Z'))).toBe(false);
    expect(opening(officeWeek, '2026-12-09T16:30:00Z')).toBe('2026-12-10T08:00:00.000Z');
    expect(opening(officeWeek, '2026-12-09T12:00:00Z')).toBe('2026-12-09T12:00:00.000Z');
  });

  it('on a weekend the next opening is Monday morning local time', () => {
    expect(isOpen(officeWeek, at('2026-12-05T10:00:00Z'))).toBe(false);
    expect(opening(officeWeek, '2026-12-05T10:00:00Z')).toBe('2026-12-07T08:00:00.000Z');
  });

  it('a holiday is closed all day and skipped by the next opening', () => {
    // Friday 25 December, noon in Paris; from Thursday evening the next opening is Monday the 28th.
    expect(isOpen(officeWeek, at('2026-12-25T11:00:00Z'))).toBe(false);
    expect(opening(officeWeek, '2026-12-24T17:00:00Z')).toBe('2026-12-28T08:00:00.000Z');
  });

  it("reads the weekday and the date in the schedule's time zone, not in UTC", () => {
    // Sunday 22:00 UTC is Monday 11:00 in Auckland; Monday 22:00 UTC is already Tuesday there.
    const auckland = schedule({ timeZone: 'Pacific/Auckland', week: weekdays });
    expect(isOpen(auckland, at('2026-12-06T22:00:00Z'))).toBe(true);
    expect(isOpen(auckland, at('2026-12-07T22:00:00Z'))).toBe(false);
    expect(opening(auckland, '2026-12-07T22:00:00Z')).toBe('2026-12-13T20:00:00.000Z');
  });

  it('keeps local opening times across daylight-saving changes', () => {
    const newYork = schedule({
      timeZone: 'America/New_York',
      week: { ...weekdays, sun: [{ from: '09:00', to: '12:00' }] },
    });
    // Spring forward on Sunday 14 March 2027: 09:00 is EDT (UTC-4) that day, and Monday too.
    expect(opening(newYork, '2027-03-13T12:00:00Z')).toBe('2027-03-14T13:00:00.000Z');
    expect(opening(newYork, '2027-03-14T18:00:00Z')).toBe('2027-03-15T13:00:00.000Z');
    // Fall back on Sunday 1 November 2026: 09:00 is EST (UTC-5).
    expect(opening(newYork, '2026-10-31T12:00:00Z')).toBe('2026-11-01T14:00:00.000Z');
  });

  it('takes the earliest interval of a day whatever their order, and 24:00 ends the day', () => {
    const split = schedule({
      timeZone: 'UTC',
      week: {
        mon: [
          { from: '14:00', to: '18:00' },
          { from: '09:00', to: '12:00' },
        ],
        sat: [{ from: '00:00', to: '24:00' }],
      },
    });
    expect(opening(split, '2026-12-07T12:30:00Z')).toBe('2026-12-07T14:00:00.000Z');
    expect(opening(split, '2026-12-07T05:00:00Z')).toBe('2026-12-07T09:00:00.000Z');
    expect(isOpen(split, at('2026-12-12T23:59:00Z'))).toBe(true);
  });

  it('a week without any opening never opens', () => {
    expect(opening(schedule({}), '2026-12-07T12:00:00Z')).toBeNull();
  });

  it('refuses an unknown time zone, a backwards interval and an impossible date, naming the field', () => {
    const problems = (input: Record<string, unknown>) =>
      businessHoursSchema.safeParse(input).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(problems({ timeZone: 'Mars/Olympus' })).toEqual(['timeZone: must be an IANA time zone like Europe/Paris']);
    expect(problems({ week: { mon: [{ from: '17:00', to: '09:00' }] } })).toEqual([
      'week.mon.0.to: must be after from',
    ]);
    expect(problems({ week: { mon: [{ from: '9:00', to: '17:00' }] } })).toEqual([
      'week.mon.0.from: from must be a time like 09:00 (24:00 ends the day)',
    ]);
    expect(problems({ holidays: ['2026-02-30'] })).toEqual(['holidays.0: must be a real date']);
  });
});
