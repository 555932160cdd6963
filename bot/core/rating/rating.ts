// The department rating for a period: scores, ranks, the change against the previous period.
import type { KnowledgeBase } from '../../../knowledge/model';
import type { IndicatorId, RatingSettings } from '../../../knowledge/schema/rating';
import type { RatingFactSource, RatingFacts } from './facts';
import { cutOf, type DepartmentFigures, type FigureContext, figuresByDepartment } from './figures';
import { type Period, previousPeriod } from './period';
import { type IndicatorScore, scoreOf } from './score';

export interface RatingContext extends FigureContext {
  kb: KnowledgeBase;
  settings: RatingSettings;
}

export interface RatedDepartment {
  department: string;
  /** Enough issues and at least one weighted indicator with data. */
  rated: boolean;
  score?: number;
  /** 1 is best; equal scores (to one decimal) share a rank. */
  rank?: number;
  costliest?: IndicatorId;
  indicators: IndicatorScore[];
  figures: DepartmentFigures;
}

export interface RatingRow extends RatedDepartment {
  previousScore?: number;
  previousRank?: number;
  /** Score now minus score then, when rated both times. */
  change?: number;
  /** Places gained (positive) or lost (negative). */
  rankChange?: number;
}

export interface Rating {
  period: Period;
  previous: Period;
  minIssues: number;
  /** Rated departments, best first. */
  rows: RatingRow[];
  /** Departments with too few issues (or nothing measurable), in the departments file's order. */
  notRated: RatingRow[];
}

/** The departments a rating covers, in the departments file's order. */
export function ratedDepartmentIds(kb: KnowledgeBase, settings: RatingSettings): string[] {
  return kb.departments.filter((d) => !settings.excludeKinds.includes(d.kind)).map((d) => d.id);
}

const roundTo = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Scores and ranks of one period from facts that cover it. */
export function rankDepartments(facts: RatingFacts, period: Period, ctx: RatingContext): RatedDepartment[] {
  const departments = ratedDepartmentIds(ctx.kb, ctx.settings);
  const figures = figuresByDepartment(facts, period, departments, ctx.kb.entries, ctx);
  const out = departments.map((department): RatedDepartment => {
    const f = figures.get(department)!;
    const score = scoreOf(f.values, ctx.settings);
    const rated = f.issues >= ctx.settings.minIssues && score.total !== undefined;
    return { department, rated, score: rated ? score.total : undefined, costliest: score.costliest, indicators: score.indicators, figures: f };
  });
  const ranked = out.filter((r) => r.rated).sort((a, b) => roundTo(b.score!, 1) - roundTo(a.score!, 1));
  ranked.forEach((r, i) => {
    const before = ranked[i - 1];
    r.rank = before && roundTo(before.score!, 1) === roundTo(r.score!, 1) ? before.rank : i + 1;
  });
  return out;
}

/** The rating of `period` with the change against the period before it. */
export function computeRating(source: RatingFactSource, period: Period, ctx: RatingContext): Rating {
  const previous = previousPeriod(period);
  const facts = source.load(previous.start, new Date(cutOf(period, ctx.now)));
  const now = rankDepartments(facts, period, ctx);
  const before = new Map(rankDepartments(facts, previous, ctx).map((r) => [r.department, r]));
  const rows = now.map((r): RatingRow => {
    const then = before.get(r.department);
    if (!r.rated || !then?.rated) return { ...r };
    return {
      ...r,
      previousScore: then.score,
      previousRank: then.rank,
      change: r.score! - then.score!,
      rankChange: then.rank! - r.rank!,
    };
  });
  return {
    period,
    previous,
    minIssues: ctx.settings.minIssues,
    rows: rows.filter((r) => r.rated).sort((a, b) => a.rank! - b.rank! || ratedOrder(a, b, now)),
    notRated: rows.filter((r) => !r.rated),
  };
}

function ratedOrder(a: RatingRow, b: RatingRow, order: RatedDepartment[]): number {
  return order.findIndex((r) => r.department === a.department) - order.findIndex((r) => r.department === b.department);
}
