// The client satisfaction index as a reply: the bank's figure, each group with its dynamics, the
// conclusions in plain words, a line chart, CSV on request.
import type { Block, Locale, Reply } from '../types';
import { type LineSeries, lineChartPng } from './charts';
import { chartBlock, exportPath, exportsBlock, type ReportContext } from './context';
import { type CsiCell, type CsiConclusion, type CsiDimension, type CsiReport, computeCsi } from './csi';
import { DIMENSION_LABEL, number, ratingsCount, signed } from './labels';
import { fileStem, toCsv } from './outputs';
import { type Period, periodLabel, shortPeriodLabel } from './period';
import { ratingSettingsOf } from './settings';

/** Lines on the chart besides the bank's: more would be unreadable; the text lists every group. */
const CHART_GROUPS = 6;
const CONCLUSIONS_EACH_WAY = 3;

export function buildCsi(rc: ReportContext, period: Period, dimension: CsiDimension): CsiReport {
  return computeCsi(rc.source, period, dimension, { kb: rc.kb, settings: ratingSettingsOf(rc.kb), now: rc.now });
}

/** `72,5 ± 4,1 (48 оценок)`, or `мало оценок (3)`: too few ratings are never shown as a precise figure. */
export function cellText(cell: CsiCell, locale: Locale): string {
  if (cell.ratings === 0) return locale === 'ru' ? 'нет оценок' : 'no ratings';
  if (!cell.enough) return locale === 'ru' ? `мало оценок (${cell.ratings})` : `too few ratings (${cell.ratings})`;
  const margin = cell.margin !== undefined ? ` ± ${number(cell.margin, 1, locale)}` : '';
  return `${number(cell.index!, 1, locale)}${margin} (${ratingsCount(cell.ratings, locale)})`;
}

/** A cell in the dynamics line: the figure, or a dash where it would not be reliable. */
function shortCell(cell: CsiCell, locale: Locale): string {
  return cell.enough ? number(cell.index!, 0, locale) : '—';
}

function dynamicsText(cells: readonly CsiCell[], periods: readonly Period[], locale: Locale): string {
  return cells.map((c, i) => `${shortPeriodLabel(periods[i]!, locale)}: ${shortCell(c, locale)}`).join(' · ');
}

export function conclusionText(c: CsiConclusion, locale: Locale): string {
  const ru = locale === 'ru';
  const amount = number(Math.abs(c.change), 1, locale);
  const moved = c.direction === 'fall' ? (ru ? `упал на ${amount} п.` : `fell by ${amount} points`) : ru ? `вырос на ${amount} п.` : `rose by ${amount} points`;
  const span = `${number(c.from, 1, locale)} → ${number(c.to, 1, locale)}`;
  const drivers = c.drivers.map((d) => `${d.label[locale]} (${signed(d.impact, 1, locale)} ${ru ? 'п.' : 'pts'}, ${ratingsCount(d.ratings, locale)})`);
  const behind = drivers.length === 0 ? '' : ru ? `; больше всего повлияли: ${drivers.join(', ')}` : `; mostly: ${drivers.join(', ')}`;
  return `${c.label[locale]}: ${ru ? 'индекс' : 'the index'} ${moved} (${span})${behind}.`;
}

export function csiTitle(report: CsiReport, locale: Locale): string {
  const last = report.periods.at(-1)!;
  const name = locale === 'ru' ? 'Индекс удовлетворённости клиентов' : 'Client satisfaction index';
  return `${name} — ${periodLabel(last, locale)}, ${DIMENSION_LABEL[report.dimension][locale]}`;
}

export function csiCsv(report: CsiReport, locale: Locale): { groups: string; conclusions: string } {
  const ru = locale === 'ru';
  const header = [
    ru ? 'код группы' : 'group id',
    ru ? 'группа' : 'group',
    ru ? 'период' : 'period',
    ru ? 'оценок' : 'ratings',
    ru ? 'индекс' : 'index',
    ru ? 'погрешность ±' : 'margin ±',
    ru ? 'достаточно оценок' : 'enough ratings',
  ];
  const rowsOf = (key: string, label: string, cells: readonly CsiCell[]) =>
    cells.map((c, i) => [key, label, report.periods[i]!.key, c.ratings, c.enough ? c.index : undefined, c.enough ? c.margin : undefined, c.enough ? (ru ? 'да' : 'yes') : ru ? 'нет' : 'no']);
  const groups = toCsv(header, [
    ...rowsOf('*', ru ? 'Банк в целом' : 'Whole bank', report.overall),
    ...report.groups.flatMap((g) => rowsOf(g.key, g.label[locale], g.cells)),
  ]);
  const conclusions = toCsv(
    [ru ? 'код группы' : 'group id', ru ? 'группа' : 'group', ru ? 'направление' : 'direction', ru ? 'было' : 'from', ru ? 'стало' : 'to', ru ? 'изменение' : 'change', ru ? 'категории обращений' : 'issue categories'],
    report.conclusions.map((c) => [
      c.key,
      c.label[locale],
      c.direction === 'fall' ? (ru ? 'падение' : 'fall') : ru ? 'рост' : 'rise',
      c.from,
      c.to,
      c.change,
      c.drivers.map((d) => `${d.label[locale]} (${d.impact.toFixed(2)})`).join('; '),
    ]),
  );
  return { groups, conclusions };
}

