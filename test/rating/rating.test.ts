import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workingCalendarOf } from '../../bot/core/issues/sla';
import { figuresByDepartment } from '../../bot/core/rating/figures';
import { monthPeriod } from '../../bot/core/rating/period';
import { computeRating, type RatingContext, rankDepartments } from '../../bot/core/rating/rating';
import { normalise, scoreOf } from '../../bot/core/rating/score';
import { ratingSettingsOf } from '../../bot/core/rating/settings';
import type { Stores } from '../../storage/stores';
import { removeTempDirs } from '../support/files';
import { NOW, seedRatingDataset } from './dataset';
import { loadRatingKb, MOSCOW, msk, openTestStores } from './seed';

const kb = loadRatingKb();
const settings = ratingSettingsOf(kb);
let stores: Stores;

const ctx = (now = msk(NOW)): RatingContext => ({
  kb,
  settings,
  calendar: workingCalendarOf(kb),
  zone: MOSCOW,
  now,
  minRatings: settings.csi.minRatings,
});

const october = monthPeriod(2026, 10, MOSCOW);
const september = monthPeriod(2026, 9, MOSCOW);

beforeAll(() => {
  stores = openTestStores().stores;
  seedRatingDataset(stores);
});
afterAll(() => {
  stores.db.close();
  removeTempDirs();
});

function octoberFigures() {
  const facts = stores.ratingData.load(september.start, october.end);
  return figuresByDepartment(facts, october, ['cards', 'deposits', 'loans'], kb.entries, ctx());
}

describe('indicators of one department (cards, October 2026)', () => {
  it('counts resolved, on time and overdue issues: SLA share 5 of 8 = 62.5 %', () => {
    const cards = octoberFigures().get('cards')!;
    // Resolved in October: C1–C6 (6). Overdue and unresolved at the end of October: C7 (due 28 Oct) and
    // C8 (due 2 Oct, resolved 3 Nov) = 2. On time: all resolved but C3 = 5. 5 / (6 + 2) = 62.5 %.
    expect(cards.resolved).toBe(6);
    expect(cards.overdueOpen).toBe(2);
    expect(cards.issues).toBe(8);
    expect(cards.resolvedOnTime).toBe(5);
    expect(cards.values.slaShare).toBeCloseTo(62.5, 9);
  });

  it('takes the median of working hours to first response (2.5 h) and to resolution (9 h)', () => {
    const cards = octoberFigures().get('cards')!;
    // First response: C1 1, C2 3, C3 3, C4 0.5, C5 2 (over the weekend), C6 6 (none recorded: the
    // resolution answers) → sorted 0.5 1 2 3 3 6 → median (2 + 3) / 2 = 2.5.
    expect([...cards.firstResponseHours].sort((a, b) => a - b)).toEqual([0.5, 1, 2, 3, 3, 6]);
    expect(cards.values.firstResponseHours).toBeCloseTo(2.5, 9);
    // Resolution: C1 4, C2 12, C3 18, C4 4, C5 18 − 6 paused = 12, C6 6 → 4 4 6 12 12 18 → (6 + 12) / 2 = 9.
    expect([...cards.resolutionHours].sort((a, b) => a - b)).toEqual([4, 4, 6, 12, 12, 18]);
    expect(cards.values.resolutionHours).toBeCloseTo(9, 9);
  });

  it('counts handoffs against issues received: 1 of 8 = 12.5 %; the receiving department counts one received', () => {
    const figures = octoberFigures();
    const cards = figures.get('cards')!;
    // Routed to cards when logged in October: C1–C7 and L1 = 8 (C8 was logged in September).
    expect(cards.received).toBe(8);
    expect(cards.handedOn).toBe(1);
    expect(cards.values.handoffShare).toBeCloseTo(12.5, 9);
    expect(figures.get('loans')!.received).toBe(1);
    expect(figures.get('loans')!.values.handoffShare).toBe(0);
  });

  it('reopened share 1 of 6 = 16.67 %; satisfaction index of 5, 4, 2, 5, 3 = 70', () => {
    const cards = octoberFigures().get('cards')!;
    expect(cards.reopened).toBe(1);
    expect(cards.values.reopenedShare).toBeCloseTo(100 / 6, 9);
    // Mean 19 / 5 = 3.8 → (3.8 − 1) / 4 × 100 = 70.
    expect(cards.ratings.sort()).toEqual([2, 3, 4, 5, 5]);
    expect(cards.values.satisfaction).toBeCloseTo(70, 9);
  });

  it('knowledge within review date at the end of October: 3 of 4 = 75 % (one was due 15 Oct); answers 6 of 8 helpful', () => {
    const cards = octoberFigures().get('cards')!;
    expect(cards.knowledgeEntries).toBe(4);
    expect(cards.knowledgeFresh).toBe(3);
    expect(cards.values.knowledgeFresh).toBeCloseTo(75, 9);
    // 10 answers served in October (the one at 00:00 on 1 November belongs to November), 8 rated, 6 helpful.
    expect(cards.answersServed).toBe(10);
    expect(cards.answersRated).toBe(8);
    expect(cards.values.answersHelpful).toBeCloseTo(75, 9);
    // Per 30 days: 10 × 30 / 31.
    expect(cards.values.answersServed).toBeCloseTo(300 / 31, 9);
  });

  it('leaves out what could not be measured: deposits has three ratings (fewer than 5) and no answers', () => {
    const deposits = octoberFigures().get('deposits')!;
    expect(deposits.ratings).toHaveLength(3);
    expect(deposits.values.satisfaction).toBeUndefined();
    expect(deposits.values.answersHelpful).toBeUndefined();
    expect(deposits.values.slaShare).toBe(100);
    // First response 0.5 1 1 2 1 → median 1; resolution 2 4 6 8 4 → median 4.
    expect(deposits.values.firstResponseHours).toBe(1);
    expect(deposits.values.resolutionHours).toBe(4);
    expect(deposits.values.knowledgeFresh).toBe(100);
  });

  it('knowledge freshness is judged at the end of each period: all four cards entries were fresh at the end of September', () => {
    const facts = stores.ratingData.load(september.start, september.end);
    const cards = figuresByDepartment(facts, september, ['cards'], kb.entries, ctx()).get('cards')!;
    expect(cards.values.knowledgeFresh).toBe(100);
  });
});

