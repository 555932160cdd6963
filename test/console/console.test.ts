import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type ConsoleSession, createAsCommand } from '../../bot/console/asCommand';
import { ConsoleAdapter } from '../../bot/console/consoleAdapter';
import type { Command } from '../../bot/core/command';
import { renderText } from '../../bot/render/text';
import { entryBlocks } from '../../commands/cards';
import { defaultKnowledgeFolder } from '../../knowledge/folder';
import { pick } from '../../knowledge/localized';
import { openSnapshot } from '../../knowledge/service';
import { openDatabase } from '../../storage/database';
import { startTestCore, type TestCore } from '../support/core';
import { removeTempDirs, ROOT, tempDir } from '../support/files';
import { greetCommand } from '../support/testCommands';

afterAll(removeTempDirs);

/** The environment of a fresh machine: no platform credentials, no clientdesk settings but the database. */
function cleanEnv(databaseFile: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(CLIENTDESK_|SLACK_|MICROSOFT_|PORT$)/.test(key)) env[key] = value;
  }
  return { ...env, CLIENTDESK_DB: databaseFile };
}

describe('npm start, fed by a script', () => {
  it('answers each line from the bundled knowledge base, and a number presses a button', () => {
    const { kb, searcher } = openSnapshot(defaultKnowledgeFolder());
    /** The card of an entry exactly as the console prints it. */
    const card = (id: string) => renderText({ blocks: entryBlocks(kb, kb.entry(id)!, 'ru'), fallbackText: '' }).text;
    const answeredBy = (question: string) => {
      const outcome = searcher.search(question);
      expect(outcome.decision, question).toBe('answer');
      return outcome.candidates[0]!.entry;
    };
    const blocking = answeredBy('Как заблокировать карту?');
    expect(pick(blocking.title, 'ru')).toMatch(/заблокировать карту/i);
    const captured = answeredBy('банкомат съел карту клиента');
    expect(captured.id).toBe('atm-card-captured');
    const capturedReply = card(captured.id);
    // A standard answer and the rights article it cites share their words; what kind of entry the question
    // asks for settles it: what to do about a deadline is the answer (which cites article 5), the client's
    // right under the code is the article.
    const complaint = answeredBy('какой срок ответа на жалобу клиента');
    expect(complaint.id).toBe('complaint-deadline');
    expect(complaint.links).toContain('right-5');
    expect(answeredBy('право клиента на ответ на жалобу в срок по кодексу').id).toBe('right-5');
    const article5 = kb.entry('right-5')!;

    const databaseFile = join(tempDir('clientdesk-console-'), 'clientdesk.db');
    const run = spawnSync('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: cleanEnv(databaseFile),
      input: 'Как заблокировать карту?\nбанкомат съел карту клиента\n/rights 5\n1\n',
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = run.stdout;
    const positions = [card(blocking.id), capturedReply, card(article5.id), '[1] Полезно   [2] Не помогло\nСпасибо за оценку!'].map((text) =>
      out.indexOf(text),
    );
    for (const p of positions) expect(p).toBeGreaterThanOrEqual(0);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(out).toContain(`Источник: стандартный ответ · ${blocking.id} · проверено ${blocking.reviewed}`);
    expect(out).toContain(`Источник: кодекс прав клиентов · right-5 · проверено ${article5.reviewed}`);

    // What the session did is in the database: three answers served, the last one rated helpful.
    const db = openDatabase(databaseFile);
    const served = db.prepare('SELECT entry_id AS entryId, helpful FROM answers_served ORDER BY id').all();
    db.close();
    expect(served).toEqual([
      { entryId: blocking.id, helpful: null },
      { entryId: captured.id, helpful: null },
      { entryId: 'right-5', helpful: 1 },
    ]);
  });
});

describe('the console adapter', () => {
  let core: TestCore;
  afterEach(() => core.close());

  /** Runs a whole scripted session in-process and returns what the console printed. */
  async function session(lines: string[], consoleSession: ConsoleSession = {}): Promise<string> {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => {
      printed += chunk.toString('utf8');
    });
    const adapter = new ConsoleAdapter(core, { input, output, session: consoleSession, interactive: false });
    const done = adapter.run();
    input.end(`${lines.join('\n')}\n`);
    await done;
    return printed;
  }

  it('asks a form field by field, asks again for a field with an error, and submits it', async () => {
    core = startTestCore({ extraCommands: [greetCommand as Command] });
    const printed = await session(['greet', 'Мария', '200', '30', 'привет Олег', '', '30']);
    expect(printed).toBe(
      [
        'Знакомство:',
        'Имя: Мария',
        'Возраст [30=30, 200=200]: 200',
        'Исправьте отмеченные поля.\n• Столько не живут',
        'Возраст [30=30, 200=200]: 30',
        'Здравствуйте, Мария (30)',
        // Given part of the arguments, the form starts from them; Enter keeps the value.
        'Знакомство:',
        'Имя {Олег}: ',
        'Возраст [30=30, 200=200]: 30',
        'Здравствуйте, Олег (30)',
        '',
      ].join('\n'),
    );
  });

  it('numbers the choices of a "did you mean", and typing a number picks one', async () => {
    core = startTestCore();
    const printed = await session(['лимит по карте', '2', 'выход', 'rights 1']);
    const [offer, rest] = printed.split(/\n(?==)/);
    expect(offer).toMatch(/^Возможно, вы имели в виду:\n {2}\[1\] .+ \(card-limit-[a-z]+\)\n {2}\[2\] .+ \(card-limit-([a-z]+)\)\n {2}\[3\] .+\n {2}\[4\] Ничего из этого$/);
    const secondId = /\[2\] .+ \((card-limit-[a-z]+)\)/.exec(offer ?? '')?.[1];
    expect(rest).toContain(`Источник: стандартный ответ · ${secondId}`);
    // The answer brings its own buttons, numbered afresh; `выход` ends the session before `rights 1`.
    expect(rest).toMatch(/\[1\] Полезно {3}\[2\] Не помогло\n$/);
    expect(printed).not.toContain('Статья 1');
  });

  it('acts as another member of staff with `as` (or `от-имени`), who reads their own language', async () => {
    const consoleSession: ConsoleSession = {};
    core = startTestCore({ extraCommands: [createAsCommand(consoleSession) as Command] });
    const printed = await session(['rights 1', 'as peter@bank.test', 'rights 1', 'от-имени anna@bank.test', 'rights 1'], consoleSession);
    const headings = printed.split('\n').filter((line) => line.startsWith('==') || /^(Теперь вы|You are now)/.test(line));
    expect(headings).toEqual([
      '== Статья 1. Право на вежливое обслуживание ==',
      'Теперь вы — Peter Brown (client_relations).',
      '== Article 1. Right to courteous service ==',
      'You are now Анна Иванова (cards).',
      '== Статья 1. Право на вежливое обслуживание ==',
    ]);
  });
});
