// `npx tsx bench/eval/latency.ts [--entries 10000] [--data DIR]`: a rough p50/p99 of one search over a
// knowledge base of N entries made of public phrasings (Banking77 + CLINC150, --phrasings a entry, 3 by default). The benchmark
// suite measures it formally; this is the evaluator's own check.
import { parseArgs } from 'node:util';
import type { Entry } from '../../knowledge/model';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBanking77, rng, shuffled } from './datasets';
import { ourSearcher } from './system';

const { values } = parseArgs({
  options: { entries: { type: 'string', default: '10000' }, phrasings: { type: 'string', default: '3' }, data: { type: 'string', default: '../shared/data' } },
});
const n = Number(values.entries);
const PER_ENTRY = Number(values.phrasings);
const clinc = JSON.parse(readFileSync(join(values.data, 'clinc150', 'clinc150_train_val.json'), 'utf8')) as Record<string, [string, string][]>;
const texts = shuffled([...readBanking77(values.data).map((r) => r.text), ...Object.values(clinc).flat().map(([t]) => t)], rng(7));
const entries: Entry[] = Array.from({ length: n }, (_, i) => ({
  id: `e${i}`,
  kind: 'answer',
  title: texts[(i * PER_ENTRY) % texts.length]!,
  phrasings: Array.from({ length: PER_ENTRY }, (_, k) => texts[(i * PER_ENTRY + k) % texts.length]!),
  tags: [],
  body: '',
  owner: 'x',
  reviewed: '',
  reviewBy: '',
}));
let t = performance.now();
const searcher = ourSearcher(entries);
const buildMs = performance.now() - t;
const queries = shuffled(texts, rng(8)).slice(0, 2000);
for (const q of queries.slice(0, 100)) searcher.search(q); // warm up
const times: number[] = [];
for (const q of queries) {
  t = performance.now();
  searcher.search(q);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(2);
process.stdout.write(`${n} entries × ${PER_ENTRY} phrasings, built in ${(buildMs / 1000).toFixed(1)} s; ${times.length} searches: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms\n`);
