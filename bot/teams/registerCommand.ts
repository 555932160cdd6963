import { z } from 'zod';
import type { Command } from '../core/command';
import { PermissionError, UserError } from '../core/errors';
import { pick } from '../../knowledge/localized';

/**
 * `teams register <department>`: this Teams channel receives the department's issue cards and digests.
 * For channels the departments file does not name (or names wrongly); the head or an administrator decides.
 */
export const teamsRegisterCommand: Command<{ department: string }> = {
  name: 'teams register',
  aliases: ['teams регистрация', 'teams зарегистрировать'],
  platforms: ['teams'],
  sideEffects: true,
  summary: {
    ru: 'Сделать этот канал Teams каналом подразделения (карточки обращений, дайджесты)',
    en: "Make this Teams channel the department's channel (issue cards, digests)",
  },
  usage: { ru: '<подразделение>', en: '<department>' },
  params: [{ name: 'department', rest: true }],
  args: z.object({ department: z.string().trim().min(1) }),
  run({ department: wanted }, ctx) {
    const { kb } = ctx.knowledge;
    const key = wanted.toLowerCase();
    const department =
      kb.department(key) ?? kb.departments.find((d) => d.name.ru.toLowerCase() === key || d.name.en.toLowerCase() === key);
    if (!department) {
      const ids = kb.departments.map((d) => d.id).join(', ');
      throw new UserError({ ru: `Нет подразделения «${wanted}». Подразделения: ${ids}.`, en: `There is no department "${wanted}". Departments: ${ids}.` });
    }
    if (ctx.conversation.isDirect) {
      throw new UserError({
        ru: 'Зарегистрировать можно канал команды или групповой чат, а не личный чат. Упомяните бота в нужном канале.',
        en: 'Only a team channel or a group chat can be registered, not a personal chat. Mention the bot in that channel.',
      });
    }
    const { actor } = ctx;
    if (!actor.isAdmin && !actor.heads.includes(department.id)) {
      throw new PermissionError({
        ru: 'Канал подразделения назначает его руководитель или администратор.',
        en: "A department's channel is chosen by its head or an administrator.",
      });
    }
    ctx.stores.teamsConversations.register(ctx.conversation.id, department.id, actor.id, ctx.clock.now());
    ctx.log.info('teams.channel_registered', { department: department.id, channel: ctx.conversation.id, by: actor.id });
    const name = pick(department.name, ctx.locale);
    const text =
      ctx.locale === 'ru'
        ? `Готово: этот канал теперь получает обращения и дайджесты подразделения «${name}».`
        : `Done: this channel now receives the issues and digests of ${name}.`;
    return { blocks: [{ type: 'text', markdown: text }], fallbackText: text };
  },
};

/** Commands only the Teams adapter offers. */
export function teamsCommands(): Command[] {
  return [teamsRegisterCommand as Command];
}
