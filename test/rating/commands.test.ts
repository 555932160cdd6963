import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../bot/core/app';
import { resolveActor } from '../../bot/core/identity';
import { silentLogger } from '../../bot/core/logger';
import type { Block, Reply } from '../../bot/core/types';
import { renderText } from '../../bot/render/text';
import { removeTempDirs, tempDir } from '../support/files';
import { ANNA, DMITRY, NINA, NOW, seedRatingDataset } from './dataset';
import { MOSCOW, msk, RATING_KB } from './seed';

let core: Core;
let folder: string;
let eventId = 0;

beforeAll(() => {
  folder = tempDir('clientdesk-rating-cmd-');
  core = createCore({
    knowledgeFolder: RATING_KB,
    databaseFile: join(folder, 'clientdesk.db'),
    settings: { timezone: MOSCOW, secret: 'test', platforms: ['console'] },
    clock: { now: () => msk(NOW) },
    log: silentLogger,
  });
  seedRatingDataset(core.stores);
});
afterAll(() => {
  core.close();
  removeTempDirs();
});

async function say(email: string, text: string): Promise<Reply> {
  const actor = resolveActor(core.knowledge.current.kb, { platform: 'console', platformUserId: email, email });
  eventId += 1;
  const result = await core.dispatcher.handle({
    kind: 'message',
    text,
    actor,
    conversation: { platform: 'console', id: 'console', isDirect: true },
    eventId: `e${eventId}`,
  });
  if (result.kind === 'duplicate') throw new Error('duplicate');
  return result.reply;
}

const textOf = (reply: Reply) => renderText(reply).text;
const imageOf = (reply: Reply) => reply.blocks.find((b): b is Extract<Block, { type: 'image' }> => b.type === 'image');
const csvPaths = (reply: Reply) => [...textOf(reply).matchAll(/(\S+\.csv)/g)].map((m) => m[1]!);

