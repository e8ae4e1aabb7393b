import { WEEKDAYS, type BusinessHours, type Weekday } from '../plugin/contracts/settings';
import type { Availability } from '../plugin/contracts/visitor';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** How far ahead `nextOpening` looks: a year of holidays plus a week. */
const HORIZON_DAYS = 366 + 7;

interface LocalTime {
  /** `YYYY-MM-DD` in the schedule's time zone. */
  date: string;
  weekday: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
  /** The local wall-clock time read as if it were UTC, in milliseconds (for the zone's offset). */
  wallClock: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatter = (timeZone: string) => {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
};

const weekdayOf = (year: number, month: number, day: number): Weekday =>
  WEEKDAYS[(new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7];

/** What the clock on the wall says at `instant` in `timeZone`. */
function localTime(instant: Date, timeZone: string): LocalTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year, month, day, hour, minute, second } = parts;
  return {
    date: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    weekday: weekdayOf(year, month, day),
    minutes: hour * 60 + minute,
    wallClock: Date.UTC(year, month - 1, day, hour, minute, second),
  };
}

const toMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The zone's offset from UTC at `instant`, in milliseconds. */
const offsetAt = (instant: number, timeZone: string) =>
  localTime(new Date(instant), timeZone).wallClock - Math.floor(instant / 1000) * 1000;

/** The instant the wall clock in `timeZone` shows `minutes` after midnight of the day starting at `midnightUtc` (read as UTC). */
function instantOf(midnightUtc: number, minutes: number, timeZone: string): number {
  const wallClock = midnightUtc + minutes * MINUTE;
  const guess = wallClock - offsetAt(wallClock, timeZone);
  // Across a daylight-saving change the offset at the result differs from the one at the guess.
  return wallClock - offsetAt(guess, timeZone);
}

const intervalsOf = (schedule: BusinessHours, weekday: Weekday) =>
  [...schedule.week[weekday]].sort((a, b) => toMinutes(a.from) - toMinutes(b.from));

/** Whether support is within business hours at `now` (always, when the schedule is off). */
export function isOpen(schedule: BusinessHours, now: Date): boolean {
  if (!schedule.enabled) return true;
  const local = localTime(now, schedule.timeZone);
  if (schedule.holidays.includes(local.date)) return false;
  return schedule.week[local.weekday].some(
    (opening) => toMinutes(opening.from) <= local.minutes && local.minutes < toMinutes(opening.to),
  );
}

/**
 * The first instant at or after `now` within business hours: `now` itself when open, null when the
 * schedule opens on no day of the coming year (an empty week, or holidays throughout).
 */
export function nextOpening(schedule: BusinessHours, now: Date): Date | null {
  if (isOpen(schedule, now)) return now;
  const today = localTime(now, schedule.timeZone);
  const todayUtc = Date.UTC(
    Number(today.date.slice(0, 4)),
    Number(today.date.slice(5, 7)) - 1,
    Number(today.date.slice(8)),
  );
  for (let offset = 0; offset < HORIZON_DAYS; offset++) {
    const midnightUtc = todayUtc + offset * DAY;
    const day = new Date(midnightUtc);
    const date = day.toISOString().slice(0, 10);
    if (schedule.holidays.includes(date)) continue;
    const weekday = weekdayOf(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
    for (const opening of intervalsOf(schedule, weekday)) {
      const start = instantOf(midnightUtc, toMinutes(opening.from), schedule.timeZone);
      if (start >= now.getTime()) return new Date(start);
    }
  }
  return null;
}

/** Whether a person can answer now (agents online, within the hours), and when support opens again otherwise. */
export function availabilityOf(
  businessHours: BusinessHours,
  agentsOnline: number,
  now = new Date(),
): Availability.Response {
  const within = isOpen(businessHours, now);
  return {
    online: within && agentsOnline > 0,
    agentsOnline,
    withinBusinessHours: within,
    opensAt: within ? null : (nextOpening(businessHours, now)?.toISOString() ?? null),
  };
}
