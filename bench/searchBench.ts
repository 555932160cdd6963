import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './generate';
import { runsOf } from './measure';
import type { Emit, Figure } from './report';
import { target } from './report';
import type { InProcessPlan } from './searchInProcess';
import { spawnTimed } from './spawnTimed';

export interface SearchPlan extends Omit<InProcessPlan, 'cacheRoot'> {
  /** How progress lines name this knowledge base: "bundled", "10,000"… */
  label: string;
  entries: number;
  coldStarts: number;
  cachedStarts: number;
  /** One more cached start that times its parts. */
  breakdown: boolean;
  /** A generous bound on each child; a base that does not answer within it is reported, not waited for. */
  timeoutMs: number;
}

export type Skip = (part: string, reason: string) => void;

interface FirstAnswerOutput {
  answer?: string;
  fromCache?: boolean;
  sinceProcessStartMs: number;
  rssMb: number;
  phases?: Record<string, number>;
}

/** Started as `npm start` starts the bot: `node --import tsx` (no npx or tsx CLI process in front of it). */
function firstAnswer(args: string[], timeoutMs: number) {
  return spawnTimed<FirstAnswerOutput>(process.execPath, ['--import', 'tsx', 'bench/firstAnswer.ts', ...args], { cwd: ROOT, timeoutMs });
}

/** The cost of starting Node with tsx and no work: the floor under every first-answer figure. */
export async function benchProcessFloor(runs: number, emit: Emit): Promise<void> {
  const walls: number[] = [];
  for (let i = 0; i < runs; i++) walls.push((await firstAnswer(['--noop'], 120_000)).wallMs);
  emit({
    section: 'search',
    name: 'process start floor (node --import tsx, no work)',
    subject: 'node + tsx',
    sizes: {},
    unit: 'ms',
    value: runsOf(walls).median,
    runs: runsOf(walls),
    note: 'spawn to first output line of bench/firstAnswer.ts --noop; included in every first-answer figure',
  });
}

/**
 * The worker gets a larger heap than Node's default (about 4 GB here) so that a base too big for the
 * default still yields its latency and top-1; the first-answer children keep the default, as the bot does.
 */
const WORKER_HEAP_MB = 8192;

