import { z } from 'zod';
import type { Command, CommandContext } from '../bot/core/command';
import { buildDigest, type DigestDeps } from '../bot/core/digest/digest';
import { digestReply } from '../bot/core/digest/digestReply';
import { shortTime } from '../bot/core/digest/format';
import { DIGEST_JOB, enqueueDigest } from '../bot/core/digest/jobs';
import { departmentZone, escalationOf } from '../bot/core/digest/settings';
import { PermissionError, UserError } from '../bot/core/errors';
import { departmentName } from '../bot/core/issues/issueCards';
import { workingCalendarOf } from '../bot/core/issues/sla';
import { cronOf, nextOccurrences, parseSchedule } from '../bot/core/scheduler/schedule';
import type { Block, Localized, Reply } from '../bot/core/types';
import type { Department } from '../knowledge/schema/departments';
import { normalize } from '../knowledge/text';

const text = (ru: string, en: string): Localized => ({ ru, en });
const departmentArgs = z.object({ department: z.string().trim().optional() });
const UPCOMING = 5;

function digestDeps(ctx: CommandContext): DigestDeps {
  const kb = ctx.knowledge.kb;
  return { kb, stores: ctx.stores, calendar: workingCalendarOf(kb, ctx.log), settings: ctx.config };
}

/** The department named (by id or name), else the actor's own (a working department before the committee). */
function departmentOf(ctx: CommandContext, named: string | undefined): Department {
  const { kb } = ctx.knowledge;
  if (named) {
    const key = normalize(named);
    const found = kb.departments.find((d) => d.id === named.toLowerCase() || normalize(d.name.ru) === key || normalize(d.name.en) === key);
    if (!found) {
      const known = kb.departments.map((d) => d.id).join(', ');
      throw new UserError(text(`Нет подразделения «${named}». Есть: ${known}.`, `There is no department "${named}". Known: ${known}.`));
    }
    return found;
  }
  const own = ctx.actor.departments.map((id) => kb.department(id)).filter((d): d is Department => d !== undefined);
  const chosen = own.find((d) => d.kind !== 'committee') ?? own[0];
  if (!chosen) {
    const example = kb.departments[0]?.id ?? 'cards';
    throw new UserError(
      text(
        `Вы не состоите ни в одном подразделении. Укажите подразделение: дайджест ${example}`,
        `You are not a member of any department. Name one: digest preview ${example}`,
      ),
    );
  }
  return chosen;
}

/** Issue lists are for the department, its head, the committee and admins. */
function requireSee(ctx: CommandContext, department: Department): void {
  const { actor } = ctx;
  if (actor.isAdmin || actor.isCommittee || actor.departments.includes(department.id) || actor.heads.includes(department.id)) return;
  const name = (l: 'ru' | 'en') => departmentName(ctx.knowledge.kb, department.id, l);
  throw new PermissionError(
    text(`Дайджест «${name('ru')}» видят сотрудники подразделения, комитет и администраторы.`, `The ${name('en')} digest is for its members, the committee and administrators.`),
  );
}

