// `npx tsx bench/eval/tune.ts`: ranking on the data tuning may see — Banking77 k=10 drawn from the
// 80 % pool with another seed (evaluated on the rest of the pool) and our own entries' phrasings
// 5-fold. Never the reported splits, never bench/data/own-questions.csv.
import { defaultKnowledgeFolder } from '../../knowledge/folder';
import { loadKnowledge } from '../../knowledge/loader';
import { KnowledgeBase } from '../../knowledge/model';
import { synonymsOf } from './benchmarks';
import { type Recorded, outcomesOn } from './calibrate';
import { banking77Split, readBanking77 } from './datasets';
import { entriesFromLabelled } from './kb';

const FOLDS = 5;
const summary = (name: string, r: Recorded[]) => {
  const inScope = r.filter((x) => x.inScope);
  const top1 = inScope.filter((x) => x.position === 0).length / inScope.length;
  const top3 = inScope.filter((x) => x.position >= 0 && x.position < 3).length / inScope.length;
  return `${name}: top-1 ${(100 * top1).toFixed(1)} %, top-3 ${(100 * top3).toFixed(1)} % (${inScope.length})`;
};
const which = (process.argv[2] ?? 'own,b77').split(',');
if (which.includes('own')) {
  const loaded = loadKnowledge(defaultKnowledgeFolder());
  if (!loaded.ok) throw new Error('the bundled knowledge base does not load');
  const entries = new KnowledgeBase(loaded.knowledge).entries;
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
    recorded.push(...outcomesOn(kb, questions, synonymsOf()));
  }
  process.stdout.write(`${summary('own phrasings 5-fold', recorded)}\n`);
}
if (which.includes('b77all')) {
  const tune = banking77Split(readBanking77('../shared/data'), 'all', 'tune');
  process.stdout.write(`${summary('banking77 all tune', outcomesOn(entriesFromLabelled(tune.kb), tune.questions, synonymsOf()))}\n`);
}
if (which.includes('b77')) {
  const tune = banking77Split(readBanking77('../shared/data'), 10, 'tune');
  process.stdout.write(`${summary('banking77 k=10 tune', outcomesOn(entriesFromLabelled(tune.kb), tune.questions, synonymsOf()))}\n`);
}
