import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../../bot/core/random';
import { type Labelled, parseCsvRecords, parseLabelled } from './csv';

/** The seed every published number uses; tuning runs use other seeds (see README.md). */
export const SEED = 20260301;

/** The seeded generator of every split (mulberry32: the same on every machine and Node version). */
export const rng = mulberry32;

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function groupByCategory(rows: readonly Labelled[]): Map<string, Labelled[]> {
  const groups = new Map<string, Labelled[]>();
  for (const r of rows) {
    const g = groups.get(r.category) ?? [];
    g.push(r);
    groups.set(r.category, g);
  }
  return groups;
}

export interface Split {
  kb: Labelled[];
  questions: Labelled[];
}

/**
 * Banking77 splits from train.csv. Each intent's rows are shuffled with `SEED`; its last 20 % are the
 * held-out part (never used for tuning), the first 80 % the pool. `k` phrasings per intent come from
 * the pool. `rest`: every other row of the intent (the "evaluated on the rest");
 * `heldout`: only the held-out 20 %; `k = all`: the whole pool, evaluated on the held-out 20 %.
 * `tune`: k from the pool with another seed, evaluated on the rest of the pool — what tuning may see.
 */
export function banking77Split(rows: readonly Labelled[], k: number | 'all', evalOn: 'rest' | 'heldout' | 'tune', tuneSeed = 1): Split {
  const kb: Labelled[] = [];
  const questions: Labelled[] = [];
  for (const group of groupByCategory(rows).values()) {
    const order = shuffled(group, rng(SEED));
    const heldCount = Math.round(order.length * 0.2);
    const pool = order.slice(0, order.length - heldCount);
    const held = order.slice(order.length - heldCount);
    if (evalOn === 'tune') {
      const tunePool = shuffled(pool, rng(tuneSeed));
      const n = k === 'all' ? Math.round(tunePool.length * 0.75) : k;
      kb.push(...tunePool.slice(0, n));
      questions.push(...tunePool.slice(n));
      continue;
    }
    const n = k === 'all' ? pool.length : Math.min(k, pool.length);
    kb.push(...pool.slice(0, n));
    questions.push(...(evalOn === 'rest' && k !== 'all' ? [...pool.slice(n), ...held] : held));
  }
  return { kb, questions };
}

export function readBanking77(dataDir: string): Labelled[] {
  const file = join(dataDir, 'banking77', 'train.csv');
  return parseLabelled(readFileSync(file, 'utf8'), file);
}

export const OOS = 'oos';

interface Clinc {
  train: [string, string][];
  val: [string, string][];
  oos_train: [string, string][];
  oos_val: [string, string][];
}

/** CLINC150's bank domains: the knowledge base from `train`, questions from `val` and `oos_val`. */
export function readClincBank(dataDir: string): { train: Labelled[]; oosTrain: Labelled[]; val: Labelled[]; oosVal: Labelled[] } {
  const data = JSON.parse(readFileSync(join(dataDir, 'clinc150', 'clinc150_train_val.json'), 'utf8')) as Clinc;
  const domains = JSON.parse(readFileSync(join(dataDir, 'clinc150', 'domains.json'), 'utf8')) as Record<string, string[]>;
  const intents = new Set([...(domains.banking ?? []), ...(domains.credit_cards ?? [])]);
  const pick = (rows: [string, string][]) => rows.filter(([, c]) => intents.has(c)).map(([text, category]) => ({ text, category }));
  const oos = (rows: [string, string][]) => rows.map(([text]) => ({ text, category: OOS }));
  return { train: pick(data.train), oosTrain: oos(data.oos_train), val: pick(data.val), oosVal: oos(data.oos_val) };
}

/** The Russian sets as `text,category` (the Russian text; the intent as category). */
export function readRussian(dataDir: string, set: 'minds14' | 'banking77'): Labelled[] {
  const file = join(dataDir, 'ru', set === 'minds14' ? 'minds14_ru_5shot.csv' : 'banking77_ru_en_5shot.csv');
  return parseCsvRecords(readFileSync(file, 'utf8')).map((r) => ({ text: r.text_ru ?? '', category: r.intent ?? '' }));
}
