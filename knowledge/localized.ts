import type { Locale } from '../bot/core/types';
import type { LocalizedText } from './schema/common';

/** The text in the reader's language; Russian where the author wrote no English. */
export function pick(text: LocalizedText, locale: Locale): string {
  if (typeof text === 'string') return text;
  return (locale === 'en' ? text.en : undefined) ?? text.ru;
}

/** Every language version, for indexing. */
export function allVersions(text: LocalizedText | undefined): string[] {
  if (text === undefined) return [];
  if (typeof text === 'string') return [text];
  return text.en ? [text.ru, text.en] : [text.ru];
}
