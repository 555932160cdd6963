import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv, parseLabelled, writeLabelled } from '../../bench/eval/csv';
import { banking77Split } from '../../bench/eval/datasets';
import { entriesFromLabelled } from '../../bench/eval/kb';
import { evaluate, type Ranking } from '../../bench/eval/metrics';
import { ROOT, removeTempDirs, tempDir } from '../support/files';

afterAll(removeTempDirs);

describe('CSV (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes, line breaks, CRLF and a BOM', () => {
    const text = '\ufefftext,category\r\n"a, b",x\r\n"he said ""hi""",y\n"two\nlines",z\nplain,w\n\n';
    expect(parseCsv(text)).toEqual([
      ['text', 'category'],
      ['a, b', 'x'],
      ['he said "hi"', 'y'],
      ['two\nlines', 'z'],
      ['plain', 'w'],
    ]);
    expect(parseLabelled(text).map((r) => r.text)).toEqual(['a, b', 'he said "hi"', 'two\nlines', 'plain']);
  });

  it('writes what it reads back unchanged', () => {
    const rows = [
      { text: 'карта, "Мир"', category: 'card' },
      { text: 'line one\r\nline two', category: 'b' },
      { text: ' padded ', category: 'c' },
    ];
    expect(parseLabelled(writeLabelled(rows))).toEqual(rows);
  });

  it('refuses an unclosed quote and a record of the wrong width', () => {
    expect(() => parseCsv('text,category\n"open,x\n')).toThrow(/not closed/);
    expect(() => parseLabelled('text,category\na,b,c\n')).toThrow(/3 fields/);
    expect(() => parseLabelled('text,label\na,b\n')).toThrow(/text,category/);
  });
});

describe('metrics', () => {
  // Known entries a, b, c; "oos" is not one of them.
  const known = new Set(['a', 'b', 'c']);
  const questions = [
    { text: 'q1', category: 'a' }, // ranked first, answered        → top1, rr 1, answered right
    { text: 'q2', category: 'b' }, // ranked second, suggested      → top3, rr 1/2
    { text: 'q3', category: 'c' }, // ranked third, answered wrongly → top3, rr 1/3, answered wrong
    { text: 'q4', category: 'a' }, // not ranked, refused           → rr 0
    { text: 'q5', category: 'oos' }, // refused
    { text: 'q6', category: 'oos' }, // answered (wrongly)
  ];
  const outcomes: Record<string, Ranking> = {
    q1: { ranked: ['a', 'b'], decision: 'answer' },
    q2: { ranked: ['a', 'b', 'c'], decision: 'suggest' },
    q3: { ranked: ['a', 'b', 'c'], decision: 'answer' },
    q4: { ranked: [], decision: 'none' },
    q5: { ranked: ['b'], decision: 'none' },
    q6: { ranked: ['c'], decision: 'answer' },
  };

  it('computes every figure as worked out by hand', () => {
    const m = evaluate((q) => outcomes[q]!, questions, known);
    expect(m.questions).toBe(6);
    expect(m.inScope).toBe(4);
    expect(m.outOfScope).toBe(2);
    expect(m.top1).toBeCloseTo(1 / 4);
    expect(m.top3).toBeCloseTo(3 / 4);
    expect(m.mrr).toBeCloseTo((1 + 1 / 2 + 1 / 3 + 0) / 4);
    expect(m.answered).toBeCloseTo(3 / 6);
    expect(m.suggested).toBeCloseTo(1 / 6);
    expect(m.none).toBeCloseTo(2 / 6);
    expect(m.answeredCorrect).toBeCloseTo(1 / 4);
    expect(m.answeredWrong).toBeCloseTo(1 / 4);
    // q1 answered right, q2 suggested with b in the top three.
    expect(m.answeredOrSuggestedCorrect).toBeCloseTo(2 / 4);
    expect(m.oosRefused).toBeCloseTo(1 / 2);
    expect(m.oosAnswered).toBeCloseTo(1 / 2);
  });

  it('leaves the policy figures out for a ranker without a policy, and oosRefused without OOS questions', () => {
    const ranksOnly = evaluate((q) => ({ ranked: outcomes[q]!.ranked }), questions, known);
    expect(ranksOnly.top1).toBeCloseTo(1 / 4);
    expect(ranksOnly.answered).toBeUndefined();
    expect(ranksOnly.oosRefused).toBeUndefined();
    const inScopeOnly = evaluate((q) => outcomes[q]!, questions.slice(0, 4), known);
    expect(inScopeOnly.oosRefused).toBeUndefined();
    expect(inScopeOnly.answeredCorrect).toBeCloseTo(1 / 4);
  });
});

