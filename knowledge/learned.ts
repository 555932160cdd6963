import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSeq, parseDocument, YAMLSeq } from 'yaml';
import type { Entry } from './model';
import type { LearnedPhrasing } from './schema/learned';
import { normalize } from './text';

/** The overlay the `suggestions approve` command writes; people may edit or prune it like any file. */
export const LEARNED_FILE = 'learned-phrasings.yaml';

const HEADER = `Формулировки вопросов сотрудников, одобренные отделом-владельцем ответа (команда «предложения»).
Phrasings staff used, approved by the owning department (the "suggestions" command).
Each becomes one more phrasing of its entry; delete a line to take it back.`;

const sameText = (a: string, b: string) => normalize(a).trim() === normalize(b).trim();

/**
 * Adds an approved phrasing to the overlay in the knowledge folder, keeping its comments and order;
 * written to a temporary file and renamed, so a reload never reads half a file. Returns false when
 * the entry already had that phrasing in the overlay.
 */
export function appendLearnedPhrasing(folder: string, item: LearnedPhrasing): boolean {
  const file = join(folder, LEARNED_FILE);
  const doc = existsSync(file) ? parseDocument(readFileSync(file, 'utf8')) : parseDocument('learned: []\n');
  if (!existsSync(file)) doc.commentBefore = HEADER;
  let list = doc.get('learned', true);
  if (!isSeq(list)) {
    list = new YAMLSeq();
    doc.set('learned', list);
  }
  const seq = list as YAMLSeq;
  const existing = (doc.toJS() as { learned?: LearnedPhrasing[] }).learned ?? [];
  if (existing.some((l) => l.entry === item.entry && sameText(l.text, item.text))) return false;
  seq.flow = false;
  seq.add(doc.createNode({ ...item }));
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, doc.toString({ lineWidth: 0 }));
  renameSync(tmp, file);
  return true;
}

/**
 * Adds approved phrasings to their entries (in place, while the knowledge base is being built). A
 * phrasing of an entry that has since been removed is skipped: the overlay must never block a reload.
 */
export function mergeLearned(entries: readonly Entry[], learned: readonly LearnedPhrasing[]): void {
  if (learned.length === 0) return;
  const byId = new Map(entries.map((e) => [e.id, e]));
  for (const l of learned) {
    const entry = byId.get(l.entry);
    if (entry && !entry.phrasings.some((p) => sameText(p, l.text))) entry.phrasings.push(l.text);
  }
}

/** Whether a question is already one of the entry's phrasings (nothing to learn then). */
export function hasPhrasing(entry: Entry, text: string): boolean {
  return entry.phrasings.some((p) => sameText(p, text));
}
