// The evaluator: `npm run eval -- --kb FOLDER_OR_CSV --questions CSV [--json]`, or a public benchmark:
// `npm run eval -- --benchmark banking77|clinc150|minds14|ru-banking77|own|all [--k 5|10|all] [--data DIR]`.
// See README.md.
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_POLICY, type Policy } from '../knowledge/search';
import { parseLabelled } from './eval/csv';
import { banking77, type BenchmarkResult, clinc150, own, runSplit, russian, synonymsOf } from './eval/benchmarks';
import { loadEvalKb } from './eval/kb';
import { formatResults } from './eval/report';

const USAGE = `usage:
  npm run eval -- --kb FOLDER_OR_CSV --questions CSV [--policy JSON] [--json]
  npm run eval -- --benchmark banking77 [--k 5|10|all] [--heldout] [--data DIR] [--json]
  npm run eval -- --benchmark clinc150|minds14|ru-banking77|own|all [--data DIR] [--json]`;

function main(): void {
  const { values } = parseArgs({
    options: {
      kb: { type: 'string' },
      questions: { type: 'string' },
      benchmark: { type: 'string' },
      k: { type: 'string' },
      heldout: { type: 'boolean', default: false },
      data: { type: 'string', default: '../shared/data' },
      policy: { type: 'string' },
      language: { type: 'string', default: 'en+ru' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const results: BenchmarkResult[] = [];
  if (values.benchmark) {
    const data = values.data;
    const names = values.benchmark === 'all' ? ['banking77', 'clinc150', 'minds14', 'ru-banking77', 'own'] : values.benchmark.split(',');
    for (const name of names) {
      switch (name) {
        case 'banking77': {
          const ks = values.k ? [values.k] : ['5', '10', 'all'];
          for (const k of ks) {
            const kk = k === 'all' ? 'all' : Number(k);
            if (kk !== 'all' && !(kk > 0)) throw new Error(`--k must be a number or "all", not "${k}"`);
            results.push(banking77(data, kk, 'rest'));
            if (values.heldout && kk !== 'all') results.push(banking77(data, kk, 'heldout'));
          }
          break;
        }
        case 'clinc150':
          results.push(clinc150(data));
          break;
        case 'minds14':
          results.push(russian(data, 'minds14'));
          break;
        case 'ru-banking77':
          results.push(russian(data, 'banking77'));
          break;
        case 'own':
          results.push(own(values.questions));
          break;
        default:
          throw new Error(`unknown benchmark "${name}"\n${USAGE}`);
      }
      if (!values.json) process.stderr.write(`done: ${name}\n`);
    }
  } else {
    if (!values.kb || !values.questions) throw new Error(USAGE);
    const entries = loadEvalKb(values.kb);
    const questions = parseLabelled(readFileSync(values.questions, 'utf8'), values.questions);
    const policy: Policy = values.policy ? { ...DEFAULT_POLICY, ...(JSON.parse(readFileSync(values.policy, 'utf8')) as Partial<Policy>) } : DEFAULT_POLICY;
    const language = values.language as 'en' | 'ru' | 'en+ru';
    if (!['en', 'ru', 'en+ru'].includes(language)) throw new Error('--language is en, ru or en+ru (for the plain lunr baseline)');
    results.push(
      runSplit(values.kb, entries, questions, {
        language,
        policy,
        // A YAML folder brings its own synonyms; a CSV base is searched with the bundled ones.
        synonyms: statSync(values.kb).isDirectory() ? synonymsOf(values.kb) : synonymsOf(),
        kbLabel: `${entries.length} entries`,
        questionsLabel: `${questions.length} questions`,
      }),
    );
  }
  // For scripts: our metrics at the top level (top1, top3, mrr, answeredCorrect, oosRefused, counts…),
  // the plain lunr baseline beside them.
  const flat = results.map((r) => ({ benchmark: r.name, knowledgeBase: r.kb, questionSet: r.questions, ...r.ours, policy: r.policy, plainLunr: r.plainLunr, msPerQuestion: r.msPerQuestion }));
  if (values.json) process.stdout.write(`${JSON.stringify(flat.length === 1 ? flat[0] : flat, null, 2)}\n`);
  else process.stdout.write(`${formatResults(results)}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`eval: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