export const digestPreviewCommand: Command<z.infer<typeof departmentArgs>> = {
  name: 'digest preview',
  aliases: ['дайджест', 'digest', 'дайджест показать', 'digest show'],
  summary: text('Дайджест моего подразделения на сейчас (предпросмотр)', "My department's digest as of now (preview)"),
  usage: text('[подразделение]', '[department]'),
  params: [{ name: 'department', rest: true }],
  args: departmentArgs,
  run({ department: named }, ctx) {
    const department = departmentOf(ctx, named);
    requireSee(ctx, department);
    const kb = ctx.knowledge.kb;
    const digest = buildDigest(digestDeps(ctx), department, ctx.clock.now());
    const reply = digestReply(digest, kb, ctx.locale);
    const canSend = ctx.actor.isAdmin || ctx.actor.heads.includes(department.id);
    const ru = ctx.locale === 'ru';
    const note = ru
      ? `_Предпросмотр: так выглядел бы дайджест сейчас.${canSend ? ` Отправить в канал подразделения: \`дайджест отправить ${department.id}\`` : ''}_`
      : `_Preview: the digest as it would read now.${canSend ? ` To post it to the department's channel: \`digest send ${department.id}\`` : ''}_`;
    return { ...reply, blocks: [...reply.blocks, { type: 'text', markdown: note }], visibility: 'private' };
  },
};

export const digestSendCommand: Command<z.infer<typeof departmentArgs>> = {
  name: 'digest send',
  aliases: ['дайджест отправить'],
  summary: text('Отправить дайджест в канал подразделения сейчас (руководители)', "Post the department's digest now (department heads)"),
  usage: text('[подразделение]', '[department]'),
  params: [{ name: 'department', rest: true }],
  args: departmentArgs,
  sideEffects: true,
  run({ department: named }, ctx) {
    const department = departmentOf(ctx, named);
    const kb = ctx.knowledge.kb;
    const name = (l: 'ru' | 'en') => departmentName(kb, department.id, l);
    if (!ctx.actor.isAdmin && !ctx.actor.heads.includes(department.id)) {
      throw new PermissionError(
        text(`Отправить дайджест «${name('ru')}» может руководитель подразделения или администратор.`, `Only the head of ${name('en')} or an administrator can send its digest.`),
      );
    }
    const now = ctx.clock.now();
    const deps = digestDeps(ctx);
    // Built before the transaction, so reading a large department does not hold the write lock.
    const digest = buildDigest(deps, department, now);
    const sent = ctx.stores.transaction(() => {
      // Recorded as a run, so the next scheduled digest counts "new" from here.
      if (!ctx.stores.jobRuns.claim({ job: DIGEST_JOB, subject: department.id, scheduledFor: now }, now, `command:${ctx.actor.id}`, true)) return false;
      enqueueDigest(ctx.stores, kb, digest, ctx.config.platforms, now);
      ctx.stores.jobRuns.recordOutcome({ job: DIGEST_JOB, subject: department.id, scheduledFor: now }, { messages: 1, by: ctx.actor.id });
      return true;
    });
    const message = sent
      ? text(`Дайджест «${name('ru')}» отправлен в канал подразделения.`, `The ${name('en')} digest is posted to the department's channel.`)
      : text('Дайджест только что отправлен.', 'The digest was just sent.');
    return { blocks: [{ type: 'text', markdown: message[ctx.locale] }], fallbackText: message[ctx.locale], visibility: 'private' };
  },
};

function remindersCommand(on: boolean): Command<Record<string, never>> {
  return {
    name: on ? 'digest subscribe' : 'digest unsubscribe',
    aliases: on ? ['дайджест подписаться', 'напоминания включить'] : ['дайджест отписаться', 'напоминания выключить'],
    summary: on
      ? text('Включить личные напоминания о сроках', 'Turn personal deadline reminders on')
      : text('Отключить личные напоминания о сроках', 'Turn personal deadline reminders off'),
    params: [],
    args: z.object({}) as unknown as z.ZodType<Record<string, never>>,
    sideEffects: true,
    run(_args, ctx) {
      ctx.stores.prefs.setReminders(ctx.actor.id, on, ctx.clock.now());
      const pct = Math.round(escalationOf(ctx.knowledge.kb).reminderShare * 100);
      const message = on
        ? text(
            `Напоминания включены: я напишу, когда пройдёт ${pct} % срока обращения и когда срок истечёт.`,
            `Reminders are on: I will tell you when ${pct}% of an issue's time is used and when it is overdue.`,
          )
        : text('Напоминания отключены. Включить снова: `дайджест подписаться`', 'Reminders are off. To turn them back on: `digest subscribe`');
      return { blocks: [{ type: 'text', markdown: message[ctx.locale] }], fallbackText: message[ctx.locale], visibility: 'private' };
    },
  };
}

