import { readFileSync, statSync } from 'node:fs';
import { loadKnowledge, formatKbError } from '../../knowledge/loader';
import { KnowledgeBase, type Entry } from '../../knowledge/model';
import type { Labelled } from './csv';
import { parseLabelled } from './csv';

/**
 * A category's name as an entry title ("card_arrival" → "card arrival"), or undefined for a name without
 * letters (a number or a code says nothing to search by).
 */
export function titleOfCategory(category: string): string | undefined {
  const words = category.replace(/[_\-.:/]+/g, ' ').trim();
  return /\p{L}/u.test(words) ? words : undefined;
}

/**
 * One standard answer per category, its phrasings the category's example texts: a CSV as a knowledge base.
 * The category's name is the answer's title and, as in a YAML entry (whose question is searched with its
 * phrasings), one of its phrasings.
 */
export function entriesFromLabelled(rows: readonly Labelled[]): Entry[] {
  const byCategory = new Map<string, string[]>();
  for (const r of rows) {
    const list = byCategory.get(r.category) ?? [];
    list.push(r.text);
    byCategory.set(r.category, list);
  }
  return [...byCategory].map(([category, phrasings]) => {
    const title = titleOfCategory(category);
    return {
      id: category,
      kind: 'answer' as const,
      title: title ?? category,
      phrasings: title ? [title, ...phrasings] : phrasings,
      tags: [],
      body: '',
      owner: 'eval',
      reviewed: '',
      reviewBy: '',
    };
  });
}

/** A knowledge base for evaluation: a YAML folder (our own format) or a labelled CSV. */
export function loadEvalKb(path: string): Entry[] {
  if (statSync(path).isDirectory()) {
    const result = loadKnowledge(path);
    if (!result.ok) throw new Error(`the knowledge base in ${path} is invalid:\n${result.errors.map(formatKbError).join('\n')}`);
    return new KnowledgeBase(result.knowledge).entries;
  }
  return entriesFromLabelled(parseLabelled(readFileSync(path, 'utf8'), path));
}
