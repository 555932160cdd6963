import type { Locale, Localized, Reply } from './types';

export function t(locale: Locale, text: Localized): string {
  return text[locale];
}

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (all, key: string) => (key in values ? String(values[key]) : all));
}

export function tf(locale: Locale, text: Localized, values: Record<string, string | number>): string {
  return format(text[locale], values);
}

/** A reply in both languages, for messages stored before we know who will read them. */
export function inBothLocales(make: (locale: Locale) => Reply): { ru: Reply; en: Reply } {
  return { ru: make('ru'), en: make('en') };
}

export function parseLocale(value: string | undefined): Locale | undefined {
  if (!value) return undefined;
  const v = value.toLowerCase();
  if (v.startsWith('ru') || v === 'рус' || v === 'русский') return 'ru';
  if (v.startsWith('en') || v === 'англ' || v === 'английский') return 'en';
  return undefined;
}
