// Words and lines shared by the digest, reminders and escalation messages.
import { DateTime } from 'luxon';
import type { KnowledgeBase } from '../../../knowledge/model';
import { categoryName, personName } from '../issues/issueCards';
import type { Issue } from '../issues/model';
import type { Locale } from '../types';

/** Slack's section limit is 3,000 characters; a line is clipped well below it so a section of lines fits. */
export const MAX_LINE = 240;
const SNIPPET = 70;

/** Working hours as people say them: `3 ч`, `1 раб. дн. 2 ч`, `2 working days 4 h`. */
export function workingSpan(hours: number, dayHours: number, locale: Locale): string {
  const totalMinutes = Math.max(0, Math.round(hours * 60));
  const dayMinutes = Math.round(dayHours * 60);
  const days = Math.floor(totalMinutes / dayMinutes);
  const rest = totalMinutes - days * dayMinutes;
  const h = Math.floor(rest / 60);
  const m = rest % 60;
  const ru = locale === 'ru';
  const parts: string[] = [];
  if (days > 0) parts.push(ru ? `${days} раб. дн.` : `${days} working day${days === 1 ? '' : 's'}`);
  if (h > 0) parts.push(ru ? `${h} ч` : `${h} h`);
  if (m > 0 && days === 0) parts.push(ru ? `${m} мин` : `${m} min`);
  return parts.length > 0 ? parts.join(' ') : ru ? 'меньше минуты' : 'under a minute';
}

export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

export function shortTime(iso: string | Date, zone: string, locale: Locale): string {
  const dt = typeof iso === 'string' ? DateTime.fromISO(iso, { zone }) : DateTime.fromJSDate(iso, { zone });
  return dt.setLocale(locale).toFormat(locale === 'ru' ? 'dd.MM HH:mm' : 'dd MMM HH:mm');
}

export function longDate(instant: Date, zone: string, locale: Locale): string {
  return DateTime.fromJSDate(instant, { zone }).setLocale(locale).toFormat(locale === 'ru' ? 'cccc, d MMMM yyyy' : 'cccc, d MMMM yyyy');
}

/** `CL-2026-000123 · Блокировка карты · VIP — «snippet»`; markup is dropped from the snippet so it cannot break the message. */
export function issueLine(issue: Issue, kb: KnowledgeBase, locale: Locale, options: { assignee?: boolean; snippet?: boolean } = {}): string {
  const parts = [`\`${issue.number}\``, categoryName(kb, issue.category, locale)];
  if (issue.vip) parts.push('VIP');
  if (options.assignee) parts.push(personName(kb, issue.assignee, locale));
  let line = parts.join(' · ');
  if (options.snippet !== false) line += ` — «${clip(issue.description.replace(/[`*_~]/g, ''), SNIPPET)}»`;
  return line;
}

/** A titled list of at most `max` lines, then "and K more — `command`". */
export function section(title: string, lines: string[], total: number, more: { locale: Locale; command?: string }): string {
  const shown = lines.map((l) => `• ${clip(l, MAX_LINE)}`);
  const hidden = total - lines.length;
  if (hidden > 0) {
    const ru = more.locale === 'ru';
    const tail = more.command ? ` — \`${more.command}\`` : '';
    shown.push(ru ? `_…и ещё ${hidden}${tail}_` : `_…and ${hidden} more${tail}_`);
  }
  return `*${title}*\n${shown.join('\n')}`;
}
