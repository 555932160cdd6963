import { z } from 'zod';
import type { Command } from '../../bot/core/command';
import { FormError } from '../../bot/core/errors';
import type { Reply } from '../../bot/core/types';

const say = (text: string): Reply => ({ blocks: [{ type: 'text', markdown: text }], fallbackText: text });

/** Fails the way a bug would: an exception with internals (and client data) in its message. */
export const boomCommand: Command<Record<string, never>> = {
  name: 'boom',
  aliases: ['бум'],
  summary: { ru: 'Тестовая команда с ошибкой', en: 'A test command that fails' },
  params: [],
  args: z.object({}),
  run() {
    throw new Error('connection to 10.0.0.7 reset while saving card 4276 1234 5678 9012');
  },
};

/** Counts its runs, to see whether a retried event ran twice. */
export function countingCommand(): Command<Record<string, never>> & { runs: number } {
  const command = {
    name: 'count',
    aliases: ['посчитать'],
    summary: { ru: 'Тестовый счётчик', en: 'A test counter' },
    params: [],
    args: z.object({}),
    sideEffects: true,
    runs: 0,
    run() {
      command.runs++;
      return say(`runs: ${command.runs}`);
    },
  };
  return command;
}

/** Digits become a number; anything else stays as typed, so a wrong value is told apart from a missing one. */
const wholeNumber = z.preprocess((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v), z.number().int());

/** Two typed arguments, and a form for whatever is missing. */
export const greetCommand: Command<{ name: string; age: number }> = {
  name: 'greet',
  aliases: ['привет'],
  summary: { ru: 'Тестовая команда с формой', en: 'A test command with a form' },
  usage: { ru: '<имя> <возраст>', en: '<name> <age>' },
  params: [{ name: 'name' }, { name: 'age' }],
  args: z.object({ name: z.string().min(1), age: wholeNumber }),
  form(partial, ctx) {
    const ru = ctx.locale === 'ru';
    return {
      blocks: [
        {
          type: 'form',
          formId: 'greet',
          title: ru ? 'Знакомство' : 'Introductions',
          submitLabel: ru ? 'Отправить' : 'Send',
          inputs: [
            { id: 'name', label: ru ? 'Имя' : 'Name', kind: 'text', required: true, initial: partial.name },
            {
              id: 'age',
              label: ru ? 'Возраст' : 'Age',
              kind: 'select',
              required: true,
              options: [
                { value: '30', label: '30' },
                { value: '200', label: '200' },
              ],
            },
          ],
        },
      ],
      fallbackText: ru ? 'Знакомство' : 'Introductions',
    };
  },
  run({ name, age }, ctx) {
    if (age > 150) throw new FormError({ age: { ru: 'Столько не живут', en: 'Nobody is that old' } });
    return say(ctx.locale === 'ru' ? `Здравствуйте, ${name} (${age})` : `Hello, ${name} (${age})`);
  },
};
