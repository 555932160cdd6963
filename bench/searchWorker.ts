/**
 * One knowledge base's in-process search measurements in a process of its own, so that its memory
 * figures are its own and a base too big for the heap fails alone. Prints one JSON figure a line.
 *
 * node --import tsx bench/searchWorker.ts PLAN.json
 */
import { readFileSync } from 'node:fs';
import { type InProcessPlan, measureInProcess } from './searchInProcess';

const planFile = process.argv[2];
if (!planFile) {
  process.stderr.write('usage: node --import tsx bench/searchWorker.ts PLAN.json\n');
  process.exit(2);
}
const plan = JSON.parse(readFileSync(planFile, 'utf8')) as InProcessPlan;
measureInProcess(plan, (figure) => process.stdout.write(`${JSON.stringify(figure)}\n`));
