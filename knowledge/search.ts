import type { SourceKind } from '../bot/core/types';
import { EntryModel, SCALE } from './entryModel';
import { lunr } from './lunrSetup';
import type { Entry } from './model';
import type { SynonymGroup } from './schema/synonyms';
import { Synonyms } from './synonyms';
import { tokenize } from './text';

export interface Candidate {
  entry: Entry;
  /**
   * Similarity of the question to the entry, about 0–1: the cosine to all the entry's phrasings taken
   * together (words, word pairs, character n-grams), corrected by weights learned from the phrasings.
   */
  score: number;
  /** Share (by informativeness) of the question's words that this entry matched, 0–1. */
  coverage: number;
  /** The entry's share of the evidence among the candidates (a softmax of the scores), 0–1. */
  confidence: number;
  /** The highest coverage among the other candidates: is this entry the only one the words point to? */
  rivalCoverage: number;
  /** For the best candidate, how far its score is above the runner-up's (its own score when alone); 0 for the rest. */
  lead: number;
}

export type Decision = 'answer' | 'suggest' | 'none';

export interface SearchOutcome {
  decision: Decision;
  candidates: Candidate[];
  /** The content words searched for (after stop words), for logs and evaluation. */
  terms: string[];
}

/**
 * The confidence policy. An answer needs a similar entry that clearly leads the others and covers most
 * of the question; "did you mean" needs a fair similarity and part of the question understood; below
 * that we say there is no approved answer. Calibrated on training data only (bench/eval/calibrate.ts;
 * see README.md, "How search decides").
 */
export interface Policy {
  /** The best entry's similarity needed to answer directly. */
  answerScore: number;
  /** The best entry's share of the evidence (softmax over candidates) needed to answer directly. */
  answerConfidence: number;
  /** The share of the question's words the best entry must match to answer directly. */
  answerCoverage: number;
  /**
   * A question of at least LEAD_MIN_WORDS content words is also answered directly when the best entry's
   * score is this far above the runner-up's (with the coverage and suggestion floors met), whatever its
   * share of the evidence: a clear lead on a specific question. 1 turns the rule off.
   */
  answerLead: number;
  /** Below this similarity: no approved answer. */
  suggestScore: number;
  /** Below this coverage: no approved answer. */
  suggestCoverage: number;
}

/**
 * From `npm run eval:calibrate`: calibration data only (bench/eval/data/calibration-questions.csv, realistic
 * staff questions asked of the bundled base, with calibration-vague.csv and calibration-oos.csv), never the
 * evaluation's questions.
 */
export const DEFAULT_POLICY: Policy = {
  answerScore: 0.75,
  answerConfidence: 0.95,
  answerCoverage: 0.6,
  answerLead: 0.15,
  suggestScore: 0.225,
  suggestCoverage: 0.34,
};

export interface SearchOptions {
  kinds?: readonly SourceKind[];
  limit?: number;
  policy?: Policy;
}

export interface SearcherOptions {
  synonyms?: readonly SynonymGroup[];
  /** Learn term weights from the phrasings (default); off only to measure what it adds. */
  train?: boolean;
  /** The re-ranker's model for these entries, when already built or read from the cache. */
  model?: EntryModel;
  /** Only to measure it: see KIND_PRIOR_WEIGHT in entryModel.ts. */
  kindPriorWeight?: number;
}

const PREFIX_MIN_LENGTH = 4;
const FUZZY_MIN_LENGTH = 5;
/** How many of lunr's best entries the re-ranker sees. */
const RERANK_DEPTH = 100;
/**
 * A base with more entries than this is "large": lunr looks candidates up only by words found in at most
 * COMMON_TERM_MAX_ENTRIES entries (lunr's cost grows with the entries it scores). Chosen on the 1,000- and
 * 10,000-entry benchmark bases (top-1 and latency).
 */
const LARGE_BASE_ENTRIES = 700;
const COMMON_TERM_MAX_ENTRIES = 100;
/** Questions bring new words (and typos) forever; the memo of stems starts again past this size. */
const STEM_CACHE_MAX = 100_000;

type StopFilter = (token: string) => string | undefined;
/** lunr's TokenSet constructors its type definitions leave out. */
interface TokenSetStatics {
  fromString(pattern: string): lunr.TokenSet;
  fromFuzzyString(word: string, editDistance: number): lunr.TokenSet;
}

