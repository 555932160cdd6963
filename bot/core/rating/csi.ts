// The client satisfaction index (индекс удовлетворённости клиентов, ИУК) by department, branch or product
// category, over the last periods, with conclusions in plain words.
//
// The index is the mean of the 1–5 ratings recorded at resolution, placed on 0–100 ((mean − 1) / 4 × 100):
// every rating moves it, unlike a share of 4s and 5s, and it is the same scale the rating weighs.
import type { KnowledgeBase } from '../../../knowledge/model';
import type { RatingSettings } from '../../../knowledge/schema/rating';
import type { Localized } from '../types';
import type { IssueFact, RatingFactSource } from './facts';
import { cutOf, indexOfRatings, isResolvedIn } from './figures';
import { type Period, periodsEndingWith } from './period';

export const CSI_DIMENSIONS = ['department', 'branch', 'category'] as const;
export type CsiDimension = (typeof CSI_DIMENSIONS)[number];

export interface CsiCell {
  ratings: number;
  /** Shown only when there are enough ratings. */
  enough: boolean;
  /** 0–100; present whenever there is at least one rating (for CSV and the decomposition), shown only when `enough`. */
  index?: number;
  /** Half-width of the 95% confidence interval, index points (normal approximation; from two ratings). */
  margin?: number;
}

export interface CsiGroup {
  key: string;
  label: Localized;
  /** One cell per period, oldest first. */
  cells: CsiCell[];
}

export interface CsiDriver {
  category: string;
  label: Localized;
  ratings: number;
  /** Index points this issue category moved the group's index by (the drivers of a group sum to its change). */
  impact: number;
}

export interface CsiConclusion {
  key: string;
  label: Localized;
  direction: 'fall' | 'rise';
  from: number;
  to: number;
  change: number;
  /** The issue categories behind the change, strongest first. */
  drivers: CsiDriver[];
}

export interface CsiReport {
  dimension: CsiDimension;
  periods: Period[];
  minRatings: number;
  notableChange: number;
  /** The whole bank. */
  overall: CsiCell[];
  /** Groups with at least one rating in any period, most ratings in the last period first. */
  groups: CsiGroup[];
  conclusions: CsiConclusion[];
}

export interface CsiContext {
  kb: KnowledgeBase;
  settings: RatingSettings;
  now: Date;
}

const NO_BRANCH = '-';
const OTHER_PRODUCT = 'other';

/** Which product category an issue category belongs to, from the rating file; the rest are "other". */
export function productCategoryOf(settings: RatingSettings, issueCategory: string): string {
  return settings.productCategories.find((p) => p.issueCategories.includes(issueCategory))?.id ?? OTHER_PRODUCT;
}

function groupKeyOf(issue: IssueFact, dimension: CsiDimension, settings: RatingSettings): string {
  if (dimension === 'department') return issue.department;
  if (dimension === 'category') return productCategoryOf(settings, issue.category);
  // Branches are free text typed by staff: one branch written two ways is still one branch.
  return issue.branch?.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ') || NO_BRANCH;
}

function groupLabel(key: string, dimension: CsiDimension, ctx: CsiContext, branchNames: Map<string, string>): Localized {
  if (dimension === 'department') {
    const d = ctx.kb.department(key);
    return d ? { ...d.name } : { ru: key, en: key };
  }
  if (dimension === 'category') {
    const p = ctx.settings.productCategories.find((c) => c.id === key);
    return p ? { ...p.name } : { ru: 'Прочее', en: 'Other' };
  }
  if (key === NO_BRANCH) return { ru: 'Офис не указан', en: 'No branch given' };
  const name = branchNames.get(key) ?? key;
  return { ru: name, en: name };
}

export function cellOf(ratings: readonly number[], minRatings: number): CsiCell {
  const n = ratings.length;
  const index = indexOfRatings(ratings);
  let margin: number | undefined;
  if (n >= 2 && index !== undefined) {
    const m = ratings.reduce((a, b) => a + b, 0) / n;
    const variance = ratings.reduce((sum, r) => sum + (r - m) ** 2, 0) / (n - 1);
    margin = 1.96 * (Math.sqrt(variance) / Math.sqrt(n)) * 25;
  }
  return { ratings: n, enough: n >= minRatings, index, margin };
}

