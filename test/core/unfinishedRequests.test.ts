import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Core, createCore } from '../../bot/core/app';
import type { Command } from '../../bot/core/command';
import { resolveActor } from '../../bot/core/identity';
import { createLogger } from '../../bot/core/logger';
import type { Incoming } from '../../bot/core/types';
import { noticeUnfinishedRequests } from '../../bot/core/unfinishedRequests';
import { renderText } from '../../bot/render/text';
import type { ClaimedItem } from '../../storage/outbox';
import { FIXTURE_KB, removeTempDirs, tempDir } from '../support/files';

/** A command whose work never ends: the process is "killed" while it runs. */
const hangCommand: Command<{ text: string }> = {
  name: 'hang',
  aliases: ['зависнуть'],
  summary: { ru: 'Тестовая команда, которая не заканчивается', en: 'A test command that never finishes' },
  params: [{ name: 'text', rest: true }],
  args: z.object({ text: z.string().default('') }),
  actions: ['hang.press'],
  run: () => new Promise(() => {}),
};

const cores: Core[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.close();
});
afterAll(removeTempDirs);

/** A start of the bot on the database file in `dir`, at `now`, with Slack configured. */
function startOn(dir: string, now: string, logLines: Record<string, unknown>[] = []): Core {
  const core = createCore({
    knowledgeFolder: FIXTURE_KB,
    databaseFile: join(dir, 'clientdesk.db'),
    cacheDir: join(dir, 'cache'),
    settings: { timezone: 'Europe/Moscow', secret: 'test-secret', platforms: ['slack'] },
    clock: { now: () => new Date(now) },
    log: createLogger({ level: 'debug', write: (line) => logLines.push(JSON.parse(line)) }),
    extraCommands: [hangCommand as Command],
  });
  cores.push(core);
  return core;
}

function incoming(core: Core, text: string, eventId: string): Incoming {
  const actor = resolveActor(core.knowledge.current.kb, { platform: 'slack', platformUserId: 'U1', email: 'irina@bank.test' });
  return { kind: 'message', text, actor, conversation: { platform: 'slack', id: 'C1', isDirect: false }, eventId };
}

function claimAll(core: Core): ClaimedItem[] {
  return core.stores.outbox.claimDue('slack', core.clock.now(), 100, 60_000);
}

describe('requests a crash cut off', () => {
  it('are told to the person who asked at the next start, masked, once; finished and duplicate ones are not', async () => {
    const dir = tempDir('clientdesk-unfinished-');
    const first = startOn(dir, '2026-03-02T09:00:00Z');
    // Finished normally: nothing to tell.
    const done = await first.dispatcher.handle(incoming(first, 'rights 2', 'Ev-done'));
    expect(done.kind).toBe('reply');
    // Cut off: its work is still running when the process goes away.
    void first.dispatcher.handle(incoming(first, 'hang клиент просит вернуть деньги на карту 4276 1234 5678 9012', 'Ev-cut'));
    void first.dispatcher.handle({ ...incoming(first, '', 'Ev-button'), kind: 'action', actionId: 'hang.press', values: {} } as Incoming);
    await new Promise((resolve) => setImmediate(resolve));
    first.close();
    cores.splice(cores.indexOf(first), 1);

    const logLines: Record<string, unknown>[] = [];
    const second = startOn(dir, '2026-03-02T09:05:00Z', logLines);
    expect(noticeUnfinishedRequests({ ...second, zone: 'Europe/Moscow' }, ['slack'], second.clock.now())).toBe(2);
    const items = claimAll(second);
    expect(items.map((i) => i.target)).toEqual([
      { kind: 'person', personId: 'irina@bank.test' },
      { kind: 'person', personId: 'irina@bank.test' },
    ]);
    // In the order they came (one instant here, so by event id).
    const [button, message] = items.map((i) => ('payload' in i ? i.payload : undefined));
    expect(renderText(message!.ru).text).toBe(
      'Ваш запрос от 02.03.2026 12:00 не был выполнен: бот перезапускался. Пожалуйста, отправьте его ещё раз: «hang клиент просит вернуть деньги на карту •••• •••• •••• 9012».',
    );
    expect(renderText(message!.en).text).toContain('Your request of 02 Mar 2026 12:00 was not carried out');
    expect(message!.ru.visibility).toBe('private');
    expect(renderText(button!.ru).text).toContain('Нажатие кнопки в 02.03.2026 12:00 не было обработано');
    // The log names the events, never what was asked.
    const warnings = logLines.filter((l) => l.event === 'request.unfinished');
    expect(warnings.map((l) => l.eventId)).toEqual(['Ev-button', 'Ev-cut']);
    expect(JSON.stringify(logLines)).not.toContain('4276');
    expect(JSON.stringify(logLines)).not.toContain('вернуть деньги');

    // Told once: a further start finds nothing; the platform's retry of a cut-off event stays a duplicate.
    expect(noticeUnfinishedRequests({ ...second, zone: 'Europe/Moscow' }, ['slack'], second.clock.now())).toBe(0);
    expect((await second.dispatcher.handle(incoming(second, 'hang again', 'Ev-cut'))).kind).toBe('duplicate');
  });

  it('settles a request from a platform that no longer runs without telling anyone, and forgets event ids after a week', async () => {
    const dir = tempDir('clientdesk-unfinished-');
    const first = startOn(dir, '2026-03-02T09:00:00Z');
    void first.dispatcher.handle(incoming(first, 'hang', 'Ev-slack'));
    await first.dispatcher.handle(incoming(first, 'rights 2', 'Ev-old'));
    await new Promise((resolve) => setImmediate(resolve));
    first.close();
    cores.splice(cores.indexOf(first), 1);

    const later = startOn(dir, '2026-03-10T09:00:00Z');
    expect(noticeUnfinishedRequests({ ...later, zone: 'Europe/Moscow' }, ['teams'], later.clock.now())).toBe(1);
    expect(later.stores.outbox.claimDue('teams', later.clock.now(), 100, 60_000)).toEqual([]);
    expect(claimAll(later)).toEqual([]);
    // Eight days on, both ids are forgotten: the same id is a new event again.
    expect((await later.dispatcher.handle(incoming(later, 'rights 2', 'Ev-old'))).kind).toBe('reply');
  });
});