export class Searcher {
  private readonly entries: Map<string, Entry>;
  private readonly position: Map<string, number>;
  private readonly stopFilters: StopFilter[];
  private readonly searchPipeline: lunr.Pipeline;
  private readonly synonyms: Synonyms;
  private readonly model: EntryModel;
  private readonly phrasingKeys = new Map<string, Set<string>>();
  private readonly entryCount: number;
  private readonly frequencies = new Map<string, number>();
  private readonly stems = new Map<string, string | null>();

  constructor(
    readonly index: lunr.Index,
    entryList: readonly Entry[],
    options: SearcherOptions = {},
  ) {
    this.entries = new Map(entryList.map((e) => [e.id, e]));
    this.position = new Map(entryList.map((e, i) => [e.id, i]));
    // The index holds one document per entry (searchIndex.build).
    this.entryCount = entryList.length;
    const l = lunr as unknown as { stopWordFilter: StopFilter; ru: { stopWordFilter: StopFilter } };
    this.stopFilters = [l.stopWordFilter, l.ru.stopWordFilter];
    // The stemmers the index was built with; loaded indexes carry it too.
    this.searchPipeline = (index as unknown as { pipeline: lunr.Pipeline }).pipeline;
    this.synonyms = new Synonyms(options.synonyms);
    this.model = options.model ?? EntryModel.build(entryList, this.synonyms, { train: options.train, kindPriorWeight: options.kindPriorWeight });
  }

  /**
   * An entry's phrasings by their content words (sorted stems), worked out when the entry is first a
   * candidate: at start it would cost a quarter of a second at 10,000 entries, for a question that needs
   * a hundred entries' at most.
   */
  private phrasingKeysOf(entry: Entry): Set<string> {
    let keys = this.phrasingKeys.get(entry.id);
    if (!keys) {
      keys = new Set();
      for (const phrasing of entry.phrasings) {
        const stems = this.analyze(phrasing).map((t) => t.stem);
        // One word ("где моя карта" → карт) says too little to be a verbatim match.
        if (stems.length >= 2) keys.add(phrasingKey(stems));
      }
      this.phrasingKeys.set(entry.id, keys);
    }
    return keys;
  }

  /** Content words of a question: our tokens without stop words, each with its stem. */
  analyze(question: string): { token: string; stem: string }[] {
    const seen = new Set<string>();
    const out: { token: string; stem: string }[] = [];
    for (const token of tokenize(question)) {
      const stem = this.stemOf(token);
      if (stem === null || seen.has(stem)) continue;
      seen.add(stem);
      out.push({ token, stem });
    }
    return out;
  }

  /** A token's stem, or null for a stop word; remembered (the entries' phrasings repeat their words). */
  private stemOf(token: string): string | null {
    let stem = this.stems.get(token);
    if (stem === undefined) {
      stem = this.stopFilters.some((f) => f(token) === undefined) ? null : (this.searchPipeline.runString(token)[0] ?? token);
      if (this.stems.size >= STEM_CACHE_MAX) this.stems.clear();
      this.stems.set(token, stem);
    }
    return stem;
  }

  search(question: string, options: SearchOptions = {}): SearchOutcome {
    const policy = options.policy ?? DEFAULT_POLICY;
    const limit = options.limit ?? 3;
    const terms = this.analyze(question);
    if (terms.length === 0) return { decision: 'none', candidates: [], terms: [] };
    // The bank's synonyms widen the lunr query; they do not count towards coverage.
    const synonymTerms = this.analyze(this.synonyms.expand(terms.map((t) => t.stem)).join(' ')).filter(
      (s) => !terms.some((t) => t.stem === s.stem),
    );

    const large = this.entryCount > LARGE_BASE_ENTRIES;
    const results = this.index.query((q) => {
      for (const { token, stem } of this.candidateTerms([...terms, ...synonymTerms])) {
        q.term(stem, { usePipeline: false, boost: 1 });
        if (large) {
          // In a large base a word the index knows needs no guessing. For the rest, only the rare words
          // its prefix or one typo reach pick candidates: "клиет" reaching "клиент", which every entry
          // has, would make lunr score them all, and the re-ranker's n-grams see the typo anyway.
          if (this.docFrequency(stem) > 0) continue;
          for (const [expansion, boost] of this.rareExpansions(token, stem)) q.term(expansion, { usePipeline: false, boost });
          continue;
        }
        if (token.length >= PREFIX_MIN_LENGTH) {
          q.term(stem, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 0.25 });
        }
        if (token.length >= FUZZY_MIN_LENGTH) {
          q.term(stem, { usePipeline: false, editDistance: 1, boost: 0.2 });
        }
      }
    });

