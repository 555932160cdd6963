// `npm run eval:ask -- "question" ["question" …] [--kb FOLDER]`: what search makes of each question — the
// decision under DEFAULT_POLICY and the best three entries with the numbers the policy reads. For whoever
// writes phrasings: is a question found, and which neighbour competes with it?
import { parseArgs } from 'node:util';
import { defaultKnowledgeFolder } from '../../knowledge/folder';
import type { Entry } from '../../knowledge/model';
import { synonymsOf } from './benchmarks';
import { loadEvalKb } from './kb';
import { ourSearcher } from './system';

const { values, positionals } = parseArgs({ options: { kb: { type: 'string' } }, allowPositionals: true });
const folder = values.kb ?? defaultKnowledgeFolder();
if (positionals.length === 0) {
  process.stderr.write('usage: npm run eval:ask -- "question" ["question" …] [--kb FOLDER]\n');
  process.exit(2);
}
let entries: Entry[] = [];
try {
  entries = loadEvalKb(folder);
} catch (error) {
  // An invalid base: its errors with file and line, without a stack trace.
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
const searcher = ourSearcher(entries, synonymsOf(folder));
for (const question of positionals) {
  const outcome = searcher.search(question, { limit: 3 });
  const lines = outcome.candidates.map(
    (c) =>
      `  ${c.entry.id}  score ${c.score.toFixed(3)}  confidence ${c.confidence.toFixed(2)}  coverage ${c.coverage.toFixed(2)}${c.lead > 0 ? `  lead ${c.lead.toFixed(3)}` : ''}`,
  );
  process.stdout.write(`${question}\n  → ${outcome.decision} (${outcome.terms.length} content words)\n${lines.join('\n')}\n`);
}
