import type { SourceKind } from '../bot/core/types';
import { lunr } from './lunrSetup';
import type { Entry } from './model';
import { entryIdOf } from './searchIndex';
import { tokenize } from './text';

export interface Candidate {
  entry: Entry;
  /** Aggregated lunr score of the entry's matching documents. */
  score: number;
  /** Share (by informativeness) of the question's words that this entry matched, 0–1. */
  coverage: number;
}

export type Decision = 'answer' | 'suggest' | 'none';

export interface SearchOutcome {
  decision: Decision;
  candidates: Candidate[];
  /** The content words searched for (after stop words), for logs and evaluation. */
  terms: string[];
}

/**
 * The confidence policy. An answer needs most of the question understood and a clear lead over the
 * runner-up; "did you mean" needs a fair part understood; below that we say there is no approved answer.
 * Calibrated on the evaluation sets (see README, "How search decides").
 */
export interface Policy {
  answerCoverage: number;
  answerMargin: number;
  suggestCoverage: number;
}

export const DEFAULT_POLICY: Policy = { answerCoverage: 0.6, answerMargin: 1.3, suggestCoverage: 0.34 };

export interface SearchOptions {
  kinds?: readonly SourceKind[];
  limit?: number;
  policy?: Policy;
}

/** Later documents of one entry add less and less, so many weak phrasings don't beat one strong one. */
const SECOND_DOC_WEIGHT = 0.35;
const PREFIX_MIN_LENGTH = 4;
const FUZZY_MIN_LENGTH = 5;

type StopFilter = (token: string) => string | undefined;

export class Searcher {
  private readonly entries: Map<string, Entry>;
  private readonly docCount: number;
  private readonly stopFilters: StopFilter[];
  private readonly searchPipeline: lunr.Pipeline;
  /** An entry's phrasing by its content words (sorted stems) → the entries that have it. */
  private readonly phrasingOwners = new Map<string, Set<string>>();

  constructor(
    readonly index: lunr.Index,
    entries: readonly Entry[],
  ) {
    this.entries = new Map(entries.map((e) => [e.id, e]));
    this.docCount = Object.keys((index as unknown as { fieldVectors: object }).fieldVectors).length || 1;
    const l = lunr as unknown as { stopWordFilter: StopFilter; ru: { stopWordFilter: StopFilter } };
    this.stopFilters = [l.stopWordFilter, l.ru.stopWordFilter];
    // The stemmers the index was built with; loaded indexes carry it too.
    this.searchPipeline = (index as unknown as { pipeline: lunr.Pipeline }).pipeline;
    for (const entry of entries) {
      for (const phrasing of entry.phrasings) {
        const stems = this.analyze(phrasing).map((t) => t.stem);
        // One word ("где моя карта" → карт) says too little to be a verbatim match.
        if (stems.length < 2) continue;
        const key = phrasingKey(stems);
        const owners = this.phrasingOwners.get(key) ?? new Set<string>();
        owners.add(entry.id);
        this.phrasingOwners.set(key, owners);
      }
    }
  }

  /** Content words of a question: our tokens without stop words, each with its stem. */
  analyze(question: string): { token: string; stem: string }[] {
    const seen = new Set<string>();
    const out: { token: string; stem: string }[] = [];
    for (const token of tokenize(question)) {
      if (this.stopFilters.some((f) => f(token) === undefined)) continue;
      const stem = this.searchPipeline.runString(token)[0] ?? token;
      if (seen.has(stem)) continue;
      seen.add(stem);
      out.push({ token, stem });
    }
    return out;
  }

