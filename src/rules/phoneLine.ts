/**
 * Is CNED's phone line open at a given instant, and when does it open next?
 * Seasons, weekdays, hours and closures all come from the schedule data (src/facts/cned.ts).
 */
import { DateTime, IANAZone } from 'luxon';
import { CNED_FACTS, PhoneSchedule, PhoneSeason, ClockTime } from '../facts/cned';
import { HolidayKey, assertValid, parisDate, publicHolidayOn } from './calendar';

export type ClosedReason = 'weekend' | 'publicHoliday' | 'closure' | 'beforeOpening' | 'afterClosing';

export interface OpeningHours {
  opens: DateTime;
  closes: DateTime;
}

export interface PhoneLineStatus {
  open: boolean;
  /** Season of now's date in the schedule's zone. */
  season: PhoneSeason['id'];
  /** Today's hours; null when the line does not open at all today. */
  todayHours: OpeningHours | null;
  /** Set when open. */
  closesAt?: DateTime;
  /** Set when closed: next opening instant (may be later today). */
  nextOpening?: DateTime;
  /** Set when closed: the hours of the day of nextOpening (lets hoursInZone work without the schedule). */
  nextOpeningHours?: OpeningHours;
  /** Set when closed. */
  closedReason?: ClosedReason;
  /** Set when closed for a public holiday. */
  holidayKey?: HolidayKey;
}

/** Month and day packed as one comparable number (June 1 -> 601). */
function monthDayKey(md: { month: number; day: number }): number {
  return md.month * 100 + md.day;
}

function seasonCovers(season: PhoneSeason, key: number): boolean {
  const from = monthDayKey(season.from);
  const to = monthDayKey(season.to);
  // A season such as October 1 - May 31 wraps around the new year.
  return from <= to ? key >= from && key <= to : key >= from || key <= to;
}

/** The season of that day (the day as seen in the schedule's zone). */
export function seasonOn(day: DateTime, schedule: PhoneSchedule = CNED_FACTS.phone.schedule): PhoneSeason {
  assertValid(day, 'day');
  const local = day.setZone(schedule.timeZone);
  assertValid(local, `day in zone ${schedule.timeZone}`);
  const key = monthDayKey(local);
  const season = schedule.seasons.find((s) => seasonCovers(s, key));
  if (!season) {
    // A gap in the seasons is a data error, not a closed line: fail loudly.
    throw new RangeError(`No phone season covers ${local.toISODate()}`);
  }
  return season;
}

type DayPlan =
  | { opensToday: true; hours: OpeningHours }
  | { opensToday: false; reason: 'weekend' | 'publicHoliday' | 'closure'; holidayKey?: HolidayKey };

function atClock(dayStart: DateTime<true>, time: ClockTime): DateTime {
  // Built from wall-clock fields in the zone, so DST days give the right instant (no fixed offsets).
  return DateTime.fromObject(
    { year: dayStart.year, month: dayStart.month, day: dayStart.day, hour: time.hour, minute: time.minute },
    { zone: dayStart.zone },
  );
}

/** Whether the line opens on that calendar day (start of day in the schedule's zone), and its hours. */
function planFor(dayStart: DateTime<true>, schedule: PhoneSchedule): DayPlan {
  if (!schedule.weekdays.includes(dayStart.weekday)) {
    return { opensToday: false, reason: 'weekend' };
  }
  const isoDate = dayStart.toISODate();
  if (schedule.closedOnPublicHolidays) {
    // Holidays are French dates: look the schedule's calendar date up in Paris.
    const holidayKey = publicHolidayOn(parisDate(isoDate));
    if (holidayKey) {
      return { opensToday: false, reason: 'publicHoliday', holidayKey };
    }
  }
  if (schedule.extraClosures.includes(isoDate)) {
    return { opensToday: false, reason: 'closure' };
  }
  const season = seasonOn(dayStart, schedule);
  return { opensToday: true, hours: { opens: atClock(dayStart, season.opens), closes: atClock(dayStart, season.closes) } };
}

/** First opening strictly after the given day; undefined only if the schedule never opens. */
function firstOpeningAfter(dayStart: DateTime<true>, schedule: PhoneSchedule): OpeningHours | undefined {
  // A year of days plus one per closure is far more than any real run of closed days.
  const maxDays = 370 + schedule.extraClosures.length;
  let day = dayStart;
  for (let i = 0; i < maxDays; i += 1) {
    day = day.plus({ days: 1 }).startOf('day');
    const plan = planFor(day, schedule);
    if (plan.opensToday) {
      return plan.hours;
    }
  }
  return undefined;
}

/** Open or closed at `now`, with today's hours and, when closed, the next opening. */
export function phoneLineStatus(now: DateTime, schedule: PhoneSchedule = CNED_FACTS.phone.schedule): PhoneLineStatus {
  assertValid(now, 'instant');
  const local = now.setZone(schedule.timeZone);
  assertValid(local, `instant in zone ${schedule.timeZone}`);
  const today = local.startOf('day');
  const season = seasonOn(today, schedule).id;
  const plan = planFor(today, schedule);

  if (!plan.opensToday) {
    const next = firstOpeningAfter(today, schedule);
    return {
      open: false,
      season,
      todayHours: null,
      nextOpening: next?.opens,
      nextOpeningHours: next,
      closedReason: plan.reason,
      holidayKey: plan.holidayKey,
    };
  }

  const { hours } = plan;
  // Open on [opens, closes): 08:30:00 is open, 18:00:00 (winter) is closed.
  if (local < hours.opens) {
    return { open: false, season, todayHours: hours, nextOpening: hours.opens, nextOpeningHours: hours, closedReason: 'beforeOpening' };
  }
  if (local >= hours.closes) {
    const next = firstOpeningAfter(today, schedule);
    return { open: false, season, todayHours: hours, nextOpening: next?.opens, nextOpeningHours: next, closedReason: 'afterClosing' };
  }
  return { open: true, season, todayHours: hours, closesAt: hours.closes };
}

/**
 * Today's hours (or, when the line does not open today, the next opening day's hours) in another IANA zone,
 * for a user abroad; null for an invalid zone.
 */
export function hoursInZone(status: PhoneLineStatus, zone: string): OpeningHours | null {
  if (!IANAZone.isValidZone(zone)) {
    return null;
  }
  const hours = status.todayHours ?? status.nextOpeningHours;
  if (!hours) {
    return null;
  }
  return { opens: hours.opens.setZone(zone), closes: hours.closes.setZone(zone) };
}
