import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  addWorkingTime,
  localDateOf,
  parseWorkingDuration,
  WorkingCalendar,
  workingDurationBetween,
} from '../../bot/core/workingTime';
import { calendarFromParsed, type ProductionCalendar, productionCalendar } from '../../knowledge/schema/calendar';

const MOSCOW = 'Europe/Moscow'; // UTC+3 all year
const YEKATERINBURG = 'Asia/Yekaterinburg'; // UTC+5 all year

const bundled2026Text = readFileSync(
  fileURLToPath(new URL('../../knowledge/base/calendars/2026.yaml', import.meta.url)),
  'utf8',
);
const cal2026 = calendarFromParsed(parse(bundled2026Text));

// Modelled on the 2025 calendar: Saturday 1 November was a working day, shortened by an hour because
// it preceded the 3–4 November days off; 31 December was off (moved from Sunday 5 January).
const cal2025 = calendarFromParsed(
  parse(`
calendar:
  year: 2025
  source: "test fixture modelled on the 2025 production calendar"
  holidays: [2025-01-01, 2025-01-02, 2025-01-03, 2025-01-06, 2025-01-07, 2025-01-08,
             2025-05-01, 2025-05-02, 2025-05-08, 2025-05-09, 2025-06-12, 2025-06-13,
             2025-11-03, 2025-11-04, 2025-12-31]
  shortened: [2025-03-07, 2025-04-30, 2025-06-11, 2025-11-01]
  workingWeekends: [2025-11-01]
`),
);

function calendarWithBeyondLog(calendars: ProductionCalendar[]) {
  const beyond: number[] = [];
  const cal = new WorkingCalendar(calendars, { onBeyond: (year) => beyond.push(year) });
  return { cal, beyond };
}

const iso = (date: Date) => date.toISOString();

describe('production calendar schema', () => {
  it('reads the bundled 2026 calendar (Decree No. 1466) with dates as strings or as YAML dates', () => {
    expect(cal2026.year).toBe(2026);
    expect(cal2026.holidays).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-01-05',
      '2026-01-06',
      '2026-01-07',
      '2026-01-08',
      '2026-01-09',
      '2026-02-23',
      '2026-03-09',
      '2026-05-01',
      '2026-05-11',
      '2026-06-12',
      '2026-11-04',
      '2026-12-31',
    ]);
    expect(cal2026.shortened).toEqual(['2026-04-30', '2026-05-08', '2026-06-11', '2026-11-03']);
    expect(cal2026.workingWeekends).toEqual([]);
    // YAML 1.1 turns unquoted dates into Date objects; the schema brings them back to YYYY-MM-DD.
    const withDates = parse(bundled2026Text, { schema: 'yaml-1.1' });
    expect(withDates.calendar.holidays[0]).toBeInstanceOf(Date);
    expect(calendarFromParsed(withDates)).toEqual(cal2026);
  });

  it('accepts the calendar with or without its top-level key and defaults the lists', () => {
    expect(calendarFromParsed({ year: 2030, source: 'decree' })).toEqual({
      year: 2030,
      source: 'decree',
      holidays: [],
      shortened: [],
      workingWeekends: [],
    });
  });

  const base = { year: 2026, source: 'decree' };
  const accepts = (value: object) => productionCalendar.safeParse({ ...base, ...value }).success;

  it('rejects dates of another year, a day both off and working, repeated dates, impossible dates and unknown keys', () => {
    expect(accepts({ holidays: ['2027-01-01'] })).toBe(false);
    expect(accepts({ holidays: ['2026-05-11'], shortened: ['2026-05-11'] })).toBe(false);
    expect(accepts({ holidays: ['2026-05-11', '2026-05-11'] })).toBe(false);
    expect(accepts({ holidays: ['2026-02-30'] })).toBe(false);
    expect(accepts({ holiday: ['2026-05-11'] })).toBe(false);
    expect(accepts({ holidays: ['2026-05-11'] })).toBe(true);
  });

  it('rejects a working weekend that is a weekday and a shortened day that is a plain weekend day', () => {
    expect(accepts({ workingWeekends: ['2026-11-02'] })).toBe(false); // a Monday
    expect(accepts({ shortened: ['2026-10-31'] })).toBe(false); // a Saturday that is off
    expect(accepts({ workingWeekends: ['2026-10-31'], holidays: ['2026-10-31'] })).toBe(false);
    expect(accepts({ workingWeekends: ['2026-10-31'] })).toBe(true);
    // A working Saturday before a holiday is shortened, as 1 Nov 2025 was.
    expect(accepts({ workingWeekends: ['2026-10-31'], shortened: ['2026-10-31'] })).toBe(true);
  });

  it('rejects working hours that cannot be shortened by an hour', () => {
    expect(accepts({ workday: { start: '18:00', end: '09:00' } })).toBe(false);
    expect(accepts({ workday: { start: '09:00', end: '10:00' } })).toBe(false);
    expect(accepts({ workday: { start: '9:00', end: '18:00' } })).toBe(false);
    expect(accepts({ workday: { start: '10:00', end: '19:00' } })).toBe(true);
  });
});

