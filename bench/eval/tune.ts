// `npx tsx bench/eval/tune.ts [own,b77,b77all,kind]`: ranking on the data tuning may see — Banking77 k=10
// drawn from the 80 % pool with another seed (evaluated on the rest of the pool), our own entries'
// phrasings 5-fold, and (`kind`) the calibration questions. Never the reported splits, never
// bench/data/own-questions.csv.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultKnowledgeFolder } from '../../knowledge/folder';
import { loadKnowledge } from '../../knowledge/loader';
import { type Entry, KnowledgeBase } from '../../knowledge/model';
import type { SearcherOptions } from '../../knowledge/search';
import { synonymsOf } from './benchmarks';
import { type Recorded, outcomesOn } from './calibrate';
import { banking77Split, readBanking77 } from './datasets';
import { parseLabelled } from './csv';
import { entriesFromLabelled } from './kb';

const FOLDS = 5;
const summary = (name: string, r: Recorded[]) => {
  const inScope = r.filter((x) => x.inScope);
  const top1 = inScope.filter((x) => x.position === 0).length / inScope.length;
  const top3 = inScope.filter((x) => x.position >= 0 && x.position < 3).length / inScope.length;
  return `${name}: top-1 ${(100 * top1).toFixed(1)} %, top-3 ${(100 * top3).toFixed(1)} % (${inScope.length})`;
};
const which = (process.argv[2] ?? 'own,b77').split(',');
const bundled = () => {
  const loaded = loadKnowledge(defaultKnowledgeFolder());
  if (!loaded.ok) throw new Error('the bundled knowledge base does not load');
  return new KnowledgeBase(loaded.knowledge).entries;
};
/** Our entries' phrasings 5-fold: each fold asked of the entries without it (their first phrasing stays). */
const phrasingFolds = (entries: readonly Entry[], options: Pick<SearcherOptions, 'kindPriorWeight'> = {}) => {
  const recorded: Recorded[] = [];
  for (let f = 0; f < FOLDS; f++) {
    const questions: { text: string; category: string }[] = [];
    const kb = entries.map((e) => ({
      ...e,
      phrasings: e.phrasings.filter((p, i) => {
        const out = i > 0 && i % FOLDS === f;
        if (out) questions.push({ text: p, category: e.id });
        return !out;
      }),
    }));
    recorded.push(...outcomesOn(kb, questions, synonymsOf(), options));
  }
  return recorded;
};
if (which.includes('own')) {
  process.stdout.write(`${summary('own phrasings 5-fold', phrasingFolds(bundled()))}\n`);
}
if (which.includes('kind')) {
  // How much the kind of entry counts (KIND_PRIOR_WEIGHT): the calibration questions and our phrasings 5-fold.
  const entries = bundled();
  const calibration = parseLabelled(readFileSync(join('bench', 'eval', 'data', 'calibration-questions.csv'), 'utf8'));
  for (const kindPriorWeight of [0, 0.02, 0.05, 0.1, 0.2, 0.4]) {
    const options = { kindPriorWeight };
    process.stdout.write(
      `kind prior ${kindPriorWeight}: ${summary('calibration', outcomesOn(entries, calibration, synonymsOf(), options))}; ${summary('own phrasings 5-fold', phrasingFolds(entries, options))}\n`,
    );
  }
}
if (which.includes('b77all')) {
  const tune = banking77Split(readBanking77('../shared/data'), 'all', 'tune');
  process.stdout.write(`${summary('banking77 all tune', outcomesOn(entriesFromLabelled(tune.kb), tune.questions, synonymsOf()))}\n`);
}
if (which.includes('b77')) {
  const tune = banking77Split(readBanking77('../shared/data'), 10, 'tune');
  process.stdout.write(`${summary('banking77 k=10 tune', outcomesOn(entriesFromLabelled(tune.kb), tune.questions, synonymsOf()))}\n`);
}
