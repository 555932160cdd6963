// A department's or a person's statistics as a reply (fields), CSV on request.
import type { Block, Locale, Localized, Reply } from '../types';
import { exportPath, exportsBlock, type ReportContext, ratingContextOf } from './context';
import { number } from './labels';
import { fileStem, toCsv } from './outputs';
import { type Period, periodLabel } from './period';
import { computeStats, type Stats, type StatsSubject } from './stats';

export function buildStats(rc: ReportContext, subject: StatsSubject, period: Period): Stats {
  return computeStats(rc.source, subject, period, ratingContextOf(rc));
}

function subjectName(rc: ReportContext, subject: StatsSubject, locale: Locale): string {
  if (subject.kind === 'department') return rc.kb.department(subject.id)?.name[locale] ?? subject.id;
  return rc.kb.person(subject.id)?.name ?? subject.id;
}

function rows(stats: Stats, locale: Locale): { label: Localized; value: string; raw: number | undefined }[] {
  const dept = stats.subject.kind === 'department';
  const hours = stats.averageHandlingHours;
  const helpful = stats.helpfulShare;
  const none = locale === 'ru' ? 'нет данных' : 'no data';
  return [
    { label: dept ? { ru: 'Получено обращений', en: 'Issues received' } : { ru: 'Взято и назначено обращений', en: 'Issues taken or assigned' }, value: String(stats.received), raw: stats.received },
    { label: dept ? { ru: 'Решено', en: 'Resolved' } : { ru: 'Решено лично', en: 'Resolved personally' }, value: String(stats.resolved), raw: stats.resolved },
    { label: { ru: 'Просрочено (решено с опозданием или не решено в срок)', en: 'Overdue (resolved late or past due unresolved)' }, value: String(stats.overdue), raw: stats.overdue },
    { label: { ru: 'Передано в другие подразделения', en: 'Handed on to other departments' }, value: String(stats.handedOn), raw: stats.handedOn },
    {
      label: { ru: 'Среднее время решения', en: 'Average handling time' },
      value: hours === undefined ? none : `${number(hours, 1, locale)} ${locale === 'ru' ? 'раб. ч' : 'working h'}`,
      raw: hours,
    },
    { label: dept ? { ru: 'Ответов на вопросы по темам', en: 'Questions answered on its topics' } : { ru: 'Получено ответов на вопросы', en: 'Questions answered' }, value: String(stats.answered), raw: stats.answered },
    {
      label: { ru: 'Доля полезных ответов', en: 'Helpful share' },
      value: helpful === undefined ? none : `${number(helpful, 1, locale)} % (${locale === 'ru' ? 'из' : 'of'} ${stats.answersRated})`,
      raw: helpful,
    },
    { label: { ru: 'Вопросов без ответа', en: 'Questions left unanswered' }, value: String(stats.unanswered), raw: stats.unanswered },
  ];
}

export function statsTitle(stats: Stats, rc: ReportContext, locale: Locale): string {
  return `${locale === 'ru' ? 'Статистика' : 'Statistics'}: ${subjectName(rc, stats.subject, locale)} — ${periodLabel(stats.period, locale)}`;
}

export function statsCsv(stats: Stats, locale: Locale): string {
  return toCsv([locale === 'ru' ? 'показатель' : 'measure', locale === 'ru' ? 'значение' : 'value'], rows(stats, locale).map((r) => [r.label[locale], r.raw]));
}

export function statsReply(stats: Stats, rc: ReportContext, locale: Locale, options: { csv?: boolean } = {}): Reply {
  const title = statsTitle(stats, rc, locale);
  const list = rows(stats, locale);
  const blocks: Block[] = [
    { type: 'heading', text: title },
    { type: 'fields', fields: list.map((r) => ({ label: r.label[locale], value: r.value })) },
  ];
  if (options.csv) {
    const stem = fileStem('stats', `${stats.subject.id}-${stats.period.key}`, locale === 'en' ? 'en' : undefined);
    blocks.push(exportsBlock([exportPath(rc, stem, statsCsv(stats, locale))], locale));
  }
  return { blocks, fallbackText: `${title}: ${list.map((r) => `${r.label[locale]} ${r.value}`).join('; ')}` };
}

