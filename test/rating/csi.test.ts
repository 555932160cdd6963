import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportContext } from '../../bot/core/rating/context';
import { cellOf, computeCsi, productCategoryOf } from '../../bot/core/rating/csi';
import { cellText, conclusionText, csiReply } from '../../bot/core/rating/csiReport';
import { monthPeriod } from '../../bot/core/rating/period';
import { ratingSettingsOf } from '../../bot/core/rating/settings';
import type { Stores } from '../../storage/stores';
import { removeTempDirs, tempDir } from '../support/files';
import { loadRatingKb, MOSCOW, msk, openTestStores, seedIssue } from './seed';

const kb = loadRatingKb();
const settings = ratingSettingsOf(kb);
const now = msk('2026-11-26 12:00');
const october = monthPeriod(2026, 10, MOSCOW);
let stores: Stores;

/** One resolved, rated issue per rating; the day only has to fall in the month. */
function rated(department: string, category: string, month: string, ratings: number[], branch?: string): void {
  ratings.forEach((satisfaction, i) => {
    const day = String(i + 1).padStart(2, '0');
    seedIssue(stores, {
      category,
      routedTo: department,
      created: `2026-${month}-${day} 09:00`,
      firstResponse: `2026-${month}-${day} 10:00`,
      resolved: `2026-${month}-${day} 12:00`,
      due: `2026-${month}-${day} 18:00`,
      satisfaction,
      branch,
    });
  });
}

beforeAll(() => {
  stores = openTestStores().stores;
  // Cards: August 5 5 5 5 5 → 100. September card_blocked 5 5 4, card_limits 5 4 → mean 4.6 → 90.
  // October card_blocked 2 2 3, card_limits 5 4 → mean 3.2 → 55.
  rated('cards', 'card_blocked', '08', [5, 5, 5, 5, 5], 'Екатеринбург');
  rated('cards', 'card_blocked', '09', [5, 5, 4], 'Екатеринбург');
  rated('cards', 'card_limits', '09', [5, 4]);
  rated('cards', 'card_blocked', '10', [2, 2, 3], 'Екатеринбург');
  rated('cards', 'card_limits', '10', [5, 4], '  екатеринбург ');
  // Deposits: no ratings in August. September 3 3 3 3 3 → 50. October deposit_open 4 4 4, deposit_close
  // 5 5 → mean 4.4 → 85.
  rated('deposits', 'deposit_open', '09', [3, 3, 3, 3, 3]);
  rated('deposits', 'deposit_open', '10', [4, 4, 4]);
  rated('deposits', 'deposit_close', '10', [5, 5]);
  // Loans: September 5 5 5 5 5 → 100; October only 4 5: too few to show or to conclude anything from.
  rated('loans', 'loan_application', '09', [5, 5, 5, 5, 5]);
  rated('loans', 'loan_application', '10', [4, 5]);
  // An issue resolved without a rating does not count.
  seedIssue(stores, { category: 'card_blocked', routedTo: 'cards', created: '2026-10-20 09:00', resolved: '2026-10-20 12:00', due: '2026-10-20 18:00' });
});
afterAll(() => {
  stores.db.close();
  removeTempDirs();
});

const csi = (dimension: 'department' | 'branch' | 'category') => computeCsi(stores.ratingData, october, dimension, { kb, settings, now });