export function csiReply(report: CsiReport, rc: ReportContext, locale: Locale, options: { csv?: boolean; chart?: boolean } = {}): Reply {
  const ru = locale === 'ru';
  const title = csiTitle(report, locale);
  const last = report.periods.length - 1;
  const current = report.periods[last]!;
  const previous = report.periods[last - 1]!;
  const blocks: Block[] = [{ type: 'heading', text: title }];

  const overallNow = report.overall[last]!;
  const overallBefore = report.overall[last - 1]!;
  blocks.push({
    type: 'text',
    markdown:
      `*${ru ? 'По банку' : 'Whole bank'}: ${cellText(overallNow, locale)}*; ${periodLabel(previous, locale)}: ${cellText(overallBefore, locale)}\n` +
      `${ru ? 'Динамика' : 'Trend'}: ${dynamicsText(report.overall, report.periods, locale)}`,
  });

  if (report.groups.length === 0) {
    blocks.push({ type: 'text', markdown: ru ? 'За эти периоды клиенты не оставили оценок.' : 'Clients left no ratings in these periods.' });
  } else {
    blocks.push({
      type: 'text',
      markdown: report.groups
        .map((g) => `• *${g.label[locale]}* — ${cellText(g.cells[last]!, locale)}\n    ${dynamicsText(g.cells, report.periods, locale)}`)
        .join('\n'),
    });
  }

  const falls = report.conclusions.filter((c) => c.direction === 'fall').slice(0, CONCLUSIONS_EACH_WAY);
  const rises = report.conclusions.filter((c) => c.direction === 'rise').slice(0, CONCLUSIONS_EACH_WAY);
  const threshold = number(report.notableChange, 0, locale);
  const lines: string[] = [];
  if (falls.length > 0) lines.push(`*${ru ? 'Падение' : 'Falls'}*`, ...falls.map((c) => `• ${conclusionText(c, locale)}`));
  if (rises.length > 0) lines.push(`*${ru ? 'Рост' : 'Rises'}*`, ...rises.map((c) => `• ${conclusionText(c, locale)}`));
  if (lines.length === 0) {
    lines.push(
      ru
        ? `Заметных изменений (от ${threshold} п.) к периоду «${periodLabel(previous, locale)}» нет там, где оценок достаточно.`
        : `No notable changes (${threshold}+ points) against ${periodLabel(previous, locale)} where there are enough ratings.`,
    );
  }
  blocks.push({ type: 'text', markdown: `*${ru ? 'Выводы' : 'Conclusions'}*\n${lines.join('\n')}` });
  blocks.push({
    type: 'text',
    markdown: ru
      ? `_Индекс 0–100 — средняя оценка клиентов (1–5) при решении обращения: 1 → 0, 3 → 50, 5 → 100; ± — 95-процентный интервал. Меньше ${ratingsCount(report.minRatings, locale)} — «мало оценок»._`
      : `_Index 0–100: the mean client rating (1–5) at resolution: 1 → 0, 3 → 50, 5 → 100; ± is the 95% interval. Fewer than ${ratingsCount(report.minRatings, locale)} reads "too few ratings"._`,
  });

  if (options.chart !== false) {
    const series: LineSeries[] = [
      { name: ru ? 'Банк в целом' : 'Whole bank', values: report.overall.map((c) => (c.enough ? round1(c.index!) : null)), emphasis: true },
      ...report.groups
        .filter((g) => g.cells.some((c) => c.enough))
        .slice(0, CHART_GROUPS)
        .map((g) => ({ name: g.label[locale], values: g.cells.map((c) => (c.enough ? round1(c.index!) : null)) })),
    ];
    const subtitle = ru ? `индекс 0–100 ${DIMENSION_LABEL[report.dimension].ru}; пропуск — мало оценок` : `index 0–100 ${DIMENSION_LABEL[report.dimension].en}; gap = too few ratings`;
    const chartTitle = ru ? 'Индекс удовлетворённости клиентов' : 'Client satisfaction index';
    blocks.push(
      chartBlock(rc, fileStem(`csi-${report.dimension}`, current.key, locale === 'en' ? 'en' : undefined), title, locale, () =>
        lineChartPng(chartTitle, subtitle, report.periods.map((p) => shortPeriodLabel(p, locale)), series, rc.fontFile),
      ),
    );
  }
  if (options.csv) {
    const files = csiCsv(report, locale);
    const stem = fileStem(`csi-${report.dimension}`, current.key, locale === 'en' ? 'en' : undefined);
    blocks.push(exportsBlock([exportPath(rc, stem, files.groups), exportPath(rc, `${stem}-conclusions`, files.conclusions)], locale));
  }
  return { blocks, fallbackText: `${title}: ${cellText(overallNow, locale)}` };
}

const round1 = (value: number) => Math.round(value * 10) / 10;
