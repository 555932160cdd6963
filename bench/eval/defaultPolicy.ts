// `npm run eval:calibrate`: the thresholds of DEFAULT_POLICY (the policy our own knowledge base is served
// with), from training data only — its entries' phrasings (5-fold: each fold asked of the others) and
// bench/eval/data/calibration-oos.csv (off-topic questions written for calibration, not the
// evaluation's). CLINC150's bank `train` (5-fold) with `oos_train` is shown for comparison: the public
// benchmarks calibrate their own policies. Paste the printed policy into knowledge/search.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultKnowledgeFolder } from '../../knowledge/folder';
import { loadKnowledge } from '../../knowledge/loader';
import { type Entry, KnowledgeBase } from '../../knowledge/model';
import { type Recorded, calibrate, kFoldOutcomes, outcomesOn, utility } from './calibrate';
import { parseLabelled } from './csv';
import { readClincBank } from './datasets';
import { synonymsOf } from './benchmarks';
import { DEFAULT_POLICY } from '../../knowledge/search';

const FOLDS = 5;

/** Our entries with one fold of their phrasings taken out, and those phrasings as questions. */
function ownFolds(entries: readonly Entry[]): Recorded[] {
  const synonyms = synonymsOf();
  const oos = parseLabelled(readFileSync(join('bench', 'eval', 'data', 'calibration-oos.csv'), 'utf8'));
  const recorded: Recorded[] = [];
  for (let f = 0; f < FOLDS; f++) {
    const questions: { text: string; category: string }[] = [];
    const kb = entries.map((e) => {
      const kept = e.phrasings.filter((p, i) => {
        // Keep the entry's own question (first) so no entry vanishes from the base.
        const out = i > 0 && i % FOLDS === f;
        if (out) questions.push({ text: p, category: e.id });
        return !out;
      });
      return { ...e, phrasings: kept };
    });
    questions.push(...oos.filter((_, i) => i % FOLDS === f));
    recorded.push(...outcomesOn(kb, questions, synonyms));
  }
  return recorded;
}

const { values } = parseArgs({ options: { data: { type: 'string', default: '../shared/data' } } });
const loaded = loadKnowledge(defaultKnowledgeFolder());
if (!loaded.ok) throw new Error('the bundled knowledge base does not load');
const own = ownFolds(new KnowledgeBase(loaded.knowledge).entries);
const clinc = readClincBank(values.data);
const clincRecords = kFoldOutcomes(clinc.train, clinc.oosTrain, synonymsOf());
const policy = calibrate(own, { withOos: true });
const report = (name: string, records: Recorded[]) =>
  `${name}: utility ${utility(records, DEFAULT_POLICY, true).toFixed(3)} now, ${utility(records, policy, true).toFixed(3)} calibrated`;
process.stdout.write(`${report('own', own)}\n${report('clinc', clincRecords)}\n${JSON.stringify(policy)}\n`);
