import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type KbError, formatKbError, loadKnowledge } from '../../knowledge/loader';
import { copyFixtureKb, editFile, FIXTURE_KB, lineOf, removeTempDirs, ROOT } from '../support/files';

afterAll(removeTempDirs);

function errorsOf(folder: string): KbError[] {
  const result = loadKnowledge(folder);
  if (result.ok) throw new Error('expected the knowledge base to be refused');
  return result.errors;
}

/** `npm run kb:check -- FOLDER`, exactly as an author runs it. */
function kbCheck(folder?: string) {
  const args = ['run', '--silent', 'kb:check', ...(folder ? ['--', folder] : [])];
  const env = { ...process.env };
  delete env.CLIENTDESK_KB;
  const run = spawnSync('npm', args, { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('loading a knowledge folder', () => {
  it('loads the fixture with every kind of entry', () => {
    const result = loadKnowledge(FIXTURE_KB);
    if (!result.ok) throw new Error(result.errors.map(formatKbError).join('\n'));
    const { sections, files } = result.knowledge;
    expect(sections.answers.map((a) => a.id)).toContain('card-block');
    expect(sections.rights[0]?.articles).toHaveLength(3);
    expect(sections.products).toHaveLength(3);
    expect(sections.playbooks).toHaveLength(1);
    expect(sections.departments.map((d) => d.id)).toEqual(['client_relations', 'cards', 'deposits', 'committee']);
    // Files in subfolders are found too.
    expect(files).toContain(join('answers', 'cards.yaml'));
  });

  it('names the file, line, column and field path of a schema error, and what was expected', () => {
    const dir = copyFixtureKb();
    editFile(dir, 'answers/general.yaml', '    tags: [accounts]', '    tags: accounts');
    editFile(dir, 'products.yaml', '    currency: [RUB]\n    eligibility', '    currency: [rubles]\n    eligibility');
    const errors = errorsOf(dir);
    expect(errors).toContainEqual({
      file: join('answers', 'general.yaml'),
      line: lineOf(dir, 'answers/general.yaml', 'tags: accounts'),
      column: 5,
      path: 'answers[2].tags',
      message: 'expected array, got string "accounts"',
    });
    const currency = errors.find((e) => e.file === 'products.yaml');
    expect(currency).toMatchObject({ path: 'products[0].terms.currency[0]', line: lineOf(dir, 'products.yaml', '[rubles]') });
    expect(currency?.message).toContain('ISO 4217');
  });

  it('points a missing field at the item that lacks it and says it is required', () => {
    const dir = copyFixtureKb();
    editFile(dir, 'playbooks.yaml', '    owner: client_relations\n', '');
    const [error, ...others] = errorsOf(dir);
    expect(others).toEqual([]);
    expect(error).toMatchObject({ file: 'playbooks.yaml', path: 'playbooks[0].owner', line: lineOf(dir, 'playbooks.yaml', 'id: complaint-intake') });
    expect(error?.message).toMatch(/required field is missing/);
  });

  it('reports every error at once, across several files', () => {
    const dir = copyFixtureKb();
    editFile(dir, 'answers/cards.yaml', '    owner: cards\n    reviewed: 2026-01-15\n    reviewBy: 2027-01-15\n    products: [card-classic]', '    owner: 42\n    reviewed: 2026-01-15\n    reviewBy: 2027-01-15\n    products: [card-classic]');
    editFile(dir, 'answers/general.yaml', "reviewed: 2026-01-15\n    reviewBy: 2027-01-15\n    rights: [\"2\"]", "reviewed: 15.01.2026\n    reviewBy: 2027-01-15\n    rights: [\"2\"]");
    editFile(dir, 'playbooks.yaml', '      - who: { ru: Менеджер, en: Manager }\n        do: { ru: Выслушать', '      - who: { ru: Менеджер, en: Manager }\n        when: сразу\n        do: { ru: Выслушать');
    editFile(dir, 'rights.yaml', '    owner: committee', '    owner: the_board');
    const errors = errorsOf(dir);
    const summary = errors.map((e) => `${e.file} ${e.path}`);
    expect(summary).toEqual([
      `${join('answers', 'cards.yaml')} answers[0].owner`,
      `${join('answers', 'general.yaml')} answers[1].reviewed`,
      'playbooks.yaml playbooks[0].steps[0]',
      'rights.yaml rights[0].owner',
    ]);
    expect(errors[0]?.message).toBe('expected string, got number 42');
    expect(errors[1]?.message).toContain('YYYY-MM-DD');
    expect(errors[2]?.message).toBe('unknown field "when"');
    expect(errors[3]?.message).toContain('unknown owner department "the_board"');
  });

  it('refuses duplicate ids, also across kinds', () => {
    const dir = copyFixtureKb();
    editFile(dir, 'answers/cards.yaml', 'id: card-reissue', 'id: card-block');
    editFile(dir, 'products.yaml', 'id: card-credit-120', 'id: deposit-insurance');
    const errors = errorsOf(dir);
    expect(errors.map((e) => e.message)).toEqual([
      'duplicate id "card-block" (already used by a standard answer)',
      'duplicate id "deposit-insurance" (already used by a standard answer)',
    ]);
    const secondCardBlock = readFileSync(join(dir, 'answers/cards.yaml'), 'utf8')
      .split('\n')
      .flatMap((line, i) => (line.includes('id: card-block') ? [i + 1] : []))[1];
    expect(errors[0]).toMatchObject({ path: 'answers[1].id', line: secondCardBlock, column: 5 });
    expect(errors[1]).toMatchObject({ file: 'products.yaml', path: 'products[1].id', line: lineOf(dir, 'products.yaml', 'id: deposit-insurance') });
  });

  it('refuses a phrasing that two entries share, naming the other entry', () => {
    const dir = copyFixtureKb();
    // card-block's phrasing, in other case and with punctuation: the same phrasing to search.
    editFile(dir, 'answers/general.yaml', '      - страхование вкладов\n', '      - "Заблокировать карту клиента?"\n      - страхование вкладов\n');
    const errors = errorsOf(dir);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: 'answers[0].phrasings[0]', line: lineOf(dir, 'answers/general.yaml', 'Заблокировать карту клиента?') });
    expect(errors[0]?.message).toMatch(/is also a phrasing of "card-block": search cannot tell the two apart/);
  });

  it('refuses a link to a missing rights article or product', () => {
    const dir = copyFixtureKb();
    editFile(dir, 'answers/general.yaml', 'rights: ["2"]', 'rights: ["2", "42"]');
    editFile(dir, 'answers/general.yaml', 'products: [deposit-reliable]', 'products: [deposit-gold]');
    const errors = errorsOf(dir);
    expect(errors).toEqual([
      expect.objectContaining({ path: 'answers[0].products[0]', message: 'link to a missing product "deposit-gold"' }),
      expect.objectContaining({ path: 'answers[1].rights[1]', message: 'link to a missing rights article 42', line: lineOf(dir, 'answers/general.yaml', '"42"') }),
    ]);
  });

  it('still checks references next to file errors, but not into a section whose file failed', () => {
    const dir = copyFixtureKb();
    // Departments unreadable: every owner would look unknown, which would only bury the real error.
    writeFileSync(join(dir, 'departments.yaml'), 'departments:\n  - id: cards\n   kind: product\n');
    const errors = errorsOf(dir);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'departments.yaml' });
    expect(errors[0]?.message).toMatch(/^YAML syntax/);
  });
});

