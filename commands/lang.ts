import { z } from 'zod';
import type { Command } from '../bot/core/command';
import { UsageError } from '../bot/core/errors';
import { parseLocale } from '../bot/core/i18n';

export const langCommand: Command<{ locale: string }> = {
  name: 'lang',
  aliases: ['язык', 'language'],
  summary: { ru: 'Сменить язык ответов (ru или en)', en: 'Change the language of replies (ru or en)' },
  usage: { ru: 'ru|en', en: 'ru|en' },
  params: [{ name: 'locale' }],
  args: z.object({ locale: z.string() }),
  sideEffects: true,
  run({ locale: wanted }, ctx) {
    const locale = parseLocale(wanted);
    if (!locale) throw new UsageError('lang', { ru: `Неизвестный язык «${wanted}».`, en: `Unknown language "${wanted}".` });
    ctx.stores.prefs.setLocale(ctx.actor.id, locale, ctx.clock.now());
    const text = locale === 'ru' ? 'Теперь я отвечаю по-русски.' : 'I will reply in English from now on.';
    return { blocks: [{ type: 'text', markdown: text }], fallbackText: text, visibility: 'private' };
  },
};