/** Runs bench/searchWorker.ts and hands on each figure it prints. */
function runWorker(planFile: string, timeoutMs: number, emit: Emit): Promise<void> {
  return new Promise((resolve, reject) => {
    const args = [`--max-old-space-size=${WORKER_HEAP_MB}`, '--import', 'tsx', 'bench/searchWorker.ts', planFile];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let pending = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no result within ${Math.round(timeoutMs / 60_000)} min`));
    }, timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (line.trim()) emit(JSON.parse(line) as Omit<Figure, 'machine'>);
        newline = pending.indexOf('\n');
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      err = (err + chunk).slice(-4000);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`worker ended (${signal ?? `exit ${code}`}): ${lastLines(err)}`));
    });
  });
}

/** The line of a child's error output that says what happened (a V8 fatal error comes with a stack dump). */
function lastLines(text: string): string {
  const lines = text.trim().split('\n').filter(Boolean);
  const fatal = lines.find((l) => /heap out of memory|FATAL ERROR|Error:|no answer within/.test(l));
  return (fatal ?? lines.at(-1) ?? '').trim().slice(0, 300);
}

/** In-process figures in a worker, then start-to-first-answer in fresh processes, for one knowledge base. */
export async function benchSearch(plan: SearchPlan, emit: Emit, skip: Skip): Promise<void> {
  const cacheRoot = mkdtempSync(join(tmpdir(), 'clientdesk-bench-cache-'));
  try {
    const planFile = join(cacheRoot, 'plan.json');
    const inProcess: InProcessPlan = { ...plan, cacheRoot };
    writeFileSync(planFile, JSON.stringify(inProcess));
    try {
      await runWorker(planFile, plan.timeoutMs, emit);
    } catch (error) {
      skip(`search in-process, ${plan.label} entries`, (error as Error).message);
    }
    try {
      await measureFirstAnswer(plan, cacheRoot, emit);
    } catch (error) {
      skip(`start to first answer, ${plan.label} entries`, lastLines((error as Error).message));
    }
  } finally {
    rmSync(cacheRoot, { recursive: true, force: true });
  }
}

async function measureFirstAnswer(plan: SearchPlan, cacheRoot: string, emit: Emit): Promise<void> {
  const question = plan.queries[0]?.text ?? 'как заблокировать карту';
  const sizes = { entries: plan.entries };
  const cold: number[] = [];
  for (let i = 0; i < plan.coldStarts; i++) {
    cold.push((await firstAnswer([plan.folder, join(cacheRoot, `cold-${i}`), question], plan.timeoutMs)).wallMs);
  }
  emit({
    section: 'search',
    name: 'start to first answer, no cache',
    subject: 'clientdesk',
    sizes,
    unit: 'ms',
    value: runsOf(cold).median,
    runs: runsOf(cold),
    note: 'spawn `node --import tsx bench/firstAnswer.ts` → openSnapshot() builds and writes the index → one search → first output line',
  });

  // The worker left a cache in warm/; if it failed, the first cold run left one in cold-0/.
  const warmDir = existsSync(join(cacheRoot, 'warm')) ? join(cacheRoot, 'warm') : join(cacheRoot, 'cold-0');
  const warm: number[] = [];
  const rss: number[] = [];
  let notCached = 0;
  for (let i = 0; i < plan.cachedStarts; i++) {
    const run = await firstAnswer([plan.folder, warmDir, question], plan.timeoutMs);
    if (!run.output.fromCache) notCached++;
    warm.push(run.wallMs);
    rss.push(run.output.rssMb);
  }
  const warmRuns = runsOf(warm);
  emit({
    section: 'search',
    name: 'start to first answer, cached index',
    subject: 'clientdesk',
    sizes,
    unit: 'ms',
    value: warmRuns.median,
    runs: warmRuns,
    target: plan.targets ? target('≤ 1.5 s', '<=', 1500, warmRuns.median) : undefined,
    note: `as above, the validated knowledge, the index and the re-ranker's model read from the cache (the YAML files are read and hashed, not parsed)${notCached ? `; ${notCached} run(s) found no usable cache and rebuilt` : ''}`,
  });
  const rssRuns = runsOf(rss);
  emit({
    section: 'search',
    name: 'resident memory after first answer (child)',
    subject: 'clientdesk',
    sizes,
    unit: 'MB',
    value: rssRuns.median,
    runs: rssRuns,
    target: plan.targets ? target('≤ 300 MB', '<=', 300, rssRuns.median) : undefined,
    note: 'process.memoryUsage().rss in the child after its first answer (cached start)',
  });

  if (!plan.breakdown) return;
  const breakdown = await firstAnswer(['--phases', plan.folder, warmDir, question], plan.timeoutMs);
  const phases = breakdown.output.phases ?? {};
  const duplicateLoad = phases['load YAML (timed apart)'] ?? 0;
  const inside = breakdown.output.sinceProcessStartMs - duplicateLoad;
  const wall = breakdown.wallMs - duplicateLoad;
  const named = (key: string) => (phases[key] ?? 0).toFixed(0);
  const measured = Object.values(phases).reduce((a, b) => a + b, 0) - duplicateLoad;
  emit({
    section: 'search',
    name: 'first answer breakdown (cached, one run)',
    subject: 'clientdesk',
    sizes,
    unit: 'ms',
    value: wall,
    note: [
      `process start before node's clock ${(wall - inside).toFixed(0)}`,
      `node boot + tsx ${(inside - measured).toFixed(0)}`,
      `import ${named('import')}`,
      `openSnapshot ${named('openSnapshot')} (of which YAML load ≈ ${named('load YAML (timed apart)')})`,
      `first search ${named('first search')}`,
    ].join(' · '),
  });
}