export const digestSubscribeCommand = remindersCommand(true);
export const digestUnsubscribeCommand = remindersCommand(false);

export const digestScheduleCommand: Command<z.infer<typeof departmentArgs>> = {
  name: 'digest schedule',
  aliases: ['дайджест расписание'],
  summary: text('Расписание дайджеста моего подразделения', "My department's digest schedule"),
  usage: text('[подразделение]', '[department]'),
  params: [{ name: 'department', rest: true }],
  args: departmentArgs,
  run({ department: named }, ctx) {
    const { kb } = ctx.knowledge;
    const ru = ctx.locale === 'ru';
    const departments = named
      ? [departmentOf(ctx, named)]
      : ctx.actor.departments.map((id) => kb.department(id)).filter((d): d is Department => d !== undefined);
    if (departments.length === 0) departmentOf(ctx, undefined);
    const calendar = workingCalendarOf(kb, ctx.log);
    const now = ctx.clock.now();
    const blocks: Block[] = [{ type: 'heading', text: ru ? 'Расписание дайджеста' : 'Digest schedule' }];
    for (const department of departments) {
      const zone = departmentZone(department, ctx.config);
      const raw = department.digest.schedule;
      const plain = cronOf(raw) !== raw.trim();
      const when = plain
        ? ru
          ? `по рабочим дням в ${raw.trim()}`
          : `working days at ${raw.trim()}`
        : ru
          ? `по расписанию \`${raw.trim()}\` (cron), кроме нерабочих дней`
          : `on cron \`${raw.trim()}\`, except days off`;
      const lines = [`*${department.name[ctx.locale]}* — ${when}, ${zone}`];
      try {
        const upcoming = nextOccurrences(parseSchedule(raw, zone, 'working'), now, UPCOMING, calendar);
        lines.push(`${ru ? 'Ближайшие' : 'Next'}: ${upcoming.map((d) => shortTime(d, zone, ctx.locale)).join(', ')}`);
      } catch (error) {
        lines.push(ru ? `⚠️ Расписание не читается: ${String((error as Error).message)}` : `⚠️ The schedule cannot be read: ${String((error as Error).message)}`);
      }
      const last = ctx.stores.jobRuns.latest(DIGEST_JOB, department.id);
      if (last) {
        const how = last.manual ? (ru ? 'вручную' : 'by hand') : ru ? 'по расписанию' : 'on schedule';
        lines.push(`${ru ? 'Последний' : 'Last'}: ${shortTime(last.ranAt, zone, ctx.locale)} (${how})`);
      }
      if (department.digest.skipEmpty) lines.push(ru ? 'Пустой дайджест не отправляется.' : 'An empty digest is not sent.');
      blocks.push({ type: 'text', markdown: lines.join('\n') });
    }
    const reminders = ctx.stores.prefs.of(ctx.actor.id).reminders;
    const pct = Math.round(escalationOf(kb).reminderShare * 100);
    blocks.push({
      type: 'text',
      markdown: reminders
        ? ru
          ? `Ваши напоминания включены (${pct} % срока и просрочка). Отключить: \`дайджест отписаться\``
          : `Your reminders are on (${pct}% of the time, and overdue). To turn them off: \`digest unsubscribe\``
        : ru
          ? 'Ваши напоминания отключены. Включить: `дайджест подписаться`'
          : 'Your reminders are off. To turn them on: `digest subscribe`',
    });
    const reply: Reply = { blocks, fallbackText: ru ? 'Расписание дайджеста' : 'Digest schedule', visibility: 'private' };
    return reply;
  },
};

export const digestCommands: Command[] = [
  digestPreviewCommand,
  digestSendCommand,
  digestSubscribeCommand,
  digestUnsubscribeCommand,
  digestScheduleCommand,
] as Command[];