  search(question: string, options: SearchOptions = {}): SearchOutcome {
    const policy = options.policy ?? DEFAULT_POLICY;
    const limit = options.limit ?? 3;
    const terms = this.analyze(question);
    if (terms.length === 0) return { decision: 'none', candidates: [], terms: [] };

    const results = this.index.query((q) => {
      for (const { token, stem } of terms) {
        q.term(stem, { usePipeline: false, boost: 1 });
        if (token.length >= PREFIX_MIN_LENGTH) {
          q.term(stem, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 0.25 });
        }
        if (token.length >= FUZZY_MIN_LENGTH) {
          q.term(stem, { usePipeline: false, editDistance: 1, boost: 0.2 });
        }
      }
    });

    const perEntry = new Map<string, { scores: number[]; matched: Set<string> }>();
    for (const result of results) {
      const id = entryIdOf(result.ref);
      const entry = this.entries.get(id);
      if (!entry) continue;
      if (options.kinds && !options.kinds.includes(entry.kind)) continue;
      const bucket = perEntry.get(id) ?? { scores: [], matched: new Set<string>() };
      bucket.scores.push(result.score);
      for (const term of Object.keys(result.matchData.metadata)) bucket.matched.add(term);
      perEntry.set(id, bucket);
    }

    const weights = terms.map((t) => this.weightOf(t.stem));
    const totalWeight = weights.reduce((a, b) => a + b, 0) || 1;
    const candidates: Candidate[] = [];
    for (const [id, bucket] of perEntry) {
      const scores = bucket.scores.sort((a, b) => b - a);
      let score = 0;
      let factor = 1;
      for (const s of scores) {
        score += s * factor;
        factor *= SECOND_DOC_WEIGHT;
      }
      let covered = 0;
      terms.forEach((t, i) => {
        if (matchesAny(t.stem, bucket.matched)) covered += weights[i] ?? 0;
      });
      candidates.push({ entry: this.entries.get(id)!, score, coverage: covered / totalWeight });
    }
    candidates.sort((a, b) => b.score - a.score || a.entry.id.localeCompare(b.entry.id));
    const top = candidates.slice(0, Math.max(limit, 3));
    let decision = decide(top, policy);
    // The question says exactly what one entry's own phrasing says: that is a clear best match, however
    // close a neighbour scores on shared words ("заблокировать карту" vs "карта заблокирована").
    const owners = this.phrasingOwners.get(phrasingKey(terms.map((t) => t.stem)));
    if (decision !== 'answer' && owners?.size === 1 && top[0] && owners.has(top[0].entry.id)) decision = 'answer';
    return { decision, candidates: top.slice(0, limit), terms: terms.map((t) => t.stem) };
  }

  /** Inverse document frequency of a stem; words the index has never seen count as informative. */
  private weightOf(stem: string): number {
    const posting = (this.index as unknown as { invertedIndex: Record<string, Record<string, object>> }).invertedIndex[stem];
    let df = 0;
    if (posting) {
      for (const [field, docs] of Object.entries(posting)) if (field !== '_index') df += Object.keys(docs).length;
    }
    const n = this.docCount;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }
}

function phrasingKey(stems: readonly string[]): string {
  return [...new Set(stems)].sort().join(' ');
}

/** A question word counts as matched by an exact stem, a prefix of a longer word, or one typo. */
function matchesAny(stem: string, matched: Set<string>): boolean {
  if (matched.has(stem)) return true;
  for (const term of matched) {
    if (stem.length >= PREFIX_MIN_LENGTH && term.startsWith(stem)) return true;
    if (stem.length >= FUZZY_MIN_LENGTH - 1 && withinOneEdit(stem, term)) return true;
  }
  return false;
}

export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (a.length < b.length) j++;
    else if (a[i] === b[j + 1] && a[i + 1] === b[j]) {
      // a transposition is one typo
      i += 2;
      j += 2;
    } else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

export function decide(candidates: readonly Candidate[], policy: Policy): Decision {
  const [first, second] = candidates;
  if (!first || first.coverage < policy.suggestCoverage) return 'none';
  const clearLead = !second || first.score >= second.score * policy.answerMargin;
  if (first.coverage >= policy.answerCoverage && clearLead) return 'answer';
  return 'suggest';
}
