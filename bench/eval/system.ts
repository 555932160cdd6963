import type { Entry } from '../../knowledge/model';
import { DEFAULT_POLICY, type Policy, type SearchOutcome, Searcher, type SearcherOptions } from '../../knowledge/search';
import { build } from '../../knowledge/searchIndex';
import type { SynonymGroup } from '../../knowledge/schema/synonyms';
import type { Ranker } from './metrics';
import { MRR_DEPTH } from './metrics';

/** Our search over a list of entries, built in memory exactly as the bot builds it (no cache). */
export function ourSearcher(entries: readonly Entry[], synonyms?: readonly SynonymGroup[], options: Pick<SearcherOptions, 'kindPriorWeight'> = {}): Searcher {
  return new Searcher(build(entries, synonyms), entries, { synonyms, ...options });
}

export function searchRanker(searcher: Searcher, policy: Policy = DEFAULT_POLICY): Ranker {
  return (question) => {
    const outcome = searcher.search(question, { limit: MRR_DEPTH, policy });
    return { ranked: outcome.candidates.map((c) => c.entry.id), decision: outcome.decision };
  };
}

/** Raw outcomes, for calibrating a policy without searching again for every candidate threshold. */
export function searchAll(searcher: Searcher, questions: readonly { text: string }[]): SearchOutcome[] {
  return questions.map((q) => searcher.search(q.text, { limit: MRR_DEPTH }));
}
