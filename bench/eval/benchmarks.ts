import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { defaultKnowledgeFolder } from '../../knowledge/folder';
import { loadKnowledge } from '../../knowledge/loader';
import { type Entry, KnowledgeBase } from '../../knowledge/model';
import { DEFAULT_POLICY, type Policy } from '../../knowledge/search';
import { type SynonymGroup, synonymGroup } from '../../knowledge/schema/synonyms';
import { type Labelled, parseLabelled } from './csv';
import { banking77Split, OOS, readBanking77, readClincBank, readRussian, type Split } from './datasets';
import { entriesFromLabelled } from './kb';
import { evaluate, type Metrics, type Ranker } from './metrics';
import { plainLunrRanker } from './plainLunr';
import { ourSearcher, searchRanker } from './system';
import { calibrate, kFoldOutcomes, outcomesOn } from './calibrate';

export interface BenchmarkResult {
  name: string;
  kb: string;
  questions: string;
  policy: Policy;
  ours: Metrics;
  plainLunr: Metrics;
  /** Milliseconds per question, search only (rough; the benchmark suite measures it properly). */
  msPerQuestion: number;
}

/** The bank's synonyms from a knowledge folder (the bundled one by default). */
export function synonymsOf(folder = defaultKnowledgeFolder()): SynonymGroup[] {
  const result = loadKnowledge(folder);
  if (result.ok) return (result.knowledge.sections as { synonyms?: SynonymGroup[] }).synonyms ?? [];
  // The evaluator can still run on a folder that fails cross-checks elsewhere: read the file itself.
  const file = join(folder, 'synonyms.yaml');
  if (!existsSync(file)) return [];
  const data = parseDocument(readFileSync(file, 'utf8')).toJS() as { synonyms?: unknown[] };
  return (data.synonyms ?? []).map((g) => synonymGroup.parse(g));
}

export function runSplit(
  name: string,
  entries: Entry[],
  questions: Labelled[],
  options: { language: 'en' | 'ru' | 'en+ru'; policy?: Policy; synonyms?: SynonymGroup[]; kbLabel: string; questionsLabel: string },
): BenchmarkResult {
  const ids = new Set(entries.map((e) => e.id));
  const searcher = ourSearcher(entries, options.synonyms);
  const policy = options.policy ?? DEFAULT_POLICY;
  const started = performance.now();
  const ours = evaluate(searchRanker(searcher, policy), questions, ids);
  const msPerQuestion = (performance.now() - started) / Math.max(1, questions.length);
  const plainLunr = evaluate(plainLunrRanker(entries, options.language), questions, ids);
  return { name, kb: options.kbLabel, questions: options.questionsLabel, policy, ours, plainLunr, msPerQuestion };
}

/**
 * Leave-one-out: every row is asked of a knowledge base of all the other rows. Rebuilds the index
 * per question (the sets are small); the policy is the default one.
 */
export function runLeaveOneOut(name: string, rows: Labelled[], language: 'en' | 'ru', synonyms?: SynonymGroup[]): BenchmarkResult {
  const rankOne = (make: (entries: Entry[]) => Ranker) => {
    const answers = rows.map((row, i) => {
      const entries = entriesFromLabelled(rows.filter((_, j) => j !== i));
      return make(entries)(row.text);
    });
    let n = 0;
    const replay: Ranker = () => answers[n++]!;
    return evaluate(replay, rows, new Set(rows.map((r) => r.category)));
  };
  const started = performance.now();
  const ours = rankOne((entries) => searchRanker(ourSearcher(entries, synonyms)));
  const elapsed = performance.now() - started;
  const plainLunr = rankOne((entries) => plainLunrRanker(entries, language));
  return {
    name,
    kb: `${rows.length - 1} rows`,
    questions: `${rows.length} (leave-one-out)`,
    policy: DEFAULT_POLICY,
    ours,
    plainLunr,
    msPerQuestion: elapsed / rows.length,
  };
}

export function banking77(dataDir: string, k: number | 'all', evalOn: 'rest' | 'heldout' = 'rest'): BenchmarkResult {
  const rows = readBanking77(dataDir);
  const split: Split = banking77Split(rows, k, evalOn);
  // Thresholds from a tuning split of the pool (another seed), never from the rows we report on.
  const tune = banking77Split(rows, k, 'tune');
  const policy = calibrate(outcomesOn(entriesFromLabelled(tune.kb), tune.questions, synonymsOf()), { withOos: false });
  const label = evalOn === 'heldout' || k === 'all' ? 'held-out 20 %' : 'rest of train.csv';
  return runSplit(`banking77 k=${k}${evalOn === 'heldout' && k !== 'all' ? ' (held-out)' : ''}`, entriesFromLabelled(split.kb), split.questions, {
    language: 'en',
    policy,
    synonyms: synonymsOf(),
    kbLabel: `${split.kb.length} phrasings`,
    questionsLabel: `${split.questions.length} (${label})`,
  });
}

export function clinc150(dataDir: string): BenchmarkResult {
  const { train, oosTrain, val, oosVal } = readClincBank(dataDir);
  // Calibrated on `train` (5-fold) and `oos_train` only.
  const policy = calibrate(kFoldOutcomes(train, oosTrain, synonymsOf()), { withOos: true });
  return runSplit('clinc150 banking+credit_cards', entriesFromLabelled(train), [...val, ...oosVal], {
    language: 'en',
    policy,
    synonyms: synonymsOf(),
    kbLabel: `${train.length} phrasings (train)`,
    questionsLabel: `${val.length} val + ${oosVal.length} oos_val`,
  });
}

export function russian(dataDir: string, set: 'minds14' | 'banking77'): BenchmarkResult {
  return runLeaveOneOut(set === 'minds14' ? 'MInDS-14 ru' : 'Banking77 ru sample', readRussian(dataDir, set), 'ru', synonymsOf());
}

export const OWN_QUESTIONS = join('bench', 'data', 'own-questions.csv');

export function own(questionsFile = OWN_QUESTIONS, folder = defaultKnowledgeFolder()): BenchmarkResult {
  const result = loadKnowledge(folder);
  if (!result.ok) throw new Error(`the knowledge base in ${folder} does not load`);
  const kb = new KnowledgeBase(result.knowledge);
  const questions = parseLabelled(readFileSync(questionsFile, 'utf8'), questionsFile);
  return runSplit('own knowledge base', kb.entries, questions, {
    language: 'en+ru',
    policy: DEFAULT_POLICY,
    synonyms: synonymsOf(folder),
    kbLabel: `${kb.entries.length} entries`,
    questionsLabel: `${questions.filter((q) => q.category !== OOS).length} + ${questions.filter((q) => q.category === OOS).length} oos`,
  });
}