    const allowed = (entry: Entry) => !options.kinds || options.kinds.includes(entry.kind);
    const matchedBy = new Map<string, { lunr: number; matched: Set<string> }>();
    // Candidates: the entries lunr found (a question word matched exactly, by prefix or with one typo),
    // at most its best RERANK_DEPTH by their best document; the re-ranker orders them. lunr returns
    // documents best first, so the first RERANK_DEPTH entries seen are those.
    for (const result of results) {
      const id = result.ref;
      let bucket = matchedBy.get(id);
      if (!bucket) {
        if (matchedBy.size >= RERANK_DEPTH) continue;
        const entry = this.entries.get(id);
        if (!entry || !allowed(entry)) continue;
        bucket = { lunr: result.score, matched: new Set<string>() };
        matchedBy.set(id, bucket);
      }
      for (const term of Object.keys(result.matchData.metadata)) bucket.matched.add(term);
    }
    const pool = [...matchedBy.keys()].map((id) => this.entries.get(id)!);
    if (pool.length === 0) return { decision: 'none', candidates: [], terms: terms.map((t) => t.stem) };

    const query = this.model.query(question);
    const scores = this.model.scoreAll(
      query,
      pool.map((e) => this.position.get(e.id)!),
    );
    const weights = terms.map((t) => this.model.stemWeight(t.stem));
    const totalWeight = weights.reduce((a, b) => a + b, 0) || 1;
    const best = Math.max(...scores);
    let partition = 0;
    for (const s of scores) partition += Math.exp(SCALE * (s - best));

