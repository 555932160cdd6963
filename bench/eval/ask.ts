// `npm run eval:ask -- "question" ["question" …] [--kb FOLDER]`: what search makes of each question — the
// decision under DEFAULT_POLICY and the best three entries with the numbers the policy reads. For whoever
// writes phrasings: is a question found, and which neighbour competes with it?
import { parseArgs } from 'node:util';
import { defaultKnowledgeFolder } from '../../knowledge/folder';
import { formatKbError, loadKnowledge } from '../../knowledge/loader';
import { KnowledgeBase } from '../../knowledge/model';
import { synonymsOf } from './benchmarks';
import { ourSearcher } from './system';

const { values, positionals } = parseArgs({ options: { kb: { type: 'string' } }, allowPositionals: true });
const folder = values.kb ?? defaultKnowledgeFolder();
if (positionals.length === 0) {
  process.stderr.write('usage: npm run eval:ask -- "question" ["question" …] [--kb FOLDER]\n');
  process.exit(2);
}
const loaded = loadKnowledge(folder);
if (!loaded.ok) {
  process.stderr.write(`the knowledge base in ${folder} is invalid:\n${loaded.errors.map(formatKbError).join('\n')}\n`);
  process.exit(1);
}
const searcher = ourSearcher(new KnowledgeBase(loaded.knowledge).entries, synonymsOf(folder));
for (const question of positionals) {
  const outcome = searcher.search(question, { limit: 3 });
  const lines = outcome.candidates.map(
    (c) =>
      `  ${c.entry.id}  score ${c.score.toFixed(3)}  confidence ${c.confidence.toFixed(2)}  coverage ${c.coverage.toFixed(2)}${c.lead > 0 ? `  lead ${c.lead.toFixed(3)}` : ''}`,
  );
  process.stdout.write(`${question}\n  → ${outcome.decision} (${outcome.terms.length} content words)\n${lines.join('\n')}\n`);
}