describe('rating, csi and stats commands', () => {
  it('рейтинг: the last full month by default, in Russian, with a bar chart written beside the database', async () => {
    const reply = await say('galina@bank.test', 'рейтинг');
    const text = textOf(reply);
    expect(text).toContain('== Рейтинг подразделений — октябрь 2026 ==');
    expect(text).toContain('1. Отдел вкладов — 97,0 (▲ +16,0; сентябрь 2026: 81,0, 2-е место)');
    expect(text).toContain('2. Отдел карт — 57,8 (▼ −39,2; сентябрь 2026: 97,0, 1-е место)');
    expect(text).toContain('больше всего стоило: Решено в срок (62,5 %, −22,5 б.)');
    expect(text).toContain('Кредитный отдел (1)');
    const image = imageOf(reply)!;
    expect(image.path).toBe(join(folder, 'charts', 'rating-2026-10.png'));
    expect(existsSync(image.path)).toBe(true);
    // The console prints the path.
    expect(text).toContain(`[Рейтинг подразделений — октябрь 2026] ${image.path}`);
  });

  it('rating … csv in English: every figure in a CSV under data/exports', async () => {
    const reply = await say('george@bank.test', '/rating 2026-10 csv');
    expect(textOf(reply)).toContain('1. Deposits — 97.0 (▲ +16.0; September 2026: 81.0, #2)');
    const [path] = csvPaths(reply);
    expect(path).toBe(join(folder, 'exports', 'rating-2026-10-en.csv'));
    const lines = readFileSync(path!, 'utf8').split('\r\n');
    expect(lines[0]!.startsWith('\uFEFFrank,department id,department,score,previous score,change,rank change,cost most,')).toBe(true);
    expect(lines[1]).toMatch(/^1,deposits,Deposits,97,81,16,1,Time to first response,5,5,5,0,5,0,0,3,100,100,/);
    expect(lines[2]).toMatch(/^2,cards,Cards,57\.79,97,-39\.21,-1,Resolved within SLA,8,6,5,2,8,1,1,5,62\.50,25,2\.50,68\.75,9,77\.50,/);
    expect(lines[3]).toMatch(/^,loans,Loans,,,,,/);
  });

  it('a period in any form; a wrong one is explained', async () => {
    expect(textOf(await say('galina@bank.test', 'рейтинг 2026-09-01..2026-09-30'))).toContain('Рейтинг подразделений — 01.09.2026–30.09.2026');
    expect(textOf(await say('galina@bank.test', 'рейтинг 2026-Q3'))).toContain('3-й квартал 2026');
    const wrong = textOf(await say('galina@bank.test', 'рейтинг 2026-13'));
    expect(wrong).toContain('Не понимаю период «2026-13»');
    expect(wrong).toContain('Как вызвать: rating [период] [csv]');
  });

  it('индекс по продуктам, csi by branch, with the line chart and CSV', async () => {
    const ru = await say('galina@bank.test', 'индекс 2026-10 по продуктам csv');
    expect(textOf(ru)).toContain('Индекс удовлетворённости клиентов — октябрь 2026, по продуктам');
    // Cards: C1–C5 rated 5 4 2 5 3 → 70; deposits three ratings; the loan application is under "Other".
    expect(textOf(ru)).toContain('• Карты — 70,0 ± 28,6 (5 оценок)');
    expect(textOf(ru)).toContain('• Вклады — мало оценок (3)');
    expect(textOf(ru)).toContain('• Прочее — мало оценок (1)');
    expect(imageOf(ru)!.path).toBe(join(folder, 'charts', 'csi-category-2026-10.png'));
    expect(csvPaths(ru)).toEqual([join(folder, 'exports', 'csi-category-2026-10.csv'), join(folder, 'exports', 'csi-category-2026-10-conclusions.csv')]);
    const en = await say('george@bank.test', 'csi 2026-10 by branch');
    expect(textOf(en)).toContain('Client satisfaction index — October 2026, by branch');
    expect(textOf(en)).toContain('No branch given');
  });

  it('статистика: the actor’s own department by default; a person’s own; a head sees their people', async () => {
    const mine = textOf(await say(ANNA, 'статистика 2026-10'));
    expect(mine).toContain('== Статистика: Отдел карт — октябрь 2026 ==');
    expect(mine).toContain('Получено обращений: 8');
    expect(mine).toContain('Просрочено (решено с опозданием или не решено в срок): 3');
    expect(mine).toContain('Среднее время решения: 9,3 раб. ч');
    expect(mine).toContain('Доля полезных ответов: 75,0 % (из 8)');
    const me = textOf(await say(DMITRY, 'stats me 2026-10'));
    expect(me).toContain('Статистика: Дмитрий Козлов — октябрь 2026');
    expect(me).toContain('Решено лично: 3');
    const byHead = textOf(await say(ANNA, `stats ${DMITRY} 2026-10 csv`));
    expect(byHead).toContain('Решено лично: 3');
    expect(csvPaths(await say(ANNA, `stats ${DMITRY} 2026-10 csv`))).toEqual([join(folder, 'exports', 'stats-dmitry-bank.test-2026-10.csv')]);
  });

  it('statistics of another department or person are refused politely', async () => {
    expect(textOf(await say(NINA, 'статистика cards 2026-10'))).toContain('Эту статистику видят само подразделение или сотрудник');
    expect(textOf(await say(DMITRY, `stats ${ANNA}`))).toContain('Эту статистику видят');
    // The committee sees any.
    expect(textOf(await say('galina@bank.test', 'stats cards 2026-10'))).toContain('Получено обращений: 8');
  });

  it('help lists the three commands in both languages', async () => {
    const help = textOf(await say('galina@bank.test', 'help'));
    expect(help).toContain('rating [период] [csv]');
    expect(help).toContain('csi [период] [по подразделениям|офисам|продуктам] [csv]');
    expect(help).toContain('stats [подразделение|я|почта] [период] [csv]');
    expect(textOf(await say('george@bank.test', 'help'))).toContain('Department rating on client work');
    expect(dirname(imageOf(await say('george@bank.test', 'индекс'))!.path)).toBe(join(folder, 'charts'));
  });
});
