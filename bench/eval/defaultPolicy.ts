// `npm run eval:calibrate`: the thresholds of DEFAULT_POLICY (the policy our own knowledge base is served
// with), from calibration data only — bench/eval/data/calibration-questions.csv (realistic staff questions
// written for calibration, asked of the whole bundled base as the bot is), calibration-vague.csv (bare
// keywords such as "карта" that several entries answer: "did you mean" is right there, a direct answer a
// guess) and calibration-oos.csv (off-topic questions). Never the evaluation's own-questions.csv.
// Our entries' phrasings 5-fold (each fold asked of the others) and CLINC150's bank `train` (5-fold) with
// `oos_train` are shown for comparison only: the phrasings are deliberately diverse alternates, much
// harder than real questions, and calibrating on them made the bot suggest where it should answer.
// `--with-phrasings` adds them as a second, equally weighted source. Paste the printed policy into
// knowledge/search.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultKnowledgeFolder } from '../../knowledge/folder';
import { loadKnowledge } from '../../knowledge/loader';
import { type Entry, KnowledgeBase } from '../../knowledge/model';
import { DEFAULT_POLICY } from '../../knowledge/search';
import { synonymsOf } from './benchmarks';
import { calibrate, kFoldOutcomes, outcomesOn, type Recorded, utility } from './calibrate';
import { type Labelled, parseLabelled } from './csv';
import { readClincBank } from './datasets';

const FOLDS = 5;
const readData = (name: string) => parseLabelled(readFileSync(join('bench', 'eval', 'data', name), 'utf8'));

/** Our entries with one fold of their phrasings taken out, and those phrasings as questions. */
function phrasingFolds(entries: readonly Entry[], oos: readonly Labelled[]): Recorded[] {
  const synonyms = synonymsOf();
  const recorded: Recorded[] = [];
  for (let f = 0; f < FOLDS; f++) {
    const questions: Labelled[] = [];
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

const { values } = parseArgs({
  options: { data: { type: 'string', default: '../shared/data' }, 'with-phrasings': { type: 'boolean', default: false } },
});
const loaded = loadKnowledge(defaultKnowledgeFolder());
if (!loaded.ok) throw new Error('the bundled knowledge base does not load');
const entries = new KnowledgeBase(loaded.knowledge).entries;
const oos = readData('calibration-oos.csv');
const questions = outcomesOn(
  entries,
  [...readData('calibration-questions.csv'), ...readData('calibration-vague.csv'), ...oos],
  synonymsOf(),
);
const phrasings = phrasingFolds(entries, oos);
const clinc = readClincBank(values.data);
const clincRecords = kFoldOutcomes(clinc.train, clinc.oosTrain, synonymsOf());
const policy = calibrate(values['with-phrasings'] ? [questions, phrasings] : questions, { withOos: true });
const report = (name: string, records: Recorded[]) =>
  `${name}: utility ${utility(records, DEFAULT_POLICY, true).toFixed(3)} now, ${utility(records, policy, true).toFixed(3)} calibrated`;
process.stdout.write(
  `${report('calibration questions', questions)}\n${report('phrasings 5-fold', phrasings)}\n${report('clinc', clincRecords)}\n${JSON.stringify(policy)}\n`,
);
