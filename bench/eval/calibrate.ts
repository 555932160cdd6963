import type { Entry } from '../../knowledge/model';
import { type Candidate, DEFAULT_POLICY, decide, type Policy, type SearcherOptions } from '../../knowledge/search';
import type { SynonymGroup } from '../../knowledge/schema/synonyms';
import type { Labelled } from './csv';
import { groupByCategory, rng, SEED, shuffled } from './datasets';
import { entriesFromLabelled } from './kb';
import { ourSearcher, searchAll } from './system';

/** One question's outcome kept for replaying policies: is it in scope, and where its entry ranked. */
export interface Recorded {
  inScope: boolean;
  /** A vague question several entries answer ("карта"): "did you mean" is right, a direct answer a guess. */
  ambiguous?: boolean;
  /** Position of the right entry among the candidates (−1: not among them). */
  position: number;
  first?: Candidate;
  /** The question's content words (a lead alone answers only questions of LEAD_MIN_WORDS or more). */
  words: number;
}

export function outcomesOn(
  entries: Entry[],
  questions: readonly Labelled[],
  synonyms?: SynonymGroup[],
  options: Pick<SearcherOptions, 'kindPriorWeight'> = {},
): Recorded[] {
  const ids = new Set(entries.map((e) => e.id));
  const outcomes = searchAll(ourSearcher(entries, synonyms, options), questions);
  return outcomes.map((o, i) => {
    // `a|b|c`: any of these entries; more than one makes the question ambiguous.
    const expected = questions[i]!.category.split('|');
    return {
      inScope: expected.every((id) => ids.has(id)),
      ...(expected.length > 1 ? { ambiguous: true } : {}),
      position: o.candidates.findIndex((c) => expected.includes(c.entry.id)),
      first: o.candidates[0],
      words: o.terms.length,
    };
  });
}

/**
 * k-fold over training rows: each fold is asked of a knowledge base built from the other folds, so no
 * question is ever scored against itself. Out-of-scope rows are spread over the folds.
 */
export function kFoldOutcomes(rows: readonly Labelled[], oosRows: readonly Labelled[], synonyms?: SynonymGroup[], folds = 5): Recorded[] {
  const random = rng(SEED + 17);
  const foldOf = new Map<Labelled, number>();
  for (const group of groupByCategory(rows).values()) {
    shuffled(group, random).forEach((r, i) => {
      foldOf.set(r, i % folds);
    });
  }
  const oos = shuffled(oosRows, random);
  const recorded: Recorded[] = [];
  for (let f = 0; f < folds; f++) {
    const kb = rows.filter((r) => foldOf.get(r) !== f);
    const questions = [...rows.filter((r) => foldOf.get(r) === f), ...oos.filter((_, i) => i % folds === f)];
    recorded.push(...outcomesOn(entriesFromLabelled(kb), questions, synonyms));
  }
  return recorded;
}

/**
 * What each outcome is worth to staff. A right answer is the goal; a wrong direct answer or a confident
 * answer to something the base does not cover is the costly mistake; "did you mean" with the right entry
 * in it is nearly as good as an answer; refusing a question we could answer costs a little.
 */
const UTILITY = {
  inScope: { answerRight: 1, answerWrong: -1.5, suggestRight: 0.6, suggestWrong: -0.2, none: -0.5 },
  outOfScope: { answer: -1.5, suggest: -0.3, none: 1 },
} as const;

export function utility(records: readonly Recorded[], policy: Policy, withOos: boolean): number {
  let inScope = 0;
  let nIn = 0;
  let oos = 0;
  let nOos = 0;
  for (const r of records) {
    const decision = decide(r.first ? [r.first] : [], policy, r.words);
    if (r.inScope) {
      nIn++;
      const u = UTILITY.inScope;
      if (decision === 'answer') inScope += r.position === 0 && !r.ambiguous ? u.answerRight : u.answerWrong;
      else if (decision === 'suggest') inScope += r.position >= 0 && r.position < 3 ? u.suggestRight : u.suggestWrong;
      else inScope += u.none;
    } else {
      nOos++;
      oos += UTILITY.outOfScope[decision];
    }
  }
  const a = nIn ? inScope / nIn : 0;
  if (!withOos || nOos === 0) return a;
  // In-scope and out-of-scope weigh the same, whatever their counts.
  return (a + oos / nOos) / 2;
}

/** Leads over the runner-up tried for `answerLead`; 1 is the rule off (scores are about 0–1). */
const ANSWER_LEADS = [1, 0.3, 0.25, 0.2, 0.175, 0.15, 0.125, 0.1];

const range = (from: number, to: number, step: number) => {
  const out: number[] = [];
  for (let x = from; x <= to + 1e-9; x += step) out.push(Math.round(x * 1000) / 1000);
  return out;
};

/**
 * The policy with the best utility on the records (a grid search). Without out-of-scope questions
 * nothing teaches when to refuse, so the refusal thresholds stay at the default.
 */
export function calibrate(records: readonly Recorded[] | readonly (readonly Recorded[])[], options: { withOos: boolean; base?: Policy }): Policy {
  const base = options.base ?? DEFAULT_POLICY;
  // Several sources weigh the same whatever their sizes.
  const groups = (Array.isArray(records[0]) ? records : [records]) as readonly (readonly Recorded[])[];
  const score = (policy: Policy) => groups.reduce((a, g) => a + utility(g, policy, options.withOos), 0) / groups.length;
  let best = base;
  let bestUtility = score(base);
  const suggestScores = options.withOos ? range(0, 0.5, 0.025) : [base.suggestScore];
  const suggestCoverages = options.withOos ? [0, 0.2, 0.34, 0.5] : [base.suggestCoverage];
  for (const answerScore of range(0.1, 0.8, 0.05)) {
    for (const answerConfidence of range(0.2, 0.95, 0.05)) {
      for (const answerCoverage of [0, 0.34, 0.5, 0.6, 0.75]) {
        for (const suggestScore of suggestScores) {
          if (suggestScore > answerScore) continue;
          for (const suggestCoverage of suggestCoverages) {
            if (suggestCoverage > answerCoverage) continue;
            for (const answerLead of ANSWER_LEADS) {
              const policy = { answerScore, answerConfidence, answerCoverage, answerLead, suggestScore, suggestCoverage };
              const u = score(policy);
              if (u > bestUtility + 1e-9) {
                best = policy;
                bestUtility = u;
              }
            }
          }
        }
      }
    }
  }
  return best;
}
