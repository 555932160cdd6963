import type { BenchmarkResult } from './benchmarks';
import type { Metrics } from './metrics';

const pct = (x: number | undefined) => (x === undefined ? '—' : `${(100 * x).toFixed(1)} %`);

/** A Markdown table, one row per benchmark: people read it, the README quotes it. */
export function formatResults(results: readonly BenchmarkResult[]): string {
  const header = [
    'benchmark',
    'knowledge base',
    'questions',
    'top-1',
    'top-3',
    'MRR',
    'answered',
    'did you mean',
    'no answer',
    'answered correctly',
    'answered wrongly',
    'OOS refused',
    'plain lunr top-1',
    'plain lunr top-3',
    'plain lunr MRR',
    'ms/question',
  ];
  const row = (r: BenchmarkResult) => {
    const o: Metrics = r.ours;
    return [
      r.name,
      r.kb,
      r.questions,
      pct(o.top1),
      pct(o.top3),
      o.mrr.toFixed(3),
      pct(o.answered),
      pct(o.suggested),
      pct(o.none),
      pct(o.answeredCorrect),
      pct(o.answeredWrong),
      o.outOfScope > 0 ? pct(o.oosRefused) : '—',
      pct(r.plainLunr.top1),
      pct(r.plainLunr.top3),
      r.plainLunr.mrr.toFixed(3),
      r.msPerQuestion.toFixed(2),
    ];
  };
  const lines = [header, header.map(() => '---'), ...results.map(row)];
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
