import type { Decision } from '../../knowledge/search';
import type { Labelled } from './csv';

/** What a system under evaluation returns for one question: entry ids best first, and its decision. */
export interface Ranking {
  ranked: string[];
  /** Absent for a ranker without a confidence policy (the plain lunr baseline). */
  decision?: Decision;
}

export type Ranker = (question: string) => Ranking;

export interface Metrics {
  questions: number;
  inScope: number;
  outOfScope: number;
  /** Ranking of in-scope questions, whatever the policy decided. */
  top1: number;
  top3: number;
  /** Mean reciprocal rank over the first 10 candidates (0 when the right entry is not among them). */
  mrr: number;
  /** Shares of all questions under the policy. */
  answered?: number;
  suggested?: number;
  none?: number;
  /** In-scope questions answered directly with the right entry. */
  answeredCorrect?: number;
  /** In-scope questions answered directly with a wrong entry: the costly mistake. */
  answeredWrong?: number;
  /** In-scope questions whose right entry was answered or offered in "did you mean". */
  answeredOrSuggestedCorrect?: number;
  /** Out-of-scope questions given "no approved answer". */
  oosRefused?: number;
  /** Out-of-scope questions answered directly (confidently wrong). */
  oosAnswered?: number;
}

export const MRR_DEPTH = 10;

/**
 * Scores a ranker on labelled questions. A question whose category is not one of `knownIds` is out of
 * scope: it counts only for the policy shares and the refusal rate.
 */
export function evaluate(rank: Ranker, questions: readonly Labelled[], knownIds: ReadonlySet<string>): Metrics {
  let inScope = 0;
  let top1 = 0;
  let top3 = 0;
  let rr = 0;
  let withPolicy = false;
  const decisions = { answer: 0, suggest: 0, none: 0 };
  let answeredCorrect = 0;
  let answeredWrong = 0;
  let offeredCorrect = 0;
  let oos = 0;
  let oosRefused = 0;
  let oosAnswered = 0;
  for (const q of questions) {
    const { ranked, decision } = rank(q.text);
    const known = knownIds.has(q.category);
    if (decision) {
      withPolicy = true;
      decisions[decision]++;
    }
    if (!known) {
      oos++;
      if (decision === 'none') oosRefused++;
      if (decision === 'answer') oosAnswered++;
      continue;
    }
    inScope++;
    const position = ranked.slice(0, MRR_DEPTH).indexOf(q.category);
    if (position === 0) top1++;
    if (position >= 0 && position < 3) top3++;
    if (position >= 0) rr += 1 / (position + 1);
    if (decision === 'answer') {
      if (position === 0) answeredCorrect++;
      else answeredWrong++;
    }
    if ((decision === 'answer' && position === 0) || (decision === 'suggest' && position >= 0 && position < 3)) offeredCorrect++;
  }
  const share = (n: number, of: number) => (of === 0 ? 0 : n / of);
  const metrics: Metrics = {
    questions: questions.length,
    inScope,
    outOfScope: oos,
    top1: share(top1, inScope),
    top3: share(top3, inScope),
    mrr: share(rr, inScope),
  };
  if (withPolicy) {
    const n = questions.length;
    metrics.answered = share(decisions.answer, n);
    metrics.suggested = share(decisions.suggest, n);
    metrics.none = share(decisions.none, n);
    metrics.answeredCorrect = share(answeredCorrect, inScope);
    metrics.answeredWrong = share(answeredWrong, inScope);
    metrics.answeredOrSuggestedCorrect = share(offeredCorrect, inScope);
    if (oos > 0) {
      metrics.oosRefused = share(oosRefused, oos);
      metrics.oosAnswered = share(oosAnswered, oos);
    }
  }
  return metrics;
}
