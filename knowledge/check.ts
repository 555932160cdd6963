// `npm run kb:check -- [FOLDER]`: validates every file of a knowledge folder and prints every error.
import { resolve } from 'node:path';
import { defaultKnowledgeFolder } from './folder';
import { formatKbError, loadKnowledge } from './loader';

const folder = resolve(process.argv[2] ?? process.env.CLIENTDESK_KB ?? defaultKnowledgeFolder());
const result = loadKnowledge(folder);
if (result.ok) {
  const s = result.knowledge.sections;
  console.log(
    `${folder}: OK — ${s.answers.length} answers, ${s.rights.reduce((n, r) => n + r.articles.length, 0)} rights articles, ` +
      `${s.products.length} products, ${s.playbooks.length} playbooks, ${s.departments.length} departments, ` +
      `${result.knowledge.files.length} files`,
  );
} else {
  for (const error of result.errors) console.log(formatKbError(error));
  console.log(`\n${result.errors.length} error(s) in ${folder}`);
  process.exitCode = 1;
}
