import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createAsCommand } from '../../bot/console/asCommand';
import type { Command } from '../../bot/core/command';
import { Registry } from '../../bot/core/registry';
import type { Block, Reply } from '../../bot/core/types';
import { coreCommands } from '../../commands';
import { defaultKnowledgeFolder } from '../../knowledge/folder';
import { pick } from '../../knowledge/localized';
import { openSnapshot } from '../../knowledge/service';
import { removeTempDirs } from '../support/files';
import { startTestCore, type TestCore, textOf } from '../support/core';
import { boomCommand, countingCommand, greetCommand } from '../support/testCommands';

const cores: TestCore[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.close();
});
afterAll(removeTempDirs);

function start(extra: Command[] = []): TestCore {
  const core = startTestCore({ extraCommands: [boomCommand as Command, greetCommand as Command, ...extra] });
  cores.push(core);
  return core;
}

function replyOf(result: Awaited<ReturnType<TestCore['message']>>): Reply {
  if (result.kind === 'duplicate') throw new Error('expected a reply');
  return result.reply;
}

function blocksOf<T extends Block['type']>(reply: Reply, type: T): Extract<Block, { type: T }>[] {
  return reply.blocks.filter((b): b is Extract<Block, { type: T }> => b.type === type);
}

describe('the dispatcher', () => {
  it('runs a command by its English name or Russian alias, with or without a leading /', async () => {
    const core = start();
    const article = 'Статья 2. Право на ответ на жалобу в срок';
    for (const text of ['rights 2', '/rights 2', 'права 2', '/права 2', '  /Права   2 ', 'кодекс 2']) {
      const reply = replyOf(await core.message(text));
      expect(textOf({ kind: 'reply', reply }), text).toContain(article);
      expect(blocksOf(reply, 'source')[0], text).toMatchObject({ kind: 'right', id: 'right-2', reviewed: '2026-01-15' });
    }
    for (const text of ['product card-classic', '/продукт card-classic']) {
      expect(textOf(await core.message(text)), text).toContain('Дебетовая карта «Классика»');
    }
    for (const text of ['playbook complaint-intake', 'техкарта complaint-intake']) {
      expect(textOf(await core.message(text)), text).toContain('1. Менеджер: Выслушать клиента');
    }
  });

  it('says how to call a command given wrong arguments', async () => {
    const core = start();
    expect(textOf(await core.message('lang xx'))).toBe('Неизвестный язык «xx».\nКак вызвать: lang ru|en');
    // A command with a form shows the form only when arguments are missing, not when they are wrong.
    const wrong = replyOf(await core.message('greet Мария старая'));
    expect(blocksOf(wrong, 'form')).toEqual([]);
    // Russian readers get no English zod text: the field, a plain statement and the usage.
    expect(textOf({ kind: 'reply', reply: wrong })).toBe('«age»: неверное значение.\nКак вызвать: greet <имя> <возраст>');
    expect(wrong.visibility).toBe('private');
    const missing = replyOf(await core.message('greet Мария'));
    expect(blocksOf(missing, 'form')[0]).toMatchObject({ formId: 'greet', inputs: [{ id: 'name', initial: 'Мария' }, { id: 'age' }] });
    expect(textOf(await core.message('rights 99'))).toMatch(/^В кодексе нет статьи 99\. Статьи: 1–3/);
  });

  it('refuses an unknown /command politely, and takes the same words without / as a question', async () => {
    const core = start();
    const refused = replyOf(await core.message('/frobnicate'));
    expect(textOf({ kind: 'reply', reply: refused })).toBe('Нет команды «frobnicate». Список команд: help.');
    expect(refused.visibility).toBe('private');
    expect(unansweredQuestions(core)).toEqual([]);
    expect(textOf(await core.message('frobnicate'))).toContain('Утверждённого ответа на этот вопрос нет');
    expect(unansweredQuestions(core)).toEqual(['frobnicate']);
  });

  it('sends a plain message to ask, which answers with its source and feedback buttons', async () => {
    const core = start();
    const reply = replyOf(await core.message('Как заблокировать карту?'));
    expect(blocksOf(reply, 'heading')[0]?.text).toBe('Как заблокировать карту?');
    expect(textOf({ kind: 'reply', reply })).toContain('Карту блокируют в мобильном приложении');
    expect(blocksOf(reply, 'source')[0]).toMatchObject({ kind: 'answer', id: 'card-block', reviewed: '2026-01-15' });
    const [buttons] = blocksOf(reply, 'buttons');
    expect(buttons?.buttons.map((b) => b.actionId)).toEqual(['answer.helpful', 'answer.not_helpful']);
    const servedId = Number(buttons?.buttons[0]?.value);
    expect(core.stores.answerLog.served(servedId)).toMatchObject({ entryId: 'card-block', actorId: 'irina@bank.test', helpful: null });
    expect(textOf(await core.action('answer.helpful', { value: String(servedId) }))).toBe('Спасибо за оценку!');
    expect(core.stores.answerLog.served(servedId)?.helpful).toBe(1);
  });

  it('offers "did you mean" with three answers and "none of these", and a pick answers', async () => {
    const core = start();
    const reply = replyOf(await core.message('лимит по карте'));
    const [choices] = blocksOf(reply, 'choices');
    expect(choices?.prompt).toBe('Возможно, вы имели в виду:');
    expect(choices?.items.map((i) => i.detail ?? i.title)).toEqual([
      expect.stringMatching(/^card-limit-/),
      expect.stringMatching(/^card-limit-/),
      expect.stringMatching(/^card-limit-/),
      'Ничего из этого',
    ]);
    const second = choices!.items[1]!;
    const picked = replyOf(await core.action(second.actionId, { value: second.value }));
    expect(blocksOf(picked, 'source')[0]?.id).toBe(second.detail);
    const none = choices!.items[3]!;
    expect(textOf(await core.action(none.actionId, { value: none.value }))).toContain('Утверждённого ответа на этот вопрос нет');
    expect(unansweredQuestions(core)).toEqual(['лимит по карте']);
  });

  it('answers a question it cannot answer with "no approved answer", an offer to log an issue, and a record', async () => {
    const core = start();
    const reply = replyOf(await core.message('погода на завтра'));
    expect(textOf({ kind: 'reply', reply })).toContain('Утверждённого ответа на этот вопрос нет');
    expect(blocksOf(reply, 'buttons')[0]?.buttons[0]).toMatchObject({ actionId: 'answer.log_issue', value: 'погода на завтра' });
    expect(unansweredQuestions(core)).toEqual(['погода на завтра']);
  });

  it('turns an unexpected error into a short apology with an error id, and logs the details under that id', async () => {
    const core = start();
    const reply = replyOf(await core.message('boom'));
    const text = textOf({ kind: 'reply', reply });
    const [, errorId] = /^Извините, что-то пошло не так\. Мы уже разбираемся\. Код ошибки: (E-[0-9A-F]{8})$/.exec(text) ?? [];
    expect(errorId).toBeDefined();
    expect(reply.visibility).toBe('private');
    const chat = JSON.stringify(reply);
    expect(chat).not.toMatch(/10\.0\.0\.7|connection|Error:|\bat .*\.ts:\d+/);
    const logged = core.logLines.filter((l) => l.level === 'error');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ event: 'command.failed', errorId, platform: 'console' });
    const error = logged[0]?.error as { message: string; stack: string };
    expect(error.message).toContain('connection to 10.0.0.7 reset');
    expect(error.stack).toMatch(/testCommands\.ts/);
    // The masker runs on logs too: the card number never reaches them.
    expect(JSON.stringify(logged[0])).not.toContain('4276 1234 5678 9012');
    // In English, the same.
    await core.message('lang en');
    expect(textOf(await core.message('/бум'))).toMatch(/^Sorry, something went wrong on our side\. We are looking into it\. Error id: E-[0-9A-F]{8}$/);
  });

  it('does nothing when the platform delivers the same event again', async () => {
    const counter = countingCommand();
    const core = start([counter as Command]);
    const first = await core.message('count', { eventId: 'Ev-1' });
    expect(textOf(first)).toBe('runs: 1');
    expect(await core.message('count', { eventId: 'Ev-1' })).toEqual({ kind: 'duplicate' });
    expect(counter.runs).toBe(1);
    // The same id from another platform is another event.
    expect(textOf(await core.message('count', { eventId: 'Ev-1', platform: 'slack' }))).toBe('runs: 2');
  });

  it('lists the commands in help, in Russian and in English', async () => {
    const core = start();
    const visible = core.registry.availableOn('console').filter((c) => !c.hidden);
    const ru = textOf(await core.message('help'));
    expect(textOf(await core.message('/помощь'))).toBe(ru);
    for (const c of visible) {
      const usage = c.usage ? ` ${c.usage.ru}` : '';
      const alias = c.aliases[0] ? ` (${c.aliases[0]})` : '';
      expect(ru).toContain(`• ${c.name}${usage}${alias} — ${c.summary.ru}`);
    }
    expect(ru).not.toContain('answer pick');
    expect(ru).toContain('Найти утверждённый ответ');

    await core.message('lang en');
    const en = textOf(await core.message('help'));
    for (const c of visible) expect(en).toContain(`— ${c.summary.en}`);
    expect(en).toContain('Type a question in your own words');
    expect(en).not.toContain('Список команд');
  });

  it('switches the locale with lang and remembers it per person', async () => {
    const core = start();
    expect(textOf(await core.message('lang en'))).toBe('I will reply in English from now on.');
    expect(core.stores.prefs.of('irina@bank.test').locale).toBe('en');
    expect(textOf(await core.message('rights 2'))).toContain('Article 2. Right to an answer to a complaint on time');
    expect(textOf(await core.message('How do I block a card?'))).toContain('Source: standard answer · card-block · reviewed 2026-01-15');
    // Someone else still reads Russian.
    expect(textOf(await core.message('rights 2', { email: 'anna@bank.test' }))).toContain('Статья 2.');
    expect(textOf(await core.message('язык ru'))).toBe('Теперь я отвечаю по-русски.');
    // The platform's (or the departments file's) locale is the default: Peter reads English.
    expect(textOf(await core.message('rights 2', { email: 'peter@bank.test' }))).toContain('Article 2.');
  });

  it('refuses a button that no command answers', async () => {
    const core = start();
    expect(textOf(await core.action('retired.button', { value: '42' }))).toBe('Эта кнопка больше не работает. Повторите команду.');
  });
});

describe('command names and questions', () => {
  it('never takes a question of the bundled knowledge base for a command that does not search', () => {
    const registry = new Registry([...coreCommands(), createAsCommand({}) as Command]);
    const searching = new Set(['ask', 'rights', 'product', 'playbook']);
    const kb = openSnapshot(defaultKnowledgeFolder()).kb;
    const taken: string[] = [];
    for (const entry of kb.entries) {
      for (const phrasing of [...entry.phrasings, pick(entry.title, 'ru')]) {
        const match = registry.match(phrasing.replace(/^\//, ''));
        if (match && !searching.has(match.command.name)) taken.push(`${entry.id}: "${phrasing}" → ${match.command.name}`);
      }
    }
    expect(taken).toEqual([]);
  });
});

/** The unanswered-question log, read back the way a digest would. */
function unansweredQuestions(core: TestCore): string[] {
  const rows = core.stores.db.prepare('SELECT question FROM unanswered_questions ORDER BY id').all() as { question: string }[];
  return rows.map((r) => r.question);
}
