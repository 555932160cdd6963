// The committee's monthly report: last month's department rating and satisfaction index, with charts and
// CSV exports, for the committee's channel (reportJob.ts posts it through the outbox).
import type { Block, Locale, Reply } from '../types';
import type { ReportContext } from './context';
import { buildCsi, csiReply } from './csiReport';
import { type Period, periodLabel } from './period';
import { buildRating, ratingReply } from './ratingReport';

export function monthlyReportTitle(month: Period, locale: Locale): string {
  return locale === 'ru'
    ? `Ежемесячный отчёт комитету по клиентской работе — ${periodLabel(month, locale)}`
    : `Monthly report to the Client Work Committee — ${periodLabel(month, locale)}`;
}

/** Both languages: the outbox renders each recipient's. Figures are computed once, charts drawn per language. */
export function buildMonthlyReport(rc: ReportContext, month: Period): { ru: Reply; en: Reply } {
  const rating = buildRating(rc, month);
  const csi = buildCsi(rc, month, 'department');
  const make = (locale: Locale): Reply => {
    const title = monthlyReportTitle(month, locale);
    const ratingPart = ratingReply(rating, rc, locale, { csv: true });
    const csiPart = csiReply(csi, rc, locale, { csv: true });
    const blocks: Block[] = [{ type: 'heading', text: title }, ...ratingPart.blocks, { type: 'divider' }, ...csiPart.blocks];
    return { blocks, fallbackText: `${title}. ${ratingPart.fallbackText}. ${csiPart.fallbackText}` };
  };
  return { ru: make('ru'), en: make('en') };
}