describe('the client satisfaction index', () => {
  it('is the mean rating placed on 0–100, with a 95 % interval, and says "too few" below the minimum', () => {
    // 2 2 3 5 4: mean 3.2 → (3.2 − 1) / 4 × 100 = 55. Sample variance: deviations −1.2 −1.2 −0.2 1.8 0.8,
    // squares 1.44 1.44 0.04 3.24 0.64 = 6.8, / 4 = 1.7; sd 1.3038; / √5 = 0.5831; × 1.96 × 25 = 28.57.
    const cell = cellOf([2, 2, 3, 5, 4], 5);
    expect(cell.index).toBeCloseTo(55, 9);
    expect(cell.margin).toBeCloseTo(28.5714, 3);
    expect(cell.enough).toBe(true);
    expect(cellText(cell, 'ru')).toBe('55,0 ± 28,6 (5 оценок)');
    const few = cellOf([4, 5], 5);
    expect(few.enough).toBe(false);
    expect(cellText(few, 'ru')).toBe('мало оценок (2)');
    expect(cellText(few, 'en')).toBe('too few ratings (2)');
    expect(cellText(cellOf([], 5), 'ru')).toBe('нет оценок');
  });

  it('by department over the last three months, the whole bank too', () => {
    const report = csi('department');
    expect(report.periods.map((p) => p.key)).toEqual(['2026-08', '2026-09', '2026-10']);
    const byKey = Object.fromEntries(report.groups.map((g) => [g.key, g.cells.map((c) => (c.enough ? Number(c.index!.toFixed(4)) : `few:${c.ratings}`))]));
    expect(byKey).toEqual({
      cards: [100, 90, 55],
      deposits: ['few:0', 50, 85],
      loans: ['few:0', 100, 'few:2'],
    });
    // Whole bank, October: 16 + 22 + 9 = 47 over 12 ratings → mean 3.9167 → 72.9167.
    // September: 23 + 15 + 25 = 63 over 15 → 4.2 → 80. August: 5 × 5 → 100.
    expect(report.overall.map((c) => Number(c.index!.toFixed(4)))).toEqual([100, 80, 72.9167]);
    expect(report.overall.map((c) => c.ratings)).toEqual([5, 15, 12]);
  });

  it('concludes: the largest fall and rise with the issue categories behind them', () => {
    const report = csi('department');
    // Cards fell 90 → 55 (−35). Its October index is the ratings-weighted mean of its categories:
    // card_blocked 2 2 3 (index 33.33) and card_limits 5 4 (87.5). Against September's 90:
    // card_blocked 3/5 × (33.33 − 90) = −34.0, card_limits 2/5 × (87.5 − 90) = −1.0; together −35.
    // Deposits rose 50 → 85 (+35): deposit_close 2/5 × (100 − 50) = +20, deposit_open 3/5 × (75 − 50) = +15.
    // Loans: too few ratings in October, so no conclusion.
    expect(
      report.conclusions.map((c) => ({
        key: c.key,
        direction: c.direction,
        change: Number(c.change.toFixed(4)),
        drivers: c.drivers.map((d) => [d.category, Number(d.impact.toFixed(4))]),
      })),
    ).toEqual([
      { key: 'cards', direction: 'fall', change: -35, drivers: [['card_blocked', -34], ['card_limits', -1]] },
      { key: 'deposits', direction: 'rise', change: 35, drivers: [['deposit_close', 20], ['deposit_open', 15]] },
    ]);
    expect(conclusionText(report.conclusions[0]!, 'ru')).toBe(
      'Отдел карт: индекс упал на 35,0 п. (90,0 → 55,0); больше всего повлияли: Блокировка карты (−34,0 п., 3 оценки), Лимиты по карте (−1,0 п., 2 оценки).',
    );
    expect(conclusionText(report.conclusions[1]!, 'en')).toBe(
      'Deposits: the index rose by 35.0 points (50.0 → 85.0); mostly: Closing a deposit (+20.0 pts, 2 ratings), Opening a deposit (+15.0 pts, 3 ratings).',
    );
  });

  it('by product category: issue categories mapped in rating.yaml, the rest under "Other"', () => {
    expect(productCategoryOf(settings, 'card_limits')).toBe('cards');
    expect(productCategoryOf(settings, 'loan_application')).toBe('other');
    const report = csi('category');
    const october = Object.fromEntries(report.groups.map((g) => [g.label.ru, g.cells[2]!.ratings]));
    expect(october).toEqual({ Карты: 5, Вклады: 5, Прочее: 2 });
  });

  it('by branch: one branch written two ways is one branch; issues without one are grouped apart', () => {
    const report = csi('branch');
    const rows = Object.fromEntries(report.groups.map((g) => [g.label.ru, g.cells.map((c) => c.ratings)]));
    // Cards' October ratings all came from Yekaterinburg ("Екатеринбург" and "  екатеринбург ").
    expect(rows).toEqual({ Екатеринбург: [5, 3, 5], 'Офис не указан': [0, 12, 7] });
  });

  it('replies in Russian with every group, its dynamics, the conclusions and a line chart', () => {
    const rc: ReportContext = { kb, source: stores.ratingData, zone: MOSCOW, now, dataFolder: tempDir('clientdesk-csi-out-') };
    const reply = csiReply(csi('department'), rc, 'ru', { csv: true });
    const text = reply.blocks.map((b) => (b.type === 'text' ? b.markdown : b.type === 'heading' ? b.text : '')).join('\n');
    expect(text).toContain('Индекс удовлетворённости клиентов — октябрь 2026, по подразделениям');
    expect(text).toContain('По банку: 72,9');
    expect(text).toContain('Кредитный отдел* — мало оценок (2)');
    expect(text).toContain('авг 2026: 100 · сен 2026: 90 · окт 2026: 55');
    expect(text).toContain('Отдел карт: индекс упал на 35,0 п.');
    const image = reply.blocks.find((b) => b.type === 'image');
    expect(image).toMatchObject({ type: 'image', path: expect.stringMatching(/charts\/csi-department-2026-10\.png$/) });
    expect(text).toMatch(/exports\/csi-department-2026-10\.csv/);
    expect(text).toMatch(/exports\/csi-department-2026-10-conclusions\.csv/);
  });
});
