// The department rating as a reply: ranked lines, the departments not rated, a bar chart, CSV on request.
import { INDICATORS } from '../../../knowledge/schema/rating';
import type { Block, Locale, Reply } from '../types';
import { barChartPng } from './charts';
import { chartBlock, exportPath, exportsBlock, type ReportContext, ratingContextOf } from './context';
import { INDICATOR_LABEL, indicatorValue, issuesCount, number, signed } from './labels';
import { fileStem, toCsv } from './outputs';
import { type Period, periodLabel } from './period';
import { computeRating, type Rating, type RatingRow } from './rating';

export function buildRating(rc: ReportContext, period: Period): Rating {
  return computeRating(rc.source, period, ratingContextOf(rc));
}

function departmentLabel(rc: ReportContext, id: string, locale: Locale): string {
  return rc.kb.department(id)?.name[locale] ?? id;
}

function changeText(row: RatingRow, rating: Rating, locale: Locale): string {
  const previous = periodLabel(rating.previous, locale);
  if (row.change === undefined) return locale === 'ru' ? `${previous}: не оценивалось` : `${previous}: not rated`;
  const arrow = row.change > 0.05 ? '▲' : row.change < -0.05 ? '▼' : '•';
  const place = locale === 'ru' ? `${row.previousRank}-е место` : `#${row.previousRank}`;
  return `${arrow} ${signed(row.change, 1, locale)}; ${previous}: ${number(row.previousScore!, 1, locale)}, ${place}`;
}

function costText(row: RatingRow, locale: Locale): string {
  const costliest = row.indicators.find((i) => i.id === row.costliest);
  if (!costliest) return locale === 'ru' ? 'потерь нет' : 'nothing lost';
  const label = INDICATOR_LABEL[costliest.id][locale];
  const value = indicatorValue(costliest.id, costliest.value, locale);
  return locale === 'ru'
    ? `больше всего стоило: ${label} (${value}, −${number(costliest.lost, 1, locale)} б.)`
    : `cost most: ${label} (${value}, −${number(costliest.lost, 1, locale)} pts)`;
}

export function ratingTitle(rating: Rating, locale: Locale): string {
  return `${locale === 'ru' ? 'Рейтинг подразделений' : 'Department rating'} — ${periodLabel(rating.period, locale)}`;
}

export function ratingCsv(rating: Rating, rc: ReportContext, locale: Locale): string {
  const ru = locale === 'ru';
  const header = [
    ru ? 'место' : 'rank',
    ru ? 'код подразделения' : 'department id',
    ru ? 'подразделение' : 'department',
    ru ? 'балл' : 'score',
    ru ? 'балл в прошлом периоде' : 'previous score',
    ru ? 'изменение' : 'change',
    ru ? 'изменение места' : 'rank change',
    ru ? 'больше всего стоило' : 'cost most',
    ru ? 'обращений (решено + просрочено)' : 'issues (resolved + overdue)',
    ru ? 'решено' : 'resolved',
    ru ? 'решено в срок' : 'resolved on time',
    ru ? 'просрочено и не решено' : 'overdue unresolved',
    ru ? 'получено' : 'received',
    ru ? 'передано дальше' : 'handed on',
    ru ? 'открыто повторно' : 'reopened',
    ru ? 'оценок клиентов' : 'client ratings',
    ...INDICATORS.flatMap((id) => [`${INDICATOR_LABEL[id][locale]}: ${ru ? 'значение' : 'value'}`, `${INDICATOR_LABEL[id][locale]}: ${ru ? 'балл' : 'score'}`]),
  ];
  const rows = [...rating.rows, ...rating.notRated].map((r) => {
    const f = r.figures;
    return [
      r.rank,
      r.department,
      departmentLabel(rc, r.department, locale),
      r.score,
      r.previousScore,
      r.change,
      r.rankChange,
      r.costliest ? INDICATOR_LABEL[r.costliest][locale] : undefined,
      f.issues,
      f.resolved,
      f.resolvedOnTime,
      f.overdueOpen,
      f.received,
      f.handedOn,
      f.reopened,
      f.ratings.length,
      ...INDICATORS.flatMap((id) => [f.values[id], r.indicators.find((i) => i.id === id)?.score]),
    ];
  });
  return toCsv(header, rows);
}

export function ratingReply(rating: Rating, rc: ReportContext, locale: Locale, options: { csv?: boolean; chart?: boolean } = {}): Reply {
  const ru = locale === 'ru';
  const title = ratingTitle(rating, locale);
  const blocks: Block[] = [{ type: 'heading', text: title }];
  if (rating.rows.length === 0) {
    blocks.push({
      type: 'text',
      markdown: ru
        ? `Ни одно подразделение не набрало ${issuesCount(rating.minIssues, locale)} за период — рейтинг не составлен.`
        : `No department had ${issuesCount(rating.minIssues, locale)} in the period, so there is no rating.`,
    });
  } else {
    const lines = rating.rows.map(
      (r) =>
        `*${r.rank}. ${departmentLabel(rc, r.department, locale)} — ${number(r.score!, 1, locale)}* (${changeText(r, rating, locale)})\n` +
        `    ${issuesCount(r.figures.issues, locale)}; ${costText(r, locale)}`,
    );
    blocks.push({ type: 'text', markdown: lines.join('\n') });
  }
  if (rating.notRated.length > 0) {
    const list = rating.notRated.map((r) => `${departmentLabel(rc, r.department, locale)} (${r.figures.issues})`).join(', ');
    blocks.push({
      type: 'text',
      markdown: ru
        ? `_Не оценены — меньше ${issuesCount(rating.minIssues, locale)} (решённых и просроченных) за период:_ ${list}`
        : `_Not rated — fewer than ${issuesCount(rating.minIssues, locale)} (resolved and overdue) in the period:_ ${list}`,
    });
  }
  blocks.push({
    type: 'text',
    markdown: ru
      ? `_Балл 0–100 — взвешенные показатели из rating.yaml комитета; все показатели — в выгрузке: \`рейтинг ${rating.period.key} csv\`._`
      : `_Score 0–100: the committee's weighted indicators (rating.yaml); every indicator in the export: \`rating ${rating.period.key} csv\`._`,
  });
  if (options.chart !== false && rating.rows.length > 0) {
    const subtitle = ru ? 'балл 0–100, лучшие сверху' : 'score 0–100, best on top';
    blocks.push(
      chartBlock(rc, fileStem('rating', rating.period.key, locale === 'en' ? 'en' : undefined), title, locale, () =>
        barChartPng(
          title,
          subtitle,
          rating.rows.map((r) => ({ label: `${r.rank}. ${departmentLabel(rc, r.department, locale)}`, value: r.score! })),
          locale,
          rc.fontFile,
        ),
      ),
    );
  }
  if (options.csv) {
    blocks.push(exportsBlock([exportPath(rc, fileStem('rating', rating.period.key, locale === 'en' ? 'en' : undefined), ratingCsv(rating, rc, locale))], locale));
  }
  const top = rating.rows
    .slice(0, 3)
    .map((r) => `${r.rank}. ${departmentLabel(rc, r.department, locale)} ${number(r.score!, 1, locale)}`)
    .join('; ');
  return { blocks, fallbackText: top ? `${title}: ${top}` : title };
}
