import { afterAll, describe, expect, it } from 'vitest';
import { workingCalendarOf } from '../../bot/core/issues/sla';
import {
  lastFullMonth,
  monthPeriod,
  PeriodSyntaxError,
  parsePeriod,
  periodLabel,
  periodsEndingWith,
  previousPeriod,
} from '../../bot/core/rating/period';
import { computeStats } from '../../bot/core/rating/stats';
import { removeTempDirs } from '../support/files';
import { loadRatingKb, MOSCOW, msk, openTestStores, seedAnswer, seedIssue } from './seed';

afterAll(removeTempDirs);

const NOW = new Date('2026-11-26T09:00:00Z');

describe('periods', () => {
  it('a month runs from midnight Moscow time (UTC+3) to the next month’s midnight', () => {
    const p = parsePeriod('2026-10', NOW, MOSCOW)!;
    expect(p.start.toISOString()).toBe('2026-09-30T21:00:00.000Z');
    expect(p.end.toISOString()).toBe('2026-10-31T21:00:00.000Z');
    expect(p.key).toBe('2026-10');
    expect(periodLabel(p, 'ru')).toBe('октябрь 2026');
    expect(periodLabel(p, 'en')).toBe('October 2026');
  });

  it('the same month in another zone has other boundaries', () => {
    const p = parsePeriod('2026-10', NOW, 'Asia/Yekaterinburg')!;
    expect(p.start.toISOString()).toBe('2026-09-30T19:00:00.000Z');
  });

  it('quarters, date ranges (both days included) and words', () => {
    const q = parsePeriod('2026-Q3', NOW, MOSCOW)!;
    expect([q.start.toISOString(), q.end.toISOString(), q.key]).toEqual(['2026-06-30T21:00:00.000Z', '2026-09-30T21:00:00.000Z', '2026-Q3']);
    expect(parsePeriod('2026-к3', NOW, MOSCOW)!.key).toBe('2026-Q3');
    expect(periodLabel(q, 'ru')).toBe('3-й квартал 2026');
    const range = parsePeriod('2026-09-01..2026-09-30', NOW, MOSCOW)!;
    expect([range.start.toISOString(), range.end.toISOString()]).toEqual(['2026-08-31T21:00:00.000Z', '2026-09-30T21:00:00.000Z']);
    expect(periodLabel(range, 'ru')).toBe('01.09.2026–30.09.2026');
    expect(parsePeriod('месяц', NOW, MOSCOW)!.key).toBe('2026-11');
    expect(parsePeriod('quarter', NOW, MOSCOW)!.key).toBe('2026-Q4');
    expect(parsePeriod('прошлый-месяц', NOW, MOSCOW)!.key).toBe('2026-10');
    expect(lastFullMonth(NOW, MOSCOW).key).toBe('2026-10');
    expect(parsePeriod('cards', NOW, MOSCOW)).toBeUndefined();
    expect(() => parsePeriod('2026-13', NOW, MOSCOW)).toThrow(PeriodSyntaxError);
    expect(() => parsePeriod('2026-09-30..2026-09-01', NOW, MOSCOW)).toThrow(PeriodSyntaxError);
  });

  it('the previous period has the same kind and length', () => {
    expect(previousPeriod(monthPeriod(2026, 1, MOSCOW)).key).toBe('2025-12');
    expect(previousPeriod(parsePeriod('2026-Q1', NOW, MOSCOW)!).key).toBe('2025-Q4');
    // 10 days back from a 10-day range.
    expect(previousPeriod(parsePeriod('2026-09-11..2026-09-20', NOW, MOSCOW)!).key).toBe('2026-09-01..2026-09-10');
    expect(periodsEndingWith(monthPeriod(2026, 2, MOSCOW), 3).map((p) => p.key)).toEqual(['2025-12', '2026-01', '2026-02']);
  });
});

describe('period boundaries in the figures', () => {
  it('a resolution at 23:59:59 on 31 October Moscow time is October’s; one at 00:00 on 1 November is November’s', () => {
    const kb = loadRatingKb();
    const { stores } = openTestStores();
    // 23:59:59 MSK on 31 Oct is 20:59:59 UTC, still 31 October in UTC too; 00:00 MSK on 1 Nov is
    // 21:00 UTC on 31 October — a UTC month would wrongly call it October's.
    seedIssue(stores, { category: 'loan_application', routedTo: 'loans', created: '2026-10-30 10:00', resolved: '2026-10-31 23:59:59', due: '2026-11-10 18:00', resolvedBy: 'igor@bank.test' });
    seedIssue(stores, { category: 'loan_application', routedTo: 'loans', created: '2026-10-30 11:00', resolved: '2026-11-01 00:00', due: '2026-11-10 18:00', resolvedBy: 'igor@bank.test' });
    seedAnswer(stores, '2026-10-01 00:00', 'loans', true);
    seedAnswer(stores, '2026-09-30 23:59:59', 'loans', true);
    expect(msk('2026-11-01 00:00').toISOString()).toBe('2026-10-31T21:00:00.000Z');
    const ctx = { calendar: workingCalendarOf(kb), zone: MOSCOW, now: NOW, minRatings: 5 };
    const loans = { kind: 'department' as const, id: 'loans' };
    const october = computeStats(stores.ratingData, loans, monthPeriod(2026, 10, MOSCOW), ctx);
    const november = computeStats(stores.ratingData, loans, monthPeriod(2026, 11, MOSCOW), ctx);
    expect([october.resolved, november.resolved]).toEqual([1, 1]);
    // Both were logged on 30 October.
    expect([october.received, november.received]).toEqual([2, 0]);
    // The answer at 00:00 on 1 October is October's; the one a second before is September's.
    expect(october.answered).toBe(1);
    stores.db.close();
  });
});
