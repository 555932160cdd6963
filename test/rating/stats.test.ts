import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workingCalendarOf } from '../../bot/core/issues/sla';
import { monthPeriod } from '../../bot/core/rating/period';
import { computeStats } from '../../bot/core/rating/stats';
import type { Stores } from '../../storage/stores';
import { removeTempDirs } from '../support/files';
import { DMITRY, NOW, seedRatingDataset } from './dataset';
import { loadRatingKb, MOSCOW, msk, openTestStores } from './seed';

const kb = loadRatingKb();
const ctx = { calendar: workingCalendarOf(kb), zone: MOSCOW, now: msk(NOW), minRatings: 5 };
const october = monthPeriod(2026, 10, MOSCOW);
let stores: Stores;

beforeAll(() => {
  stores = openTestStores().stores;
  seedRatingDataset(stores);
});
afterAll(() => {
  stores.db.close();
  removeTempDirs();
});

describe('statistics', () => {
  it('of a department: cards, October 2026', () => {
    const stats = computeStats(stores.ratingData, { kind: 'department', id: 'cards' }, october, ctx);
    expect(stats).toMatchObject({
      // Routed to cards in October: C1–C7 and L1.
      received: 8,
      // C1–C6.
      resolved: 6,
      // C3 resolved late + C7 and C8 past due and unresolved at the end of October.
      overdue: 3,
      // L1 to loans.
      handedOn: 1,
      answered: 10,
      answersRated: 8,
      helpfulShare: 75,
      // Two unanswered questions in October (the September one is not counted).
      unanswered: 2,
    });
    // Resolution hours 4 12 18 4 12 6 → 56 / 6.
    expect(stats.averageHandlingHours).toBeCloseTo(56 / 6, 9);
  });

  it('of a person: Dmitry, October 2026', () => {
    const stats = computeStats(stores.ratingData, { kind: 'person', id: DMITRY }, october, ctx);
    expect(stats).toMatchObject({
      // Took C1 and C2, was assigned C3 and C7.
      received: 4,
      // Resolved C1, C2 and C3 himself.
      resolved: 3,
      // C3 late + C7 (his, past due, unresolved).
      overdue: 2,
      // Handed L1 on to loans.
      handedOn: 1,
      // Three answers served to him: one helpful, one not, one unrated.
      answered: 3,
      answersRated: 2,
      helpfulShare: 50,
      unanswered: 1,
    });
    // (4 + 12 + 18) / 3.
    expect(stats.averageHandlingHours).toBeCloseTo(34 / 3, 9);
  });

  it('of a department with nothing in the period: zeros, and no average to show', () => {
    const stats = computeStats(stores.ratingData, { kind: 'department', id: 'loans' }, monthPeriod(2026, 8, MOSCOW), ctx);
    expect(stats).toMatchObject({ received: 0, resolved: 0, overdue: 0, handedOn: 0, answered: 0, unanswered: 0 });
    expect(stats.averageHandlingHours).toBeUndefined();
    expect(stats.helpfulShare).toBeUndefined();
  });
});