describe('normalisation and weighting', () => {
  it('places a value linearly between worst (0) and best (100), clamped, in either direction', () => {
    expect(normalise(62.5, { worst: 50, best: 100 })).toBeCloseTo(25, 9);
    expect(normalise(2.5, { worst: 8, best: 0 })).toBeCloseTo(68.75, 9);
    expect(normalise(120, { worst: 50, best: 100 })).toBe(100);
    expect(normalise(10, { worst: 8, best: 0 })).toBe(0);
  });

  it('weighs cards October to 57.79 and names the SLA share as what cost most', () => {
    const cards = octoberFigures().get('cards')!;
    const score = scoreOf(cards.values, settings);
    // Scores: SLA (62.5 − 50) / 50 = 25; first response (8 − 2.5) / 8 = 68.75; resolution (40 − 9) / 40 = 77.5;
    // handoffs (50 − 12.5) / 50 = 75; reopened (50 − 16.67) / 50 = 66.67; satisfaction 70; knowledge 75;
    // helpful 75; answers served weighs 0. Weights 30 10 10 10 10 20 5 5 (sum 100):
    // (750 + 687.5 + 775 + 750 + 666.67 + 1400 + 375 + 375) / 100 = 57.7917.
    expect(score.total).toBeCloseTo(57.791667, 5);
    // Points lost: SLA 0.30 × 75 = 22.5 (the most), satisfaction 0.20 × 30 = 6, reopened 0.10 × 33.3 = 3.33 …
    expect(score.costliest).toBe('slaShare');
    expect(score.indicators.find((i) => i.id === 'slaShare')!.lost).toBeCloseTo(22.5, 9);
    expect(score.indicators.reduce((sum, i) => sum + i.lost, 0)).toBeCloseTo(100 - score.total!, 9);
    expect(score.indicators.map((i) => i.id)).not.toContain('answersServed');
  });

  it('scales the other weights up when an indicator has no data: deposits October = 97.0', () => {
    const deposits = octoberFigures().get('deposits')!;
    const score = scoreOf(deposits.values, settings);
    // Without satisfaction (20) and helpful answers (5) the weights sum to 75:
    // (30 × 100 + 10 × 87.5 + 10 × 90 + 10 × 100 + 10 × 100 + 5 × 100) / 75 = 7275 / 75 = 97.
    expect(score.total).toBeCloseTo(97, 9);
    // First response (10/75 × 12.5 = 1.67) cost more than resolution (10/75 × 10 = 1.33).
    expect(score.costliest).toBe('firstResponseHours');
    expect(score.indicators.find((i) => i.id === 'slaShare')!.share).toBeCloseTo(30 / 75, 9);
  });
});

