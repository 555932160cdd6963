/**
 * Loads a knowledge folder and answers one question, as a freshly started bot does, then prints one
 * JSON line and exits. The benchmark spawns it (`npx tsx bench/firstAnswer.ts FOLDER CACHE_DIR QUESTION`)
 * and times it from spawn to that line.
 *
 * `--noop` prints at once without loading anything: the cost of starting npx, tsx and Node alone.
 * `--phases` times the import, the YAML load (apart), openSnapshot and the first search, for the breakdown.
 */
export {};

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const [folder, cacheDir, question] = args.filter((a) => !a.startsWith('--'));

const rssMb = () => Math.round((process.memoryUsage().rss / 1024 / 1024) * 10) / 10;

if (flags.has('--noop')) {
  process.stdout.write(`${JSON.stringify({ noop: true, sinceProcessStartMs: performance.now(), rssMb: rssMb() })}\n`);
  process.exit(0);
}
if (!folder || !cacheDir || !question) {
  process.stderr.write('usage: tsx bench/firstAnswer.ts [--phases] FOLDER CACHE_DIR QUESTION\n');
  process.exit(2);
}

// Imported here, not at the top, so that `--noop` measures the process alone.
const importStart = performance.now();
const { openSnapshot } = await import('../knowledge/service');
const importMs = performance.now() - importStart;

if (flags.has('--phases')) {
  // The YAML load is timed on its own first (openSnapshot's parts change as search evolves; its
  // signature doesn't), then openSnapshot as a whole: the rest of it is the index and the searcher.
  const { loadKnowledge } = await import('../knowledge/loader');
  const phases: Record<string, number> = { import: importMs };
  const step = <T>(name: string, work: () => T): T => {
    const start = performance.now();
    const value = work();
    phases[name] = performance.now() - start;
    return value;
  };
  step('load YAML (timed apart)', () => loadKnowledge(folder));
  const snapshot = step('openSnapshot', () => openSnapshot(folder, cacheDir));
  const outcome = step('first search', () => snapshot.searcher.search(question));
  process.stdout.write(
    `${JSON.stringify({ answer: outcome.candidates[0]?.entry.id, fromCache: snapshot.fromCache, phases, sinceProcessStartMs: performance.now(), rssMb: rssMb() })}\n`,
  );
} else {
  const snapshot = openSnapshot(folder, cacheDir);
  const outcome = snapshot.searcher.search(question);
  process.stdout.write(
    `${JSON.stringify({
      answer: outcome.candidates[0]?.entry.id,
      decision: outcome.decision,
      fromCache: snapshot.fromCache,
      sinceProcessStartMs: performance.now(),
      rssMb: rssMb(),
    })}\n`,
  );
}
