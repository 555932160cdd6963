/**
 * `npm run bench [-- --quick] [-- --out PATH] [-- --only search,desk,platforms]`
 *
 * Measures search (bundled and generated knowledge bases, against MiniSearch and stock lunr), the
 * issue desk (logging rate against plain SQLite inserts, listing and digest over 100,000 open issues)
 * and, when their adapters exist, Slack and Teams at 50 concurrent requests. Prints a table and writes
 * the same figures as JSON (bench/results.json by default). Not part of `npm test`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadKnowledge } from '../knowledge/loader';
import { KnowledgeBase } from '../knowledge/model';
import { benchDesk, type DeskPlan } from './deskBench';
import { BUNDLED_KB, ROOT, writeKnowledgeBase } from './generate';
import { machine } from './measure';
import { benchPlatforms, type PlatformPlan } from './platformBench';
import { queriesForEntries, queriesForGenerated } from './queries';
import { type Emit, type Figure, formatTable, type Results, writeResults } from './report';
import { benchProcessFloor, benchSearch, type SearchPlan } from './searchBench';

const SEED = 20260301;

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    out: { type: 'string', default: join(ROOT, 'bench/results.json') },
    only: { type: 'string' },
  },
});
const quick = values.quick ?? false;
const parts = new Set((values.only ?? 'search,desk,platforms').split(',').map((p) => p.trim()));

const startedAt = new Date();
const host = machine();
const code = codeUnderTest();

/** Which code the figures are for: other work in the tree changes them. */
function codeUnderTest(): Results['code'] {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });
    } catch {
      return '';
    }
  };
  // Porcelain lines are "XY path": the two status columns may be spaces, so never trim before cutting them off.
  const uncommitted = git('status', '--porcelain', '--', 'bot', 'knowledge', 'commands', 'storage')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3));
  return { commit: git('rev-parse', '--short', 'HEAD').trim() || 'unknown', uncommitted };
}
const figures: Figure[] = [];
const skipped: Results['skipped'] = [];
const emit: Emit = (figure) => {
  const full: Figure = { ...figure, machine: { cpu: host.cpu, cores: host.cores, node: host.node } };
  figures.push(full);
  const verdict = full.target ? ` [${full.target.met ? 'ok' : 'MISS'} ${full.target.label}]` : '';
  const size = Object.values(full.sizes).join('/');
  process.stderr.write(`  ${full.section} · ${full.name} · ${full.subject} ${size}: ${formatValue(full.value)} ${full.unit}${verdict}\n`);
};

function formatValue(v: number): string {
  return Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(3);
}

interface SizePlan {
  entries: number | 'bundled';
  queries: number;
  loadRuns: number;
  buildRuns: number;
  coldStarts: number;
  cachedStarts: number;
  breakdown: boolean;
}

// Quick mode measures the bundled base only: every generated size costs more than its minute.
const SEARCH_SIZES: SizePlan[] = quick
  ? [{ entries: 'bundled', queries: 150, loadRuns: 1, buildRuns: 1, coldStarts: 1, cachedStarts: 2, breakdown: false }]
  : [
      { entries: 'bundled', queries: 300, loadRuns: 5, buildRuns: 5, coldStarts: 5, cachedStarts: 5, breakdown: true },
      { entries: 1000, queries: 500, loadRuns: 3, buildRuns: 3, coldStarts: 3, cachedStarts: 5, breakdown: true },
      { entries: 10_000, queries: 500, loadRuns: 2, buildRuns: 2, coldStarts: 2, cachedStarts: 3, breakdown: true },
      { entries: 50_000, queries: 500, loadRuns: 1, buildRuns: 1, coldStarts: 1, cachedStarts: 2, breakdown: true },
    ];

const DESK: DeskPlan = quick
  ? { seed: SEED, issues: 1500, batches: 3, openIssues: 100_000, spreads: ['skewed'], departments: 50, samples: 3 }
  : { seed: SEED, issues: 20_000, batches: 5, openIssues: 100_000, spreads: ['even', 'skewed'], departments: 50, samples: 20 };

const skip = (part: string, reason: string) => {
  skipped.push({ part, reason });
  process.stderr.write(`  skipped ${part}: ${reason}\n`);
};

const PLATFORMS: PlatformPlan = quick
  ? { concurrency: 50, rounds: 2, warmupRounds: 1, sequential: 20 }
  : { concurrency: 50, rounds: 40, warmupRounds: 4, sequential: 200 };

async function runSearch(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'clientdesk-bench-kb-'));
  try {
    await benchProcessFloor(quick ? 1 : 5, emit);
    for (const size of SEARCH_SIZES) {
      const label = size.entries === 'bundled' ? 'bundled' : size.entries.toLocaleString('en-US');
      process.stderr.write(`search: ${label} knowledge base\n`);
      let folder: string;
      let queries: SearchPlan['queries'];
      let entries: number;
      if (size.entries === 'bundled') {
        folder = BUNDLED_KB;
        const loaded = loadKnowledge(folder);
        if (!loaded.ok) throw new Error('the bundled knowledge base does not load; run npm run kb:check');
        const kb = new KnowledgeBase(loaded.knowledge);
        entries = kb.entries.length;
        queries = queriesForEntries(kb.entries, SEED, size.queries);
      } else {
        folder = join(work, `kb-${size.entries}`);
        const written = writeKnowledgeBase(folder, { seed: SEED, entries: size.entries });
        entries = size.entries;
        queries = queriesForGenerated(written.entries, SEED, size.queries);
      }
      await benchSearch(
        {
          label,
          entries,
          folder,
          queries,
          loadRuns: size.loadRuns,
          buildRuns: size.buildRuns,
          warmup: quick ? 50 : 200,
          passes: quick ? 2 : 3,
          queryBudgetMs: quick ? 5_000 : 90_000,
          coldStarts: size.coldStarts,
          cachedStarts: size.cachedStarts,
          breakdown: size.breakdown,
          targets: size.entries === 10_000,
          timeoutMs: quick ? 120_000 : 30 * 60_000,
        },
        emit,
        skip,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  process.stderr.write(`clientdesk bench (${quick ? 'quick' : 'full'}) on ${host.cpu}, ${host.cores} cores, Node ${host.node}, load ${host.loadAverage.join(' ')}\n`);
  process.stderr.write(`code: ${code.commit}${code.uncommitted.length ? ` + ${code.uncommitted.length} uncommitted file(s) under bot/ knowledge/ commands/ storage/` : ''}\n`);
  if (parts.has('search')) await runSearch();
  if (parts.has('desk')) {
    process.stderr.write('desk: issue logging, listing and digest\n');
    await benchDesk(DESK, emit);
  }
  if (parts.has('platforms')) {
    process.stderr.write('platforms: Slack and Teams at 50 concurrent requests\n');
    await benchPlatforms(PLATFORMS, emit, skip);
  }
  const results: Results = {
    tool: 'clientdesk bench',
    mode: quick ? 'quick' : 'full',
    seed: SEED,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: host,
    code: { ...code, commitAtEnd: codeUnderTest().commit },
    loadAverageAtEnd: machine().loadAverage,
    figures,
    skipped,
  };
  const out = resolve(values.out ?? join(ROOT, 'bench/results.json'));
  writeResults(out, results);
  process.stdout.write(`\n${formatTable(figures)}\n\n`);
  const misses = figures.filter((f) => f.target && !f.target.met);
  process.stdout.write(`${figures.length} figures in ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s; ${misses.length} target(s) missed; written to ${out}\n`);
}

await main();
