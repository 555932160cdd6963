import { readFileSync, statSync } from 'node:fs';
import { loadKnowledge, formatKbError } from '../../knowledge/loader';
import { KnowledgeBase, type Entry } from '../../knowledge/model';
import type { Labelled } from './csv';
import { parseLabelled } from './csv';

/** One standard answer per category, its phrasings the category's example texts: a CSV as a knowledge base. */
export function entriesFromLabelled(rows: readonly Labelled[]): Entry[] {
  const byCategory = new Map<string, string[]>();
  for (const r of rows) {
    const list = byCategory.get(r.category) ?? [];
    list.push(r.text);
    byCategory.set(r.category, list);
  }
  return [...byCategory].map(([category, phrasings]) => ({
    id: category,
    kind: 'answer',
    title: category,
    phrasings,
    tags: [],
    body: '',
    owner: 'eval',
    reviewed: '',
    reviewBy: '',
  }));
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
