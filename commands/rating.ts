import { z } from 'zod';
import type { Command, CommandContext } from '../bot/core/command';
import { PermissionError, UsageError } from '../bot/core/errors';
import type { ReportContext } from '../bot/core/rating/context';
import { CSI_DIMENSIONS, type CsiDimension } from '../bot/core/rating/csi';
import { buildCsi, csiReply } from '../bot/core/rating/csiReport';
import { dataFolderOf } from '../bot/core/rating/outputs';
import { lastFullMonth, type Period, PeriodSyntaxError, parsePeriod } from '../bot/core/rating/period';
import { buildRating, ratingReply } from '../bot/core/rating/ratingReport';
import type { StatsSubject } from '../bot/core/rating/stats';
import { buildStats, statsReply } from '../bot/core/rating/statsReport';
import type { Localized } from '../bot/core/types';

const restArgs = z.object({ args: z.string().trim().optional() });
type RestArgs = z.infer<typeof restArgs>;

const PERIOD_HELP: Localized = {
  ru: 'Период: `2026-10` (месяц), `2026-Q3` (квартал), `2026-09-01..2026-09-30` (даты), `month`/`месяц`, `quarter`/`квартал`, `last-month`/`прошлый-месяц`; без периода — прошлый полный месяц.',
  en: 'Period: `2026-10` (a month), `2026-Q3` (a quarter), `2026-09-01..2026-09-30` (dates), `month`, `quarter`, `last-month`, `last-quarter`; none means the last full month.',
};

const CSV_WORDS = ['csv', 'цсв', 'выгрузка'];
const ME_WORDS = ['me', 'my', 'я', 'мне', 'моя', 'мой'];
const BY_WORDS = ['by', 'по'];
const DIMENSION_WORDS: Record<string, CsiDimension> = {
  department: 'department',
  departments: 'department',
  подразделение: 'department',
  подразделения: 'department',
  подразделениям: 'department',
  отдел: 'department',
  отделам: 'department',
  branch: 'branch',
  branches: 'branch',
  офис: 'branch',
  офисам: 'branch',
  филиал: 'branch',
  филиалам: 'branch',
  category: 'category',
  categories: 'category',
  product: 'category',
  products: 'category',
  категория: 'category',
  категориям: 'category',
  продукт: 'category',
  продуктам: 'category',
};

export function reportContextOf(ctx: CommandContext): ReportContext {
  return {
    kb: ctx.knowledge.kb,
    source: ctx.stores.ratingData,
    zone: ctx.config.timezone,
    now: ctx.clock.now(),
    dataFolder: dataFolderOf(ctx.stores.db.name),
    log: ctx.log,
  };
}

interface Parsed {
  period?: Period;
  csv: boolean;
  rest: string[];
}

/** Splits the words into a period, `csv` and whatever the command reads itself. */
function parseWords(text: string | undefined, ctx: CommandContext, commandName: string): Parsed {
  const parsed: Parsed = { csv: false, rest: [] };
  for (const word of (text ?? '').split(/\s+/).filter(Boolean)) {
    const lower = word.toLowerCase().replace(/ё/g, 'е');
    if (CSV_WORDS.includes(lower)) {
      parsed.csv = true;
      continue;
    }
    let period: Period | undefined;
    try {
      period = parsePeriod(lower, ctx.clock.now(), ctx.config.timezone);
    } catch (error) {
      if (!(error instanceof PeriodSyntaxError)) throw error;
      throw new UsageError(commandName, {
        ru: `Не понимаю период «${word}». ${PERIOD_HELP.ru}`,
        en: `"${word}" is not a period I understand. ${PERIOD_HELP.en}`,
      });
    }
    if (period) {
      if (parsed.period) throw new UsageError(commandName, { ru: 'Укажите один период.', en: 'Give one period.' });
      parsed.period = period;
    } else {
      parsed.rest.push(lower);
    }
  }
  return parsed;
}

function periodOf(parsed: Parsed, ctx: CommandContext): Period {
  return parsed.period ?? lastFullMonth(ctx.clock.now(), ctx.config.timezone);
}

function refuseExtra(words: string[], commandName: string): void {
  if (words.length === 0) return;
  throw new UsageError(commandName, {
    ru: `Не понимаю «${words.join(' ')}». ${PERIOD_HELP.ru}`,
    en: `I don't understand "${words.join(' ')}". ${PERIOD_HELP.en}`,
  });
}

