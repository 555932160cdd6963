import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CoreSettings } from '../../bot/core/command';
import { silentLogger } from '../../bot/core/logger';
import { MONTHLY_REPORT_JOB, monthlyReportJob } from '../../bot/core/rating/reportJob';
import { Scheduler } from '../../bot/core/scheduler/scheduler';
import type { Block, Reply } from '../../bot/core/types';
import { openDatabase } from '../../storage/database';
import type { OutboxItem } from '../../storage/outbox';
import { openStores, type Stores } from '../../storage/stores';
import { removeTempDirs, tempDir } from '../support/files';
import { seedRatingDataset } from './dataset';
import { loadRatingKb, MOSCOW, msk } from './seed';

afterAll(removeTempDirs);

const kb = loadRatingKb();
const SETTINGS: CoreSettings = { timezone: MOSCOW, secret: 'test', platforms: ['console', 'slack'] };

/** One process of the bot: its own connection to the same SQLite file and its own scheduler. */
function boot(file: string): { stores: Stores; scheduler: Scheduler; stop(): void } {
  const stores = openStores(openDatabase(file));
  const scheduler = new Scheduler({ knowledge: () => kb, stores, log: silentLogger, settings: SETTINGS }, [monthlyReportJob]);
  return { stores, scheduler, stop: () => stores.db.close() };
}

function committeeMessages(stores: Stores): OutboxItem[] {
  return [...stores.outbox.latest('console', 100), ...stores.outbox.latest('slack', 100)].filter((m) => m.target.kind === 'committee');
}

const textOf = (reply: Reply) => reply.blocks.map((b: Block) => (b.type === 'text' ? b.markdown : b.type === 'heading' ? b.text : '')).join('\n');

describe('the committee’s monthly report', () => {
  it('is posted once on the first working day of the month, across a restart', () => {
    const file = join(tempDir('clientdesk-report-'), 'clientdesk.db');
    let bot = boot(file);
    seedRatingDataset(bot.stores);

    // The scheduler starts watching on 30 October: October's occurrence (1 Oct) is not backdated.
    expect(bot.scheduler.tick(msk('2026-10-30 12:00')).ran).toEqual([]);
    // 1 November 2026 is a Sunday: the first working day is Monday 2 November; the report time is 10:00.
    expect(bot.scheduler.tick(msk('2026-11-01 10:30')).ran).toEqual([]);
    expect(bot.scheduler.tick(msk('2026-11-02 09:59')).ran).toEqual([]);
    const first = bot.scheduler.tick(msk('2026-11-02 10:00'));
    expect(first.ran).toEqual([`${MONTHLY_REPORT_JOB}/committee@${msk('2026-11-02 10:00').toISOString()}`]);
    expect(first.failed).toEqual([]);
    expect(bot.scheduler.tick(msk('2026-11-02 10:01')).ran).toEqual([]);

    // One message per platform, each with the report in both languages.
    const sent = committeeMessages(bot.stores);
    expect(sent.map((m) => m.platform).sort()).toEqual(['console', 'slack']);
    const ru = sent[0]!.payload.ru;
    expect(ru.blocks[0]).toEqual({ type: 'heading', text: 'Ежемесячный отчёт комитету по клиентской работе — октябрь 2026' });
    expect(textOf(ru)).toContain('1. Отдел вкладов — 97,0');
    expect(textOf(ru)).toContain('2. Отдел карт — 57,8');
    expect(textOf(ru)).toContain('Индекс удовлетворённости клиентов — октябрь 2026, по подразделениям');
    expect(textOf(sent[0]!.payload.en)).toContain('Monthly report to the Client Work Committee — October 2026');
    // The charts and CSV files it names exist (beside the database file).
    const images = ru.blocks.filter((b) => b.type === 'image');
    expect(images).toHaveLength(2);
    for (const image of images) if (image.type === 'image') expect(existsSync(image.path)).toBe(true);
    expect(textOf(ru)).toMatch(/exports\/rating-2026-10\.csv/);

    // A restart on the same day: a new process, the same file. Nothing is sent again.
    bot.stop();
    bot = boot(file);
    expect(bot.scheduler.tick(msk('2026-11-02 10:05')).ran).toEqual([]);
    expect(bot.scheduler.tick(msk('2026-11-03 10:00')).ran).toEqual([]);
    expect(committeeMessages(bot.stores)).toHaveLength(2);
    expect(bot.stores.jobRuns.latest(MONTHLY_REPORT_JOB, 'committee')?.outcome).toEqual({ messages: 1, month: '2026-10' });

    // The next month's report is November's, on Tuesday 1 December.
    expect(bot.scheduler.tick(msk('2026-12-01 10:00')).ran).toHaveLength(1);
    expect(bot.stores.jobRuns.latest(MONTHLY_REPORT_JOB, 'committee')?.outcome).toEqual({ messages: 1, month: '2026-11' });
    bot.stop();
  });

  it('a bot that was down on the first working day sends it once when it comes back, for the month before', () => {
    const file = join(tempDir('clientdesk-report-'), 'clientdesk.db');
    let bot = boot(file);
    bot.scheduler.tick(msk('2026-10-30 12:00'));
    bot.stop();
    // Down from 30 October to 4 November 15:00.
    bot = boot(file);
    expect(bot.scheduler.tick(msk('2026-11-04 15:00')).ran).toHaveLength(1);
    expect(bot.scheduler.tick(msk('2026-11-05 15:00')).ran).toEqual([]);
    expect(bot.stores.jobRuns.latest(MONTHLY_REPORT_JOB, 'committee')?.outcome).toEqual({ messages: 1, month: '2026-10' });
    bot.stop();
  });
});