function categoryLabel(kb: KnowledgeBase, id: string): Localized {
  const c = kb.category(id);
  return c ? { ...c.name } : { ru: id, en: id };
}

/**
 * The issue categories behind a group's change: the current index is the ratings-weighted mean of its
 * categories' indexes, so `share × (category index now − group index before)` over the categories adds
 * up exactly to the change. The strongest in the change's direction are named.
 */
export function driversOf(current: readonly IssueFact[], previousIndex: number, direction: 'fall' | 'rise', kb: KnowledgeBase, limit = 2): CsiDriver[] {
  const byCategory = new Map<string, number[]>();
  for (const issue of current) {
    if (issue.satisfaction === undefined) continue;
    const list = byCategory.get(issue.category) ?? [];
    list.push(issue.satisfaction);
    byCategory.set(issue.category, list);
  }
  const total = [...byCategory.values()].reduce((n, list) => n + list.length, 0);
  const drivers = [...byCategory.entries()].map(([category, ratings]): CsiDriver => ({
    category,
    label: categoryLabel(kb, category),
    ratings: ratings.length,
    impact: (ratings.length / total) * (indexOfRatings(ratings)! - previousIndex),
  }));
  const sign = direction === 'fall' ? -1 : 1;
  return drivers
    .filter((d) => sign * d.impact > 1e-9)
    .sort((a, b) => sign * (b.impact - a.impact) || a.category.localeCompare(b.category))
    .slice(0, limit);
}

export function computeCsi(source: RatingFactSource, period: Period, dimension: CsiDimension, ctx: CsiContext): CsiReport {
  const { minRatings, periods: count, notableChange } = ctx.settings.csi;
  const periods = periodsEndingWith(period, count);
  const facts = source.load(periods[0]!.start, new Date(cutOf(period, ctx.now)));
  const rated = facts.issues.filter((i) => i.satisfaction !== undefined && i.resolvedAt !== undefined);
  const inPeriod = periods.map((p) => rated.filter((i) => isResolvedIn(i, p.start.getTime(), p.end.getTime())));

  const branchNames = new Map<string, string>();
  const keys = new Set<string>();
  for (const issue of rated) {
    const key = groupKeyOf(issue, dimension, ctx.settings);
    keys.add(key);
    if (dimension === 'branch' && issue.branch && !branchNames.has(key)) branchNames.set(key, issue.branch.trim());
  }
  const issuesOf = (key: string, i: number) => inPeriod[i]!.filter((issue) => groupKeyOf(issue, dimension, ctx.settings) === key);
  const ratingsOf = (issues: readonly IssueFact[]) => issues.map((i) => i.satisfaction!);

  const last = periods.length - 1;
  const groups = [...keys]
    .map((key): CsiGroup => ({
      key,
      label: groupLabel(key, dimension, ctx, branchNames),
      cells: periods.map((_, i) => cellOf(ratingsOf(issuesOf(key, i)), minRatings)),
    }))
    .sort((a, b) => b.cells[last]!.ratings - a.cells[last]!.ratings || a.label.ru.localeCompare(b.label.ru, 'ru'));

  const conclusions: CsiConclusion[] = [];
  for (const group of groups) {
    const now = group.cells[last]!;
    const before = group.cells[last - 1];
    if (!before?.enough || !now.enough) continue;
    const change = now.index! - before.index!;
    if (Math.abs(change) < notableChange || Math.abs(change) < 1e-9) continue;
    const direction = change < 0 ? 'fall' : 'rise';
    conclusions.push({
      key: group.key,
      label: group.label,
      direction,
      from: before.index!,
      to: now.index!,
      change,
      drivers: driversOf(issuesOf(group.key, last), before.index!, direction, ctx.kb),
    });
  }
  // Largest falls first, then largest rises: what the committee should look at first.
  conclusions.sort((a, b) => (a.direction === b.direction ? Math.abs(b.change) - Math.abs(a.change) : a.direction === 'fall' ? -1 : 1));

  return {
    dimension,
    periods,
    minRatings,
    notableChange,
    overall: periods.map((_, i) => cellOf(ratingsOf(inPeriod[i]!), minRatings)),
    groups,
    conclusions,
  };
}
