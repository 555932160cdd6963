import { z } from 'zod';
import type { Command } from '../core/command';
import { UserError } from '../core/errors';

/** Who the console acts as; shared by the adapter and its `as` command. */
export interface ConsoleSession {
  userEmail?: string;
}

/** `as <e-mail>`: act as another member of staff, to try every role from one terminal. */
export function createAsCommand(session: ConsoleSession): Command<{ email: string }> {
  return {
    name: 'as',
    // Not `как`: most questions start with that word and would be taken for this command.
    aliases: ['от-имени'],
    platforms: ['console'],
    sideEffects: true,
    summary: { ru: 'Работать от имени другого сотрудника (консоль)', en: 'Act as another member of staff (console)' },
    usage: { ru: '<e-mail>', en: '<e-mail>' },
    params: [{ name: 'email' }],
    args: z.object({ email: z.string().min(3) }),
    run({ email }, ctx) {
      const person = ctx.knowledge.kb.person(email);
      if (!person) {
        throw new UserError({ ru: `Сотрудника ${email} нет в справочнике подразделений.`, en: `${email} is not in the departments file.` });
      }
      session.userEmail = person.email;
      const text =
        ctx.locale === 'ru'
          ? `Теперь вы — ${person.name} (${person.departments.join(', ')}).`
          : `You are now ${person.name} (${person.departments.join(', ')}).`;
      return { blocks: [{ type: 'text', markdown: text }], fallbackText: text };
    },
  };
}
