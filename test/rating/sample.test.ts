import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCsi } from '../../bot/core/rating/csiReport';
import { monthPeriod } from '../../bot/core/rating/period';
import { buildRating } from '../../bot/core/rating/ratingReport';
import { seedSampleData } from '../../bot/core/rating/sample/sampleData';
import { ROOT, removeTempDirs, tempDir } from '../support/files';
import { loadRatingKb, MOSCOW, msk, openTestStores } from './seed';

afterAll(removeTempDirs);

describe('the sample bank behind the README pictures', () => {
  it('rates every department of the bundled bank and has enough ratings for the index', () => {
    const kb = loadRatingKb(join(ROOT, 'knowledge/base'));
    const { stores } = openTestStores();
    const now = msk('2026-11-26 12:00');
    const made = seedSampleData(kb, stores, { months: ['2026-09', '2026-10'], zone: MOSCOW, now });
    expect(made).toBeGreaterThan(200);
    const rc = { kb, source: stores.ratingData, zone: MOSCOW, now, dataFolder: tempDir() };
    const rating = buildRating(rc, monthPeriod(2026, 10, MOSCOW));
    // Eight departments that take issues; the committee is never rated.
    expect(rating.rows).toHaveLength(8);
    expect(rating.rows.every((r) => r.change !== undefined)).toBe(true);
    const csi = buildCsi(rc, monthPeriod(2026, 10, MOSCOW), 'department');
    expect(csi.overall.at(-1)!.enough).toBe(true);
    stores.db.close();
  });
});