describe('npm run kb:check', () => {
  it('prints a bad indentation, a missing required field and an unknown owner with file:line, and exits 1', () => {
    const dir = copyFixtureKb();
    // Bad indentation: `ru:` pulled left of its parent key.
    editFile(dir, 'playbooks.yaml', '      ru: Как принять и зарегистрировать жалобу.', '   ru: Как принять и зарегистрировать жалобу.');
    const badLine = lineOf(dir, 'playbooks.yaml', 'ru: Как принять');
    // Missing required field: the complaint answer loses its owner.
    editFile(dir, 'answers/general.yaml', '    owner: client_relations\n    reviewed: 2026-01-15\n    reviewBy: 2027-01-15\n    rights', '    reviewed: 2026-01-15\n    reviewBy: 2027-01-15\n    rights');
    // Unknown owner department.
    editFile(dir, 'answers/cards.yaml', '    owner: cards\n    reviewed: 2026-01-15\n    reviewBy: 2027-01-15\n    products', '    owner: plastic_cards\n    reviewed: 2026-01-15\n    reviewBy: 2027-01-15\n    products');

    const run = kbCheck(dir);
    expect(run.status).toBe(1);
    const lines = run.stdout.split('\n');
    const indentation = lines.find((l) => l.startsWith('playbooks.yaml:'));
    const [, indentLine] = /^playbooks\.yaml:(\d+):\d+: YAML syntax: /.exec(indentation ?? '') ?? [];
    // The parser reports it where the broken mapping starts to go wrong: the line before or the line itself.
    expect(Number(indentLine)).toBeGreaterThanOrEqual(badLine - 1);
    expect(Number(indentLine)).toBeLessThanOrEqual(badLine);
    const missingAt = lineOf(dir, 'answers/general.yaml', 'id: complaint-deadline');
    expect(lines).toContain(`answers/general.yaml:${missingAt}:5: answers[1].owner: required field is missing (expected string)`);
    const ownerAt = lineOf(dir, 'answers/cards.yaml', 'owner: plastic_cards');
    expect(lines.find((l) => l.startsWith(`answers/cards.yaml:${ownerAt}:5: answers[0].owner: unknown owner department "plastic_cards"`))).toBeDefined();
    expect(run.stdout).toContain(`3 error(s) in ${dir}`);
  });

  it('passes on the bundled knowledge base', () => {
    const run = kbCheck();
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/knowledge\/base: OK — \d+ answers/);
    expect(run.status).toBe(0);
  });
});