describe('knowledge base from a labelled CSV and splits', () => {
  it('makes one entry per category with its texts as phrasings, and the category name as its title', () => {
    const entries = entriesFromLabelled(
      parseLabelled('text,category\nblock my card,card_block\nopen a deposit,deposit\nfreeze the card,card_block\nwhat is 7,42\n'),
    );
    expect(entries.map((e) => [e.id, e.title, e.phrasings])).toEqual([
      ['card_block', 'card block', ['card block', 'block my card', 'freeze the card']],
      ['deposit', 'deposit', ['deposit', 'open a deposit']],
      // A label without letters says nothing to search by: it is neither a title nor a phrasing.
      ['42', '42', ['what is 7']],
    ]);
  });

  it('draws k per category with a fixed seed, evaluates on the rest, and keeps the held-out part out of tuning', () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ text: `text ${i}`, category: i % 2 === 0 ? 'even' : 'odd' }));
    const split = banking77Split(rows, 5, 'rest');
    expect(split.kb).toHaveLength(10);
    expect(split.questions).toHaveLength(30);
    expect(banking77Split(rows, 5, 'rest')).toEqual(split);
    const kbTexts = new Set(split.kb.map((r) => r.text));
    expect(split.questions.some((q) => kbTexts.has(q.text))).toBe(false);
    const heldout = banking77Split(rows, 'all', 'heldout').questions;
    expect(heldout).toHaveLength(8); // 20 % of each category's 20 rows
    const tune = banking77Split(rows, 5, 'tune');
    const held = new Set(heldout.map((r) => r.text));
    expect([...tune.kb, ...tune.questions].some((r) => held.has(r.text))).toBe(false);
  });
});

describe('npm run eval on files', () => {
  it('evaluates a tiny CSV knowledge base and question set end to end, as JSON', () => {
    const dir = tempDir('clientdesk-eval-');
    const kb = join(dir, 'kb.csv');
    const questions = join(dir, 'questions.csv');
    writeFileSync(
      kb,
      [
        'text,category',
        'как заблокировать карту,card-block',
        '"заблокировать карточку, срочно",card-block',
        'how to block my card,card-block',
        'открыть вклад в рублях,deposit-open',
        'открытие депозита онлайн,deposit-open',
        'open a savings deposit,deposit-open',
        'ипотека на новостройку,mortgage',
        'ставка по ипотеке,mortgage',
        'mortgage interest rate,mortgage',
      ].join('\n'),
    );
    writeFileSync(
      questions,
      [
        'text,category',
        'клиент хочет заблокировать карту,card-block',
        '"block the card, please",card-block',
        'как открыть вклад,deposit-open',
        'какая ставка по ипотеке,mortgage',
        '"погода на завтра, будет ли дождь",oos',
      ].join('\n'),
    );
    const out = execFileSync('npx', ['tsx', 'bench/eval.ts', '--kb', kb, '--questions', questions, '--json'], { cwd: ROOT, encoding: 'utf8' });
    const result = JSON.parse(out) as Record<string, number> & { plainLunr: Record<string, number> };
    expect(result).toMatchObject({ questions: 5, inScope: 4, outOfScope: 1, top1: 1, top3: 1, mrr: 1, oosRefused: 1 });
    expect(result.answeredCorrect).toBeGreaterThan(0);
    expect(result.plainLunr.questions).toBe(5);
    expect(typeof result.plainLunr.top1).toBe('number');
  });
});
