/**
 * Prints a results file as the Markdown table README.md carries.
 *
 * npx tsx bench/table.ts [bench/results.json]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './generate';
import { markdownTable, type Results } from './report';

const file = process.argv[2] ?? join(ROOT, 'bench/results.json');
const results = JSON.parse(readFileSync(file, 'utf8')) as Results;
const m = results.machine;
process.stdout.write(
  `${results.mode} run, ${results.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${m.cpu} × ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}; ` +
    `load average ${m.loadAverage.join(' / ')} at the start, ${results.loadAverageAtEnd.join(' / ')} at the end; ` +
    `code ${results.code.commit}${results.code.uncommitted.length ? ` with ${results.code.uncommitted.length} uncommitted file(s)` : ''}` +
    `${results.code.commitAtEnd && results.code.commitAtEnd !== results.code.commit ? `, ${results.code.commitAtEnd} when it ended` : ''}.\n\n`,
);
process.stdout.write(`${markdownTable(results.figures)}\n`);
if (results.skipped.length > 0) {
  process.stdout.write(`\nNot measured:\n${results.skipped.map((s) => `- ${s.part}: ${s.reason}`).join('\n')}\n`);
}
