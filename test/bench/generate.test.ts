import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateEntries, MAX_DEPARTMENTS, MAX_ENTRIES, writeKnowledgeBase } from '../../bench/generate';
import { queriesForGenerated } from '../../bench/queries';
import { formatKbError, loadKnowledge } from '../../knowledge/loader';
import { KnowledgeBase } from '../../knowledge/model';
import { removeTempDirs, tempDir } from '../support/files';

afterAll(removeTempDirs);

function filesOf(folder: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir, { withFileTypes: true })) {
      if (name.isDirectory()) walk(join(dir, name.name), `${prefix}${name.name}/`);
      else out.set(`${prefix}${name.name}`, readFileSync(join(dir, name.name), 'utf8'));
    }
  };
  walk(folder, '');
  return out;
}

describe('the benchmark knowledge base generator', () => {
  it('gives the same entries for the same seed, and other entries for another seed', () => {
    expect(generateEntries(7, 300).map((e) => e.answer)).toEqual(generateEntries(7, 300).map((e) => e.answer));
    const other = generateEntries(8, 300).map((e) => e.answer.question.ru);
    const same = generateEntries(7, 300).map((e) => e.answer.question.ru);
    expect(other).not.toEqual(same);
  });

  it('makes a smaller base the beginning of a larger one, so sizes compare like with like', () => {
    const small = generateEntries(7, 100).map((e) => e.answer);
    const large = generateEntries(7, 1000).map((e) => e.answer);
    expect(large.slice(0, 100)).toEqual(small);
  });

  it('can make over 50,000 distinct questions, each with several phrasings in Russian and English', () => {
    expect(MAX_ENTRIES).toBeGreaterThanOrEqual(50_000);
    const entries = generateEntries(7, 2000);
    expect(new Set(entries.map((e) => e.answer.question.ru)).size).toBe(2000);
    for (const { answer } of entries.slice(0, 50)) {
      expect(answer.phrasings.length).toBeGreaterThanOrEqual(3);
      expect(answer.phrasings.some((p) => /[а-я]/.test(p))).toBe(true);
      expect(answer.phrasings.some((p) => /^[\x20-\x7e]+$/.test(p))).toBe(true);
      expect(answer.answer.en).toMatch(/[a-z]/);
    }
  });

  it('writes byte-identical YAML for the same seed', () => {
    const a = tempDir('clientdesk-gen-a-');
    const b = tempDir('clientdesk-gen-b-');
    writeKnowledgeBase(a, { seed: 11, entries: 600, departments: 20, perFile: 250 });
    writeKnowledgeBase(b, { seed: 11, entries: 600, departments: 20, perFile: 250 });
    const left = filesOf(a);
    expect([...left.keys()].filter((f) => f.startsWith('answers/'))).toHaveLength(3);
    expect(filesOf(b)).toEqual(left);
  });

  it('writes a knowledge base the real loader accepts: answers, 50 departments, categories, routing, calendars', () => {
    const folder = tempDir('clientdesk-gen-kb-');
    const written = writeKnowledgeBase(folder, { seed: 3, entries: 400, departments: MAX_DEPARTMENTS });
    const loaded = loadKnowledge(folder);
    if (!loaded.ok) throw new Error(loaded.errors.slice(0, 5).map(formatKbError).join('\n'));
    const kb = new KnowledgeBase(loaded.knowledge);
    expect(kb.entries).toHaveLength(400);
    expect(kb.departments).toHaveLength(50);
    expect(kb.categories.length).toBeGreaterThan(100);
    expect(kb.routing.rules.length).toBeGreaterThan(40);
    expect(kb.sections.calendar.length).toBeGreaterThan(0);
    expect(new Set(kb.entries.map((e) => e.id)).size).toBe(400);
    expect(written.bytes).toBeGreaterThan(400 * 1000);
  });

  it('phrases each benchmark query from a known entry', () => {
    const entries = generateEntries(5, 500);
    const ids = new Set(entries.map((e) => e.answer.id));
    const queries = queriesForGenerated(entries, 5, 200);
    expect(queries).toEqual(queriesForGenerated(entries, 5, 200));
    expect(queries.every((q) => ids.has(q.expected))).toBe(true);
    const kinds = new Set(queries.map((q) => q.kind));
    expect([...kinds].sort()).toEqual(['english', 'paraphrase', 'typo', 'word forms']);
    // A query is not a stored phrasing verbatim: the benchmark measures search, not lookup.
    const stored = new Set(entries.flatMap((e) => [...e.answer.phrasings, e.answer.question.ru, e.answer.question.en]));
    expect(queries.filter((q) => stored.has(q.text))).toEqual([]);
  });
});
