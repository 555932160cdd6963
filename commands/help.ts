import { z } from 'zod';
import type { Command } from '../bot/core/command';
import type { Registry } from '../bot/core/registry';

export const helpCommand: Command<{ topic?: string }> = {
  name: 'help',
  // Not `справка`: staff ask about certificates ("справка о закрытии кредита"), which would become help.
  aliases: ['помощь', '?'],
  summary: { ru: 'Список команд', en: 'The list of commands' },
  usage: { ru: '[команда]', en: '[command]' },
  params: [{ name: 'topic', rest: true }],
  args: z.object({ topic: z.string().trim().optional() }),
  run({ topic }, ctx) {
    const { locale } = ctx;
    const registry = ctx.registry as Registry;
    let commands = registry.availableOn(ctx.platform).filter((c) => !c.hidden);
    if (topic) {
      const exact = registry.find(topic);
      const family = registry.family(topic.split(/\s+/)[0] ?? '');
      const chosen = exact ? [exact] : family;
      if (chosen.length > 0) commands = chosen.filter((c) => !c.hidden);
    }
    const lines = commands.map((c) => {
      const usage = c.usage ? ` ${c.usage[locale]}` : '';
      const alias = c.aliases[0] ? ` (${c.aliases[0]})` : '';
      return `• \`${c.name}${usage}\`${alias} — ${c.summary[locale]}`;
    });
    const intro =
      locale === 'ru'
        ? 'Напишите вопрос своими словами или команду. Команды (можно по-русски, `/` в начале не обязателен):'
        : 'Type a question in your own words, or a command (a leading `/` is optional):';
    return {
      blocks: [
        { type: 'text', markdown: intro },
        { type: 'text', markdown: lines.join('\n') },
      ],
      fallbackText: intro,
    };
  },
};
