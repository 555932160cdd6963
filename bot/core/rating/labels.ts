// Words and number formats the rating, the index and the statistics are shown with, in both languages.
import type { IndicatorId } from '../../../knowledge/schema/rating';
import type { Locale, Localized } from '../types';
import type { CsiDimension } from './csi';

export const INDICATOR_LABEL: Record<IndicatorId, Localized> = {
  slaShare: { ru: 'Решено в срок', en: 'Resolved within SLA' },
  firstResponseHours: { ru: 'Время до первого ответа', en: 'Time to first response' },
  resolutionHours: { ru: 'Время до решения', en: 'Time to resolution' },
  handoffShare: { ru: 'Передано в другие подразделения', en: 'Handed on to other departments' },
  reopenedShare: { ru: 'Открыто повторно', en: 'Reopened' },
  satisfaction: { ru: 'Удовлетворённость клиентов', en: 'Client satisfaction' },
  knowledgeFresh: { ru: 'Актуальность базы знаний', en: 'Knowledge entries up to date' },
  answersHelpful: { ru: 'Полезность ответов', en: 'Helpful answers' },
  answersServed: { ru: 'Ответов за 30 дней', en: 'Answers per 30 days' },
};

/** How a raw indicator value reads: `87,5 %`, `3,2 раб. ч`, `72,0`. */
export function indicatorValue(id: IndicatorId, value: number, locale: Locale): string {
  const n = number(value, 1, locale);
  if (id === 'firstResponseHours' || id === 'resolutionHours') return locale === 'ru' ? `${n} раб. ч` : `${n} working h`;
  if (id === 'satisfaction' || id === 'answersServed') return n;
  return `${n} %`;
}

export const DIMENSION_LABEL: Record<CsiDimension, Localized> = {
  department: { ru: 'по подразделениям', en: 'by department' },
  branch: { ru: 'по офисам', en: 'by branch' },
  category: { ru: 'по продуктам', en: 'by product' },
};

export function number(value: number, digits: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** `+3,1` / `−2,0` (a real minus sign) / `0,0`. */
export function signed(value: number, digits: number, locale: Locale): string {
  const rounded = Number(value.toFixed(digits));
  if (rounded === 0) return number(0, digits, locale);
  return `${rounded > 0 ? '+' : '−'}${number(Math.abs(rounded), digits, locale)}`;
}

/** `12 оценок`, `1 оценка`, `3 оценки`. */
export function ratingsCount(n: number, locale: Locale): string {
  if (locale === 'en') return `${n} rating${n === 1 ? '' : 's'}`;
  return `${n} ${plural(n, 'оценка', 'оценки', 'оценок')}`;
}

export function issuesCount(n: number, locale: Locale): string {
  if (locale === 'en') return `${n} issue${n === 1 ? '' : 's'}`;
  return `${n} ${plural(n, 'обращение', 'обращения', 'обращений')}`;
}

export function plural(n: number, one: string, few: string, many: string): string {
  const tens = n % 100;
  const units = n % 10;
  if (tens >= 11 && tens <= 14) return many;
  if (units === 1) return one;
  if (units >= 2 && units <= 4) return few;
  return many;
}
