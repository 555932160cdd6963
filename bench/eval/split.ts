// `npm run eval:split -- --benchmark banking77 --k 10 [--heldout] --out DIR [--data DIR]`, or
// `--benchmark clinc150 --out DIR`: writes the chosen phrasings and the questions as `text,category`
// files (DIR/kb.csv, DIR/questions.csv), so `npm run eval -- --kb DIR/kb.csv --questions DIR/questions.csv`
// runs the same evaluation on them — or any other system does.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeLabelled } from './csv';
import { banking77Split, readBanking77, readClincBank, readRussian, type Split } from './datasets';

const { values } = parseArgs({
  options: {
    benchmark: { type: 'string', default: 'banking77' },
    k: { type: 'string', default: '10' },
    heldout: { type: 'boolean', default: false },
    out: { type: 'string' },
    data: { type: 'string', default: '../shared/data' },
  },
});
if (!values.out) {
  process.stderr.write('usage: npm run eval:split -- --benchmark banking77|clinc150|minds14|ru-banking77 [--k 5|10|all] [--heldout] --out DIR\n');
  process.exit(1);
}
let split: Split;
switch (values.benchmark) {
  case 'banking77': {
    const k = values.k === 'all' ? 'all' : Number(values.k);
    split = banking77Split(readBanking77(values.data), k, values.heldout ? 'heldout' : 'rest');
    break;
  }
  case 'clinc150': {
    const c = readClincBank(values.data);
    split = { kb: c.train, questions: [...c.val, ...c.oosVal] };
    break;
  }
  case 'minds14':
  case 'ru-banking77': {
    // Leave-one-out has no single split: the whole set, for other tools' own cross-validation.
    const rows = readRussian(values.data, values.benchmark === 'minds14' ? 'minds14' : 'banking77');
    split = { kb: rows, questions: rows };
    break;
  }
  default:
    throw new Error(`unknown benchmark "${values.benchmark}"`);
}
mkdirSync(values.out, { recursive: true });
writeFileSync(join(values.out, 'kb.csv'), writeLabelled(split.kb));
writeFileSync(join(values.out, 'questions.csv'), writeLabelled(split.questions));
process.stdout.write(`${split.kb.length} phrasings → ${join(values.out, 'kb.csv')}\n${split.questions.length} questions → ${join(values.out, 'questions.csv')}\n`);
