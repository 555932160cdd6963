// Reporting periods: a month, a quarter or any run of days, each from midnight to midnight in the bank's
// time zone. Pure: the caller passes "now" and the zone.
import { DateTime } from 'luxon';
import type { Locale } from '../types';

export type PeriodKind = 'month' | 'quarter' | 'days';

/** `[start, end)`: start at local midnight of the first day, end at local midnight after the last day. */
export interface Period {
  kind: PeriodKind;
  start: Date;
  end: Date;
  /** `2026-10`, `2026-Q3` or `2026-09-01..2026-09-30`: stable, for file names and run keys. */
  key: string;
  zone: string;
}

const MONTHS_RU = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function localMidnight(date: string, zone: string): DateTime {
  const local = DateTime.fromISO(date, { zone });
  if (!local.isValid) throw new RangeError(`"${date}" is not a date in time zone "${zone}"`);
  return local.startOf('day');
}

function build(kind: PeriodKind, start: DateTime, end: DateTime, zone: string): Period {
  let key: string;
  if (kind === 'month') key = start.toFormat('yyyy-MM');
  else if (kind === 'quarter') key = `${start.year}-Q${start.quarter}`;
  else key = `${start.toISODate()}..${end.minus({ days: 1 }).toISODate()}`;
  return { kind, start: start.toJSDate(), end: end.toJSDate(), key, zone };
}

export function monthPeriod(year: number, month: number, zone: string): Period {
  const start = DateTime.fromObject({ year, month, day: 1 }, { zone });
  if (!start.isValid) throw new RangeError(`no month ${year}-${month} in time zone "${zone}"`);
  return build('month', start, start.plus({ months: 1 }), zone);
}

export function quarterPeriod(year: number, quarter: number, zone: string): Period {
  const start = DateTime.fromObject({ year, month: (quarter - 1) * 3 + 1, day: 1 }, { zone });
  if (!start.isValid || quarter < 1 || quarter > 4) throw new RangeError(`no quarter ${year}-Q${quarter}`);
  return build('quarter', start, start.plus({ months: 3 }), zone);
}

/** From the first to the last day, both included. */
export function daysPeriod(first: string, last: string, zone: string): Period {
  const start = localMidnight(first, zone);
  const end = localMidnight(last, zone).plus({ days: 1 });
  if (end <= start) throw new RangeError(`the period ends (${last}) before it starts (${first})`);
  return build('days', start, end, zone);
}

/** The month or quarter that contains `at`, or the whole month before it. */
export function periodContaining(kind: 'month' | 'quarter', at: Date, zone: string): Period {
  const local = DateTime.fromJSDate(at, { zone });
  return kind === 'month' ? monthPeriod(local.year, local.month, zone) : quarterPeriod(local.year, local.quarter, zone);
}

export function lastFullMonth(now: Date, zone: string): Period {
  return previousPeriod(periodContaining('month', now, zone));
}

/** The period of the same kind and length just before this one. */
export function previousPeriod(p: Period): Period {
  const start = DateTime.fromJSDate(p.start, { zone: p.zone });
  const end = DateTime.fromJSDate(p.end, { zone: p.zone });
  if (p.kind === 'month') return build('month', start.minus({ months: 1 }), start, p.zone);
  if (p.kind === 'quarter') return build('quarter', start.minus({ months: 3 }), start, p.zone);
  const days = Math.round(end.diff(start, 'days').days);
  return build('days', start.minus({ days }), start, p.zone);
}

/** `count` periods ending with `p`, oldest first. */
export function periodsEndingWith(p: Period, count: number): Period[] {
  const out = [p];
  while (out.length < count) out.unshift(previousPeriod(out[0]!));
  return out;
}

export class PeriodSyntaxError extends Error {}

/**
 * One period word: `2026-10`, `2026-Q3` (or `2026-К3`), `2026-09-01..2026-09-30`, `month`/`месяц` (this
 * month so far), `quarter`/`квартал`, `last-month`/`прошлый-месяц`, `last-quarter`/`прошлый-квартал`.
 * Returns undefined for a word that is not a period at all, throws for a period written wrongly.
 */
export function parsePeriod(word: string, now: Date, zone: string): Period | undefined {
  const w = word.trim().toLowerCase();
  if (w === 'month' || w === 'месяц') return periodContaining('month', now, zone);
  if (w === 'quarter' || w === 'квартал') return periodContaining('quarter', now, zone);
  if (w === 'last-month' || w === 'прошлый-месяц') return previousPeriod(periodContaining('month', now, zone));
  if (w === 'last-quarter' || w === 'прошлый-квартал') return previousPeriod(periodContaining('quarter', now, zone));
  let m = /^(\d{4})-(\d{1,2})$/.exec(w);
  if (m) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) throw new PeriodSyntaxError(`no month ${m[2]} in ${w}`);
    return monthPeriod(Number(m[1]), month, zone);
  }
  m = /^(\d{4})-(?:q|к|кв)([1-4])$/.exec(w);
  if (m) return quarterPeriod(Number(m[1]), Number(m[2]), zone);
  m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(w);
  if (m) {
    try {
      return daysPeriod(m[1]!, m[2]!, zone);
    } catch (error) {
      throw new PeriodSyntaxError((error as Error).message);
    }
  }
  if (/^\d{4}-/.test(w)) throw new PeriodSyntaxError(`"${word}" is not a period`);
  return undefined;
}

/** `октябрь 2026`, `3-й квартал 2026`, `01.09.2026–30.09.2026`. */
export function periodLabel(p: Period, locale: Locale): string {
  const start = DateTime.fromJSDate(p.start, { zone: p.zone });
  if (p.kind === 'month') return `${(locale === 'ru' ? MONTHS_RU : MONTHS_EN)[start.month - 1]} ${start.year}`;
  if (p.kind === 'quarter') return locale === 'ru' ? `${start.quarter}-й квартал ${start.year}` : `Q${start.quarter} ${start.year}`;
  const last = DateTime.fromJSDate(p.end, { zone: p.zone }).minus({ days: 1 });
  const fmt = locale === 'ru' ? 'dd.LL.yyyy' : 'd LLL yyyy';
  return `${start.toFormat(fmt, { locale })}–${last.toFormat(fmt, { locale })}`;
}

/** A short label for chart axes: `окт 2026`, `Q3 2026`, `01.09–30.09`. */
export function shortPeriodLabel(p: Period, locale: Locale): string {
  const start = DateTime.fromJSDate(p.start, { zone: p.zone });
  if (p.kind === 'month') return `${(locale === 'ru' ? MONTHS_RU : MONTHS_EN)[start.month - 1]!.slice(0, 3)} ${start.year}`;
  if (p.kind === 'quarter') return `${locale === 'ru' ? 'К' : 'Q'}${start.quarter} ${start.year}`;
  const last = DateTime.fromJSDate(p.end, { zone: p.zone }).minus({ days: 1 });
  return `${start.toFormat('dd.LL')}–${last.toFormat('dd.LL')}`;
}

/** Length of the period in days (a day is 24 hours here; DST shifts do not matter for a per-30-days rate). */
export function periodDays(start: Date, end: Date): number {
  return (end.getTime() - start.getTime()) / 86_400_000;
}