describe('WorkingCalendar', () => {
  it('knows 2026 days off, transfers and shortened days', () => {
    const { cal, beyond } = calendarWithBeyondLog([cal2026]);
    expect(cal.isWorkingDay('2026-01-09')).toBe(false); // moved from Saturday 3 January
    expect(cal.isWorkingDay('2026-01-10')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2026-01-12')).toBe(true);
    expect(cal.isWorkingDay('2026-03-09')).toBe(false); // 8 March is a Sunday
    expect(cal.isWorkingDay('2026-12-31')).toBe(false); // moved from Sunday 4 January
    expect(cal.workingHoursOf('2026-04-30')).toEqual({ start: '09:00', end: '17:00' });
    expect(cal.workingHoursOf('2026-04-29')).toEqual({ start: '09:00', end: '18:00' });
    expect(cal.workingHoursOf('2026-05-01')).toBeNull();
    expect(cal.lastYear()).toBe(2026);
    expect(beyond).toEqual([]);
  });

  it('counts weekends only in a year without a calendar and reports that year once', () => {
    const { cal, beyond } = calendarWithBeyondLog([cal2026]);
    expect(cal.isWorkingDay('2027-01-01')).toBe(true); // a Friday: without a decree we cannot know better
    expect(cal.isWorkingDay('2027-01-02')).toBe(false);
    expect(cal.workingHoursOf('2027-01-04')).toEqual({ start: '09:00', end: '18:00' });
    expect(beyond).toEqual([2027]);
  });

  it('uses the bundled provisional 2027 calendar: statutory holidays count, and the caller hears once that it is provisional', () => {
    const text = readFileSync(fileURLToPath(new URL('../../knowledge/base/calendars/2027.yaml', import.meta.url)), 'utf8');
    const cal2027 = calendarFromParsed((parse(text) as { calendar: unknown }).calendar);
    const provisional: [number, string][] = [];
    const beyond: number[] = [];
    const cal = new WorkingCalendar([cal2026, cal2027], {
      onBeyond: (year) => beyond.push(year),
      onProvisional: (year, missing) => provisional.push([year, missing]),
    });
    expect([cal.coverageOf(2026), cal.coverageOf(2027), cal.coverageOf(2028)]).toEqual(['final', 'provisional', 'missing']);
    // 4–8 January are holidays by the Labour Code; 1 May on a Saturday moves the day off to Monday 3 May.
    expect(['2027-01-04', '2027-01-08', '2027-05-03', '2027-06-14'].map((d) => cal.isWorkingDay(d))).toEqual([false, false, false, false]);
    expect(cal.isWorkingDay('2027-01-11')).toBe(true);
    expect(cal.workingHoursOf('2027-04-30')).toEqual({ start: '09:00', end: '17:00' });
    cal.isWorkingDay('2027-02-01');
    expect(provisional).toEqual([[2027, cal2027.provisional]]);
    expect(beyond).toEqual([]);
  });

  it('lets the caller override working hours, also for years beyond the calendars', () => {
    const cal = new WorkingCalendar([cal2026], { workday: { start: '10:00', end: '19:00' } });
    expect(cal.workingHoursOf('2026-04-30')).toEqual({ start: '10:00', end: '18:00' });
    expect(cal.workingHoursOf('2027-01-04')).toEqual({ start: '10:00', end: '19:00' });
    const ownHours = new WorkingCalendar([{ ...cal2026, workday: { start: '08:30', end: '17:30' } }]);
    expect(ownHours.workingHoursOf('2026-01-12')).toEqual({ start: '08:30', end: '17:30' });
    expect(ownHours.workingHoursOf('2027-01-04')).toEqual({ start: '08:30', end: '17:30' });
  });

  it('refuses two calendars for one year and an empty set has no last year', () => {
    expect(() => new WorkingCalendar([cal2026, cal2026])).toThrow(/2026/);
    expect(new WorkingCalendar([]).lastYear()).toBeUndefined();
  });
});

describe('addWorkingTime in hours', () => {
  const cal = new WorkingCalendar([cal2025, cal2026]);

  it('skips a weekend', () => {
    // Fri 13 Feb 15:00 MSK: 3 h until 18:00; 5 h left; Sat–Sun off; Mon 16 Feb 09:00 + 5 h = 14:00 MSK = 11:00Z.
    const due = addWorkingTime(new Date('2026-02-13T15:00:00+03:00'), { amount: 8, unit: 'h' }, cal, MOSCOW);
    expect(iso(due)).toBe('2026-02-16T11:00:00.000Z');
  });

  it('ends a shortened pre-holiday day an hour early', () => {
    // Thu 30 Apr 15:00 MSK, shortened day ends 17:00: 2 h used, 2 h left; 1–3 May off;
    // Mon 4 May 09:00 + 2 h = 11:00 MSK = 08:00Z.
    const due = addWorkingTime(new Date('2026-04-30T15:00:00+03:00'), { amount: 4, unit: 'h' }, cal, MOSCOW);
    expect(iso(due)).toBe('2026-05-04T08:00:00.000Z');
  });

  it('crosses the January holidays', () => {
    // Tue 30 Dec 2025 17:00 MSK: 1 h until 18:00; 31 Dec off (2025 calendar); 1–11 Jan 2026 off;
    // Mon 12 Jan 09:00 + 2 h = 11:00 MSK = 08:00Z.
    const due = addWorkingTime(new Date('2025-12-30T17:00:00+03:00'), { amount: 3, unit: 'h' }, cal, MOSCOW);
    expect(iso(due)).toBe('2026-01-12T08:00:00.000Z');
  });

  it('counts weekends only after 31 Dec 2026 and reports 2027', () => {
    const { cal: only2026, beyond } = calendarWithBeyondLog([cal2026]);
    // Wed 30 Dec 2026 16:00 MSK: 2 h until 18:00, 4 h left; Thu 31 Dec off; Fri 1 Jan 2027 has no
    // calendar, so it counts as a working day: 09:00 + 4 h = 13:00 MSK = 10:00Z.
    const due = addWorkingTime(new Date('2026-12-30T16:00:00+03:00'), { amount: 6, unit: 'h' }, only2026, MOSCOW);
    expect(iso(due)).toBe('2027-01-01T10:00:00.000Z');
    addWorkingTime(new Date('2027-03-01T10:00:00+03:00'), { amount: 20, unit: 'h' }, only2026, MOSCOW);
    expect(beyond).toEqual([2027]);
  });

  it('uses a Saturday made a working day by decree, shortened before the holidays', () => {
    // Fri 31 Oct 2025 16:00 MSK: 2 h until 18:00, 3 h left; Sat 1 Nov works 09:00–17:00: due 12:00 MSK = 09:00Z.
    expect(
      iso(addWorkingTime(new Date('2025-10-31T16:00:00+03:00'), { amount: 5, unit: 'h' }, cal, MOSCOW)),
    ).toBe('2025-11-01T09:00:00.000Z');
    // Sat 1 Nov 15:00 MSK: 2 h until 17:00, 2 h left; Sun 2, Mon 3, Tue 4 Nov off;
    // Wed 5 Nov 09:00 + 2 h = 11:00 MSK = 08:00Z.
    expect(
      iso(addWorkingTime(new Date('2025-11-01T15:00:00+03:00'), { amount: 4, unit: 'h' }, cal, MOSCOW)),
    ).toBe('2025-11-05T08:00:00.000Z');
  });

  it('starts counting at the next working-day start when it starts outside working hours', () => {
    // Mon 2 Feb 07:30 MSK: counting starts at 09:00, + 2 h = 11:00 MSK = 08:00Z.
    expect(
      iso(addWorkingTime(new Date('2026-02-02T07:30:00+03:00'), { amount: 2, unit: 'h' }, cal, MOSCOW)),
    ).toBe('2026-02-02T08:00:00.000Z');
    // Fri 6 Feb 19:00 MSK and Sat 7 Feb 12:00 MSK: counting starts Mon 9 Feb 09:00, + 1 h = 10:00 MSK = 07:00Z.
    expect(
      iso(addWorkingTime(new Date('2026-02-06T19:00:00+03:00'), { amount: 1, unit: 'h' }, cal, MOSCOW)),
    ).toBe('2026-02-09T07:00:00.000Z');
    expect(
      iso(addWorkingTime(new Date('2026-02-07T12:00:00+03:00'), { amount: 1, unit: 'h' }, cal, MOSCOW)),
    ).toBe('2026-02-09T07:00:00.000Z');
  });

  it('is due at the close of the day when the hours run out exactly then, and handles fractions', () => {
    // Mon 2 Feb 09:00 MSK + 9 h = 18:00 MSK = 15:00Z (not Tuesday 09:00).
    expect(
      iso(addWorkingTime(new Date('2026-02-02T09:00:00+03:00'), { amount: 9, unit: 'h' }, cal, MOSCOW)),
    ).toBe('2026-02-02T15:00:00.000Z');
    // Mon 2 Feb 17:00 MSK + 1.5 h: 1 h until 18:00, Tue 3 Feb 09:00 + 0.5 h = 09:30 MSK = 06:30Z.
    expect(
      iso(addWorkingTime(new Date('2026-02-02T17:00:00+03:00'), { amount: 1.5, unit: 'h' }, cal, MOSCOW)),
    ).toBe('2026-02-03T06:30:00.000Z');
  });

  it('works in the branch time zone, Asia/Yekaterinburg', () => {
    const start = new Date('2026-03-06T16:00:00+05:00'); // Fri 6 Mar, 16:00 in Yekaterinburg = 14:00 in Moscow
    // Yekaterinburg: 2 h until 18:00, 2 h left; Sat–Sun off; Mon 9 Mar off (8 March moved);
    // Tue 10 Mar 09:00 + 2 h = 11:00 YEKT = 06:00Z.
    expect(iso(addWorkingTime(start, { amount: 4, unit: 'h' }, cal, YEKATERINBURG))).toBe('2026-03-10T06:00:00.000Z');
    // The same instant on Moscow hours: 14:00 + 4 h = 18:00 MSK Friday = 15:00Z.
    expect(iso(addWorkingTime(start, { amount: 4, unit: 'h' }, cal, MOSCOW))).toBe('2026-03-06T15:00:00.000Z');
  });

  it('follows daylight-saving changes through luxon (Europe/Berlin, clocks forward on 29 Mar 2026)', () => {
    // Fri 27 Mar 16:00 CET (UTC+1): 2 h until 18:00, 2 h left; Mon 30 Mar 09:00 CEST (UTC+2) + 2 h = 11:00 CEST = 09:00Z.
    const start = new Date('2026-03-27T16:00:00+01:00');
    const due = addWorkingTime(start, { amount: 4, unit: 'h' }, cal, 'Europe/Berlin');
    expect(iso(due)).toBe('2026-03-30T09:00:00.000Z');
    expect(workingDurationBetween(start, due, cal, 'Europe/Berlin').hours).toBe(4);
  });

  it('refuses an unknown time zone, a negative amount and fractional days', () => {
    const start = new Date('2026-02-02T10:00:00+03:00');
    expect(() => addWorkingTime(start, { amount: 1, unit: 'h' }, cal, 'Mars/Olympus')).toThrow(RangeError);
    expect(() => addWorkingTime(start, { amount: -1, unit: 'h' }, cal, MOSCOW)).toThrow(RangeError);
    expect(() => addWorkingTime(start, { amount: 1.5, unit: 'd' }, cal, MOSCOW)).toThrow(RangeError);
  });
});

describe('addWorkingTime in days (complaint terms)', () => {
  const cal = new WorkingCalendar([cal2025, cal2026]);

  it('counts 15 working days from a registration on 30 Dec 2025 across the January holidays', () => {
    // Day 1 is the first working day after Tue 30 Dec: 31 Dec (2025 calendar) and 1–11 Jan are off, so
    // 12–16 Jan are days 1–5, 19–23 Jan days 6–10, 26–30 Jan days 11–15: due Fri 30 Jan 18:00 MSK = 15:00Z.
    const registered = new Date('2025-12-30T11:00:00+03:00');
    expect(iso(addWorkingTime(registered, { amount: 15, unit: 'd' }, cal, MOSCOW))).toBe('2026-01-30T15:00:00.000Z');
    // Without the 2025 calendar, 31 Dec 2025 is an ordinary Wednesday and counts as day 1: due Thu 29 Jan.
    const { cal: only2026, beyond } = calendarWithBeyondLog([cal2026]);
    expect(iso(addWorkingTime(registered, { amount: 15, unit: 'd' }, only2026, MOSCOW))).toBe(
      '2026-01-29T15:00:00.000Z',
    );
    expect(beyond).toEqual([2025]);
  });

  it('counts 15 working days from a Friday registration, then extends by 10', () => {
    // Registered Fri 20 Feb. Mon 23 Feb off: 24–27 Feb days 1–4, 2–6 Mar days 5–9, Mon 9 Mar off,
    // 10–13 Mar days 10–13, 16 Mar day 14, Tue 17 Mar day 15: due 18:00 MSK = 15:00Z.
    const due = addWorkingTime(new Date('2026-02-20T14:00:00+03:00'), { amount: 15, unit: 'd' }, cal, MOSCOW);
    expect(iso(due)).toBe('2026-03-17T15:00:00.000Z');
    // The hour of registration does not matter: the term starts the next day.
    expect(
      iso(addWorkingTime(new Date('2026-02-20T21:30:00+03:00'), { amount: 15, unit: 'd' }, cal, MOSCOW)),
    ).toBe('2026-03-17T15:00:00.000Z');
    // Extension by 10 from Tue 17 Mar: 18–20 Mar days 1–3, 23–27 Mar days 4–8, 30 Mar day 9, Tue 31 Mar day 10.
    expect(iso(addWorkingTime(due, { amount: 10, unit: 'd' }, cal, MOSCOW))).toBe('2026-03-31T15:00:00.000Z');
  });

  it('crosses the May holidays, then extends by 10', () => {
    // Registered Fri 17 Apr: 20–24 Apr days 1–5, 27–30 Apr days 6–9, 1–3 May off, 4–8 May days 10–14,
    // Mon 11 May off, Tue 12 May day 15: due 18:00 MSK = 15:00Z.
    const due = addWorkingTime(new Date('2026-04-17T10:00:00+03:00'), { amount: 15, unit: 'd' }, cal, MOSCOW);
    expect(iso(due)).toBe('2026-05-12T15:00:00.000Z');
    // + 10: 13–15 May days 1–3, 18–22 May days 4–8, 25–26 May days 9–10: Tue 26 May 18:00 MSK = 15:00Z.
    expect(iso(addWorkingTime(due, { amount: 10, unit: 'd' }, cal, MOSCOW))).toBe('2026-05-26T15:00:00.000Z');
  });

  it('ends a deadline that falls on a shortened day at its earlier close; 0d is the end of this working day', () => {
    // Wed 29 Apr + 1 working day = Thu 30 Apr, shortened: 17:00 MSK = 14:00Z.
    const start = new Date('2026-04-29T10:00:00+03:00');
    expect(iso(addWorkingTime(start, { amount: 1, unit: 'd' }, cal, MOSCOW))).toBe('2026-04-30T14:00:00.000Z');
    expect(iso(addWorkingTime(start, { amount: 0, unit: 'd' }, cal, MOSCOW))).toBe('2026-04-29T15:00:00.000Z');
    // After today's close, 0d is the end of the next working day.
    expect(
      iso(addWorkingTime(new Date('2026-04-29T19:00:00+03:00'), { amount: 0, unit: 'd' }, cal, MOSCOW)),
    ).toBe('2026-04-30T14:00:00.000Z');
  });

  it('counts a Saturday made a working day by decree as a working day', () => {
    // Fri 31 Oct 2025 + 1 working day = Sat 1 Nov (working, shortened): 17:00 MSK = 14:00Z;
    // + 2 working days skips 2–4 Nov: Wed 5 Nov 18:00 MSK = 15:00Z.
    const start = new Date('2025-10-31T12:00:00+03:00');
    expect(iso(addWorkingTime(start, { amount: 1, unit: 'd' }, cal, MOSCOW))).toBe('2025-11-01T14:00:00.000Z');
    expect(iso(addWorkingTime(start, { amount: 2, unit: 'd' }, cal, MOSCOW))).toBe('2025-11-05T15:00:00.000Z');
  });
});

describe('workingDurationBetween', () => {
  const cal = new WorkingCalendar([cal2025, cal2026]);

  it('counts only working hours over a weekend', () => {
    // Fri 13 Feb 15:00 → Mon 16 Feb 14:00 MSK: 3 h on Friday + 5 h on Monday.
    const hours = workingDurationBetween(
      new Date('2026-02-13T15:00:00+03:00'),
      new Date('2026-02-16T14:00:00+03:00'),
      cal,
      MOSCOW,
    ).hours;
    expect(hours).toBe(8);
  });

  it('counts a working Saturday and a shortened day', () => {
    // Fri 31 Oct 2025 17:00 → Wed 5 Nov 10:00 MSK: 1 h Friday + 8 h Saturday (09–17) + 1 h Wednesday.
    const hours = workingDurationBetween(
      new Date('2025-10-31T17:00:00+03:00'),
      new Date('2025-11-05T10:00:00+03:00'),
      cal,
      MOSCOW,
    ).hours;
    expect(hours).toBe(10);
  });

  it('is zero when the end is not after the start or falls in time off', () => {
    const a = new Date('2026-02-13T15:00:00+03:00');
    expect(workingDurationBetween(a, a, cal, MOSCOW).hours).toBe(0);
    expect(workingDurationBetween(a, new Date('2026-02-12T15:00:00+03:00'), cal, MOSCOW).hours).toBe(0);
    expect(
      workingDurationBetween(new Date('2026-02-14T08:00:00+03:00'), new Date('2026-02-15T20:00:00+03:00'), cal, MOSCOW)
        .hours,
    ).toBe(0);
  });

  it('undoes addWorkingTime for hours, from any start over the year', () => {
    // A fixed-seed generator keeps the test deterministic while covering holidays, weekends and odd hours.
    let seed = 20_260_101;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const yearStart = Date.parse('2025-10-01T00:00:00+03:00');
    const span = Date.parse('2026-12-20T00:00:00+03:00') - yearStart;
    for (let i = 0; i < 500; i++) {
      const start = new Date(yearStart + Math.floor(random() * span));
      const amount = Math.ceil(random() * 160) / 4; // 0.25 h … 40 h
      for (const zone of [MOSCOW, YEKATERINBURG]) {
        const due = addWorkingTime(start, { amount, unit: 'h' }, cal, zone);
        expect(due.getTime()).toBeGreaterThan(start.getTime());
        expect(workingDurationBetween(start, due, cal, zone).hours).toBeCloseTo(amount, 9);
      }
    }
  });
});

describe('parseWorkingDuration', () => {
  it('reads hours and whole days', () => {
    expect(parseWorkingDuration('4h')).toEqual({ amount: 4, unit: 'h' });
    expect(parseWorkingDuration('3d')).toEqual({ amount: 3, unit: 'd' });
    expect(parseWorkingDuration('1.5h')).toEqual({ amount: 1.5, unit: 'h' });
  });

  it('refuses anything else', () => {
    for (const text of ['1.5d', '4', 'h', '-1h', '4 h', '4H', '']) {
      expect(() => parseWorkingDuration(text)).toThrow(RangeError);
    }
  });
});

describe('localDateOf', () => {
  it('gives the local date across midnight and daylight-saving changes, as luxon does', () => {
    expect(localDateOf(new Date('2026-03-10T20:59:59.999Z'), MOSCOW)).toBe('2026-03-10');
    expect(localDateOf(new Date('2026-03-10T21:00:00Z'), MOSCOW)).toBe('2026-03-11');
    // New York springs forward at 07:00Z on 8 Mar 2026 (UTC-5 → UTC-4): local midnight moves from 05:00Z to 04:00Z.
    expect(localDateOf(new Date('2026-03-08T04:59:00Z'), 'America/New_York')).toBe('2026-03-07');
    expect(localDateOf(new Date('2026-03-09T03:59:00Z'), 'America/New_York')).toBe('2026-03-08');
    expect(localDateOf(new Date('2026-03-09T04:00:00Z'), 'America/New_York')).toBe('2026-03-09');
    // UTC+5:45 and Lord Howe's half-hour daylight saving.
    expect(localDateOf(new Date('2026-06-30T18:14:59Z'), 'Asia/Kathmandu')).toBe('2026-06-30');
    expect(localDateOf(new Date('2026-06-30T18:15:00Z'), 'Asia/Kathmandu')).toBe('2026-07-01');
    expect(localDateOf(new Date('2026-01-15T12:59:59Z'), 'Australia/Lord_Howe')).toBe('2026-01-15');
    expect(localDateOf(new Date('2026-01-15T13:00:00Z'), 'Australia/Lord_Howe')).toBe('2026-01-16');
  });

  it('refuses an unknown zone and an invalid date', () => {
    expect(() => localDateOf(new Date('2026-03-10T07:00:00Z'), 'Mars/Olympus')).toThrow(RangeError);
    expect(() => localDateOf(new Date('nonsense'), MOSCOW)).toThrow(RangeError);
  });
});

describe('working-day deadlines, remembered per day', () => {
  it('answers the same whether computed or remembered, for every start of the day', () => {
    const cal = new WorkingCalendar([cal2026]);
    const fresh = () => new WorkingCalendar([cal2026]);
    for (const start of ['2026-02-20T06:00:00Z', '2026-02-20T12:00:00Z', '2026-02-20T20:59:00Z', '2026-02-20T21:00:00Z']) {
      const at = new Date(start);
      expect(iso(addWorkingTime(at, { amount: 15, unit: 'd' }, cal, MOSCOW))).toBe(iso(addWorkingTime(at, { amount: 15, unit: 'd' }, fresh(), MOSCOW)));
    }
    // Fri 20 Feb (Moscow): 15 working days → Tue 17 Mar 18:00 MSK; from Sat 21 Feb (21:00Z on the 20th) as well.
    expect(iso(addWorkingTime(new Date('2026-02-20T12:00:00Z'), { amount: 15, unit: 'd' }, cal, MOSCOW))).toBe('2026-03-17T15:00:00.000Z');
    expect(iso(addWorkingTime(new Date('2026-02-20T21:00:00Z'), { amount: 15, unit: 'd' }, cal, MOSCOW))).toBe('2026-03-17T15:00:00.000Z');
  });
});
