import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Latency, Machine, Runs } from './measure';

export type Section = 'search' | 'reference' | 'desk' | 'platforms';

export interface Target {
  /** What the issue asks for, as printed: "p99 ≤ 10 ms". */
  label: string;
  op: '<=' | '>=';
  value: number;
  met: boolean;
}

/**
 * One measured figure. `value` is the headline number in `unit` (a latency figure's p99, a repeated
 * figure's median); `latency` or `runs` carries the distribution behind it.
 */
export interface Figure {
  section: Section;
  name: string;
  /** Who was measured: clientdesk, minisearch, lunr, sqlite… */
  subject: string;
  /** Entries, queries, issues, concurrency…: whatever decides the cost. */
  sizes: Record<string, number | string>;
  unit: string;
  value: number;
  latency?: Latency;
  runs?: Runs;
  target?: Target;
  note?: string;
  machine: Pick<Machine, 'cpu' | 'cores' | 'node'>;
}

export interface Results {
  tool: 'clientdesk bench';
  mode: 'quick' | 'full';
  seed: number;
  startedAt: string;
  finishedAt: string;
  machine: Machine;
  /**
   * The code measured: the commit and the files changed but not committed when the run started, and the
   * commit when it ended (others commit meanwhile; a child process loads the files as they are then).
   */
  code: { commit: string; uncommitted: string[]; commitAtEnd?: string };
  /** Load average when the run ended (the machine's at the start is in `machine`). */
  loadAverageAtEnd: number[];
  figures: Figure[];
  /** Parts that did not run, and why (an adapter not there yet, a failure). */
  skipped: { part: string; reason: string }[];
}

/** Where a benchmark part hands each figure as it is measured (the runner adds the machine). */
export type Emit = (figure: Omit<Figure, 'machine'>) => void;

export function target(label: string, op: Target['op'], limit: number, value: number): Target {
  return { label, op, value: limit, met: op === '<=' ? value <= limit : value >= limit };
}

const round = (v: number): string => {
  if (!Number.isFinite(v)) return '—';
  const abs = Math.abs(v);
  if (abs >= 1000) return Math.round(v).toLocaleString('en-US');
  if (abs >= 100) return v.toFixed(0);
  if (abs >= 10) return v.toFixed(1);
  if (abs >= 1) return v.toFixed(2);
  return v.toFixed(3);
};

function sizeText(sizes: Figure['sizes']): string {
  return Object.entries(sizes)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? v.toLocaleString('en-US') : v}`)
    .join(' ');
}

/** p50/p95/p99 for latencies, median and min–max for repeated runs, the value alone otherwise. */
function distribution(f: Figure): { count: string; center: string; tail: string; spread: string } {
  if (f.latency) {
    const l = f.latency;
    return {
      count: `${l.samples} samples`,
      center: `p50 ${round(l.p50)}`,
      tail: `p95 ${round(l.p95)} · p99 ${round(l.p99)}`,
      spread: `${round(l.min)}–${round(l.max)}`,
    };
  }
  if (f.runs) {
    const r = f.runs;
    return {
      count: `${r.runs} run${r.runs === 1 ? '' : 's'}`,
      center: `median ${round(r.median)}`,
      tail: '',
      spread: r.runs > 1 ? `${round(r.min)}–${round(r.max)} (sd ${round(r.stdev)})` : '',
    };
  }
  return { count: '', center: round(f.value), tail: '', spread: '' };
}

export function tableRows(figures: readonly Figure[]): string[][] {
  return figures.map((f) => {
    const d = distribution(f);
    const verdict = f.target ? `${f.target.met ? 'ok' : 'MISS'} (${f.target.label})` : '';
    return [f.section, f.name, f.subject, sizeText(f.sizes), f.unit, d.count, d.center, d.tail, d.spread, verdict];
  });
}

const HEADER = ['section', 'figure', 'subject', 'sizes', 'unit', 'n', 'value', 'tail', 'spread (min–max)', 'target'];

export function formatTable(figures: readonly Figure[]): string {
  const rows = [HEADER, ...tableRows(figures)];
  const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}

/** The same table as Markdown, for README.md. */
export function markdownTable(figures: readonly Figure[]): string {
  const rows = tableRows(figures).map((r) => `| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`);
  return [`| ${HEADER.join(' | ')} |`, `| ${HEADER.map(() => '---').join(' | ')} |`, ...rows].join('\n');
}

export function writeResults(file: string, results: Results): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
