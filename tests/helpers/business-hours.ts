// Business hours relative to the real clock: a fixed-offset zone where it is midday now, so "today" and
// "tomorrow" cannot turn during a test and the expected opening is plain arithmetic.
import { WEEKDAYS, type BusinessHours, type Weekday } from '../../plugin';
import { as } from './chat';
import type { TestAgent, TestApp } from './strapi';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface MiddayZone {
  /** `Etc/GMT…`: no daylight saving, so a local time is one UTC instant. */
  timeZone: string;
  today: string;
  tomorrow: string;
  weekday: Weekday;
  tomorrowWeekday: Weekday;
  /** The UTC instant (ISO) of `hh:mm` tomorrow, local time. */
  tomorrowAt(time: string): string;
}

/** A zone where the time now is between 12:00 and 13:00. */
export function middayZone(now = new Date()): MiddayZone {
  const offsetHours = 12 - now.getUTCHours();
  // Etc/GMT signs are POSIX-style, inverted: Etc/GMT-3 is UTC+3.
  const timeZone = offsetHours === 0 ? 'Etc/UTC' : `Etc/GMT${offsetHours > 0 ? '-' : '+'}${Math.abs(offsetHours)}`;
  const localMidnight = Math.floor((now.getTime() + offsetHours * HOUR) / DAY) * DAY;
  const weekdayAt = (midnight: number) => WEEKDAYS[(new Date(midnight).getUTCDay() + 6) % 7];
  const dateAt = (midnight: number) => new Date(midnight).toISOString().slice(0, 10);
  return {
    timeZone,
    today: dateAt(localMidnight),
    tomorrow: dateAt(localMidnight + DAY),
    weekday: weekdayAt(localMidnight),
    tomorrowWeekday: weekdayAt(localMidnight + DAY),
    tomorrowAt(time) {
      const [hours, minutes] = time.split(':').map(Number);
      return new Date(localMidnight + DAY + (hours - offsetHours) * HOUR + minutes * 60_000).toISOString();
    },
  };
}

/** Closed today; open tomorrow from 09:00 to 17:30 local time. */
export const closedUntilTomorrow = (zone: MiddayZone): Partial<BusinessHours> => ({
  enabled: true,
  timeZone: zone.timeZone,
  week: { ...emptyWeek(), [zone.tomorrowWeekday]: [{ from: '09:00', to: '17:30' }] },
  holidays: [],
});

/** Open all day, every day, except on `holidays`. */
export const openEveryDay = (zone: MiddayZone, holidays: string[] = []): Partial<BusinessHours> => ({
  enabled: true,
  timeZone: zone.timeZone,
  week: Object.fromEntries(WEEKDAYS.map((day) => [day, [{ from: '00:00', to: '24:00' }]])) as BusinessHours['week'],
  holidays,
});

const emptyWeek = () => Object.fromEntries(WEEKDAYS.map((day) => [day, []])) as unknown as BusinessHours['week'];

/** A manager's PUT /settings of the business hours. */
export const setBusinessHours = (app: TestApp, manager: TestAgent, businessHours: Partial<BusinessHours>) =>
  as(app, manager).put('/settings', { businessHours }).expect(200);