    const candidates: Candidate[] = pool.map((entry, i) => {
      const matched = matchedBy.get(entry.id)?.matched;
      let covered = 0;
      const e = this.position.get(entry.id)!;
      terms.forEach((t, k) => {
        if ((matched && matchesAny(t.stem, matched)) || this.model.hasStem(e, t.stem)) covered += weights[k] ?? 0;
      });
      const score = scores[i] ?? 0;
      return {
        entry,
        score,
        coverage: covered / totalWeight,
        confidence: Math.exp(SCALE * (score - best)) / partition,
        rivalCoverage: 0,
        lead: 0,
      };
    });
    linkFamilies(candidates);
    const coverages = candidates.map((c) => c.coverage).sort((a, b) => b - a);
    for (const c of candidates) c.rivalCoverage = c.coverage === coverages[0] ? (coverages[1] ?? 0) : (coverages[0] ?? 0);
    candidates.sort((a, b) => b.score - a.score || a.entry.id.localeCompare(b.entry.id));
    const top = candidates.slice(0, Math.max(limit, 3));
    const [leader] = candidates;
    if (leader) leader.lead = leader.score - (candidates[1]?.score ?? 0);
    let decision = decide(top, policy, terms.length);
    // The question says exactly what one entry's own phrasing says: that is a clear best match, however
    // close a neighbour scores on shared words ("заблокировать карту" vs "карта заблокирована").
    // An entry with that phrasing has every word of the question, so it is among the candidates.
    if (decision !== 'answer' && top[0]) {
      const key = phrasingKey(terms.map((t) => t.stem));
      const owners = pool.filter((entry) => this.phrasingKeysOf(entry).has(key));
      if (owners.length === 1 && owners[0] === top[0].entry) decision = 'answer';
    }
    return { decision, candidates: top.slice(0, limit), terms: terms.map((t) => t.stem) };
  }

  /**
   * The words lunr looks candidates up by. In a large base, words found in many documents would make it
   * score thousands of them: they are left to the re-ranker, which weighs every word anyway; if nothing
   * else is left, the two rarest words still pick the candidates.
   */
  private candidateTerms<T extends { stem: string }>(terms: T[]): T[] {
    if (this.entryCount <= LARGE_BASE_ENTRIES) return terms;
    // Words the index has never seen ("подскажите", a typo) are not rare but unknown: they stay for
    // prefix and typo matching, and the rare *known* words pick the candidates.
    const known = terms.filter((t) => this.docFrequency(t.stem) > 0);
    const unknown = terms.filter((t) => this.docFrequency(t.stem) === 0);
    const rare = known.filter((t) => this.docFrequency(t.stem) <= COMMON_TERM_MAX_ENTRIES);
    if (rare.length > 0) return [...rare, ...unknown];
    const rarestKnown = [...known].sort((a, b) => this.docFrequency(a.stem) - this.docFrequency(b.stem)).slice(0, 2);
    return [...rarestKnown, ...unknown];
  }

  /** The index's words that begin with `stem` or are one typo from it, found in few entries, with their boosts. */
  private rareExpansions(token: string, stem: string): [string, number][] {
    const found = new Map<string, number>();
    const tokenSet = (this.index as unknown as { tokenSet: lunr.TokenSet }).tokenSet;
    const expand = (pattern: lunr.TokenSet, boost: number) => {
      for (const word of pattern.intersect(tokenSet).toArray()) {
        if (word !== stem && !found.has(word) && this.docFrequency(word) <= COMMON_TERM_MAX_ENTRIES) found.set(word, boost);
      }
    };
    if (token.length >= PREFIX_MIN_LENGTH) expand((lunr.TokenSet as unknown as TokenSetStatics).fromString(`${stem}*`), 0.25);
    if (token.length >= FUZZY_MIN_LENGTH) expand((lunr.TokenSet as unknown as TokenSetStatics).fromFuzzyString(stem, 1), 0.2);
    return [...found];
  }

  /** Entries containing a stem (any field), from lunr's inverted index; cached. */
  private docFrequency(stem: string): number {
    let df = this.frequencies.get(stem);
    if (df === undefined) {
      df = 0;
      const posting = (this.index as unknown as { invertedIndex: Record<string, Record<string, object>> }).invertedIndex[stem];
      if (posting) for (const [field, docs] of Object.entries(posting)) if (field !== '_index') df += Object.keys(docs).length;
      this.frequencies.set(stem, df);
    }
    return df;
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

/**
 * A standard answer and the rights article or product it cites are not rivals: the answer shows the link.
 * So an entry's confidence includes that of the candidates linked to it either way ("срок ответа на
 * жалобу" finds the answer and article 5 it cites; the answer is the one to give).
 */
function linkFamilies(candidates: Candidate[]): void {
  const byId = new Map(candidates.map((c) => [c.entry.id, c]));
  const own = new Map(candidates.map((c) => [c.entry.id, c.confidence]));
  for (const c of candidates) {
    const family = new Set(c.entry.links ?? []);
    for (const other of candidates) if (other.entry.links?.includes(c.entry.id)) family.add(other.entry.id);
    family.delete(c.entry.id);
    for (const id of family) if (byId.has(id)) c.confidence += own.get(id) ?? 0;
    c.confidence = Math.min(1, c.confidence);
  }
}

/** Below this, another entry's share of the question's words leaves the best one the only fit. */
const EXCLUSIVE_RIVAL_COVERAGE = 0.5;
/**
 * The fewest content words for which a lead alone may answer: one or two words ("вклад", "карта
 * лимит") leave several entries possible however the scores fall (calibration-vague.csv).
 */
export const LEAD_MIN_WORDS = 3;

/** What to do with a question of `words` content words, from its best candidates. */
export function decide(candidates: readonly Candidate[], policy: Policy, words: number): Decision {
  const [first] = candidates;
  if (!first) return 'none';
  // Every word of the question points to this entry and to no other (a typo or a word cut short
  // included: "страх", "перевып"): a short question says little, but says it about one entry only.
  if (first.coverage >= 0.999 && first.rivalCoverage < EXCLUSIVE_RIVAL_COVERAGE) return 'answer';
  if (first.coverage < policy.suggestCoverage || first.score < policy.suggestScore) return 'none';
  if (first.score >= policy.answerScore && first.confidence >= policy.answerConfidence && first.coverage >= policy.answerCoverage) {
    return 'answer';
  }
  if (words >= LEAD_MIN_WORDS && first.lead >= policy.answerLead && first.coverage >= policy.answerCoverage) return 'answer';
  return 'suggest';
}