describe('the rating', () => {
  it('ranks October: deposits 1st (97.0), cards 2nd (57.8); loans has 1 issue, fewer than 5: not rated', () => {
    const rating = computeRating(stores.ratingData, october, ctx());
    expect(rating.rows.map((r) => [r.department, r.rank])).toEqual([
      ['deposits', 1],
      ['cards', 2],
    ]);
    expect(rating.rows[0]!.score).toBeCloseTo(97, 9);
    expect(rating.rows[1]!.score).toBeCloseTo(57.791667, 5);
    expect(rating.notRated.map((r) => [r.department, r.figures.issues])).toEqual([['loans', 1]]);
    // The committee is never rated.
    expect([...rating.rows, ...rating.notRated].map((r) => r.department)).not.toContain('committee');
  });

  it('compares with September: cards 97.0 → 57.8 (−39.2, 1st → 2nd), deposits 81.0 → 97.0 (+16.0, 2nd → 1st)', () => {
    // September, cards: five issues on time, first response 1 h, resolution 4 h, nothing handed on or
    // reopened, no ratings, no answers, all entries fresh → (3000 + 875 + 900 + 1000 + 1000 + 500) / 75 = 97.
    // Deposits: the same but one of five late: SLA 80 % → 60 points → (1800 + 4275) / 75 = 81.
    const before = rankDepartments(stores.ratingData.load(september.start, september.end), september, ctx());
    expect(before.filter((r) => r.rated).map((r) => [r.department, r.rank, Number(r.score!.toFixed(4))])).toEqual([
      ['cards', 1, 97],
      ['deposits', 2, 81],
    ]);
    const rating = computeRating(stores.ratingData, october, ctx());
    const cards = rating.rows.find((r) => r.department === 'cards')!;
    const deposits = rating.rows.find((r) => r.department === 'deposits')!;
    expect(cards.previousScore).toBeCloseTo(97, 9);
    expect(cards.change).toBeCloseTo(57.791667 - 97, 5);
    expect(cards.previousRank).toBe(1);
    expect(cards.rankChange).toBe(-1);
    expect(deposits.change).toBeCloseTo(16, 9);
    expect(deposits.rankChange).toBe(1);
    expect(rating.previous.key).toBe('2026-09');
  });

  it('applies the minimum number of issues from the settings', () => {
    // Cards has 8 issues in October: with a minimum of 9 it drops out, with 1 loans comes in.
    const strict = rankDepartments(stores.ratingData.load(october.start, october.end), october, { ...ctx(), settings: { ...settings, minIssues: 9 } });
    expect(strict.filter((r) => r.rated).map((r) => r.department)).toEqual([]);
    const lenient = rankDepartments(stores.ratingData.load(october.start, october.end), october, { ...ctx(), settings: { ...settings, minIssues: 1 } });
    expect(lenient.filter((r) => r.rated).map((r) => r.department)).toEqual(['cards', 'deposits', 'loans']);
  });

  it('gives equal scores one rank', () => {
    const facts = stores.ratingData.load(october.start, october.end);
    const onlySla = { ...settings, indicators: { slaShare: { weight: 1, worst: 0, best: 50 } } };
    const tied = rankDepartments(facts, october, { ...ctx(), settings: onlySla });
    // Only the SLA share weighs, and 50 % is already "best": cards 62.5 % and deposits 100 % both score 100.
    expect(tied.filter((r) => r.rated).map((r) => [r.department, r.score, r.rank])).toEqual([
      ['cards', 100, 1],
      ['deposits', 100, 1],
    ]);
  });
});