export const ratingCommand: Command<RestArgs> = {
  name: 'rating',
  aliases: ['рейтинг'],
  summary: {
    ru: 'Рейтинг подразделений по клиентской работе за период: место, балл, изменение, что стоило больше всего',
    en: 'Department rating on client work for a period: rank, score, change, what cost most',
  },
  usage: { ru: '[период] [csv]', en: '[period] [csv]' },
  params: [{ name: 'args', rest: true }],
  args: restArgs,
  run({ args }, ctx) {
    const parsed = parseWords(args, ctx, 'rating');
    refuseExtra(parsed.rest, 'rating');
    const rc = reportContextOf(ctx);
    return ratingReply(buildRating(rc, periodOf(parsed, ctx)), rc, ctx.locale, { csv: parsed.csv });
  },
};

export const csiCommand: Command<RestArgs> = {
  name: 'csi',
  aliases: ['индекс', 'иук'],
  summary: {
    ru: 'Индекс удовлетворённости клиентов по подразделениям, офисам или продуктам: динамика и выводы',
    en: 'Client satisfaction index by department, branch or product: trend and conclusions',
  },
  usage: { ru: '[период] [по подразделениям|офисам|продуктам] [csv]', en: '[period] [by department|branch|category] [csv]' },
  params: [{ name: 'args', rest: true }],
  args: restArgs,
  run({ args }, ctx) {
    const parsed = parseWords(args, ctx, 'csi');
    let dimension: CsiDimension = 'department';
    const unknown: string[] = [];
    for (const word of parsed.rest) {
      if (BY_WORDS.includes(word)) continue;
      const found = DIMENSION_WORDS[word] ?? (CSI_DIMENSIONS as readonly string[]).find((d) => d === word);
      if (found) dimension = found as CsiDimension;
      else unknown.push(word);
    }
    refuseExtra(unknown, 'csi');
    const rc = reportContextOf(ctx);
    return csiReply(buildCsi(rc, periodOf(parsed, ctx), dimension), rc, ctx.locale, { csv: parsed.csv });
  },
};

/** Own figures for everyone; a head sees their people; the committee and administrators see all. */
function requireStatsAccess(subject: StatsSubject, ctx: CommandContext): void {
  const { actor } = ctx;
  if (actor.isAdmin || actor.isCommittee) return;
  if (subject.kind === 'department' && actor.departments.includes(subject.id)) return;
  if (subject.kind === 'person') {
    if (subject.id.toLowerCase() === actor.id.toLowerCase()) return;
    const person = ctx.knowledge.kb.person(subject.id);
    if (person?.departments.some((d) => actor.heads.includes(d))) return;
  }
  throw new PermissionError({
    ru: 'Эту статистику видят само подразделение или сотрудник, его руководитель, комитет и администраторы.',
    en: 'These statistics are for the department or person themselves, their head, the committee and administrators.',
  });
}

export const statsCommand: Command<RestArgs> = {
  name: 'stats',
  aliases: ['статистика'],
  summary: {
    ru: 'Статистика подразделения или своя: обращения, сроки, передачи, ответы на вопросы',
    en: 'Statistics of a department or your own: issues, deadlines, handoffs, questions answered',
  },
  usage: { ru: '[подразделение|я|почта] [период] [csv]', en: '[department|me|e-mail] [period] [csv]' },
  params: [{ name: 'args', rest: true }],
  args: restArgs,
  run({ args }, ctx) {
    const parsed = parseWords(args, ctx, 'stats');
    const { kb } = ctx.knowledge;
    let subject: StatsSubject | undefined;
    for (const word of parsed.rest) {
      let next: StatsSubject | undefined;
      if (ME_WORDS.includes(word)) next = { kind: 'person', id: ctx.actor.id };
      else if (kb.department(word)) next = { kind: 'department', id: word };
      else if (word.includes('@')) {
        const person = kb.person(word);
        if (!person) throw new UsageError('stats', { ru: `Нет сотрудника ${word} в справочнике подразделений.`, en: `${word} is not in the departments file.` });
        next = { kind: 'person', id: person.email };
      }
      if (!next || subject) {
        const known = kb.departments.map((d) => d.id).join(', ');
        throw new UsageError('stats', {
          ru: `Не понимаю «${word}». Укажите одно: подразделение (${known}), «я» или почту сотрудника. ${PERIOD_HELP.ru}`,
          en: `I don't understand "${word}". Give one of: a department (${known}), "me" or a person's e-mail. ${PERIOD_HELP.en}`,
        });
      }
      subject = next;
    }
    const home = ctx.actor.departments[0];
    subject ??= home ? { kind: 'department', id: home } : { kind: 'person', id: ctx.actor.id };
    requireStatsAccess(subject, ctx);
    const rc = reportContextOf(ctx);
    return { ...statsReply(buildStats(rc, subject, periodOf(parsed, ctx)), rc, ctx.locale, { csv: parsed.csv }), visibility: 'private' };
  },
};

export const ratingCommands = [ratingCommand, csiCommand, statsCommand];
