import { z } from 'zod';
import type { Command, CommandContext } from '../bot/core/command';
import { FormError, UsageError, UserError } from '../bot/core/errors';
import {
  CHANNEL_LABEL,
  departmentCard,
  departmentName,
  isOverdue,
  issueButtons,
  issueFields,
  issueTitle,
  PRIORITY_LABEL,
  STATUS_LABEL,
} from '../bot/core/issues/issueCards';
import { IssueDesk } from '../bot/core/issues/issueDesk';
import { ISSUE_STATUSES, type Issue, type IssueStatus } from '../bot/core/issues/model';
import type { Block, FormInput, Localized, Reply } from '../bot/core/types';
import { PRIORITIES, type Priority } from '../knowledge/schema/issues';

export function deskOf(ctx: CommandContext): IssueDesk {
  return new IssueDesk({
    kb: ctx.knowledge.kb,
    stores: ctx.stores,
    clock: ctx.clock,
    zone: ctx.config.timezone,
    secret: ctx.config.secret,
    platforms: ctx.config.platforms,
    log: ctx.log,
    actor: ctx.actor,
    platform: ctx.platform,
    eventKey: `${ctx.platform}:${ctx.eventId}`,
  });
}

const YES = ['yes', 'да', 'y', 'true', '1', 'vip'];
const NO = ['no', 'нет', 'n', 'false', '0', ''];

function text(ru: string, en: string): Localized {
  return { ru, en };
}

function confirmation(ctx: CommandContext, issue: Issue, message: Localized): Reply {
  const { locale } = ctx;
  const blocks: Block[] = [
    { type: 'text', markdown: message[locale] },
    { type: 'heading', text: issueTitle(issue, ctx.knowledge.kb, locale) },
    issueFields(issue, ctx.knowledge.kb, locale, ctx.config.timezone),
  ];
  const buttons = ctx.actor.departments.includes(issue.department) || ctx.actor.isAdmin ? issueButtons(issue, locale) : undefined;
  if (buttons) blocks.push(buttons);
  return { blocks, fallbackText: message[locale] };
}

const newIssueArgs = z.object({
  client: z.string().optional(),
  vip: z.string().optional(),
  category: z.string().optional(),
  channel: z.string().optional(),
  branch: z.string().optional(),
  priority: z.string().optional(),
  description: z.string().optional(),
  entries: z.string().optional(),
});

function newIssueForm(ctx: CommandContext, values: Record<string, string>): Reply {
  const { locale } = ctx;
  const { kb } = ctx.knowledge;
  const ru = locale === 'ru';
  const inputs: FormInput[] = [
    { id: 'client', label: ru ? 'Клиент (ФИО или номер клиента)' : 'Client (name or client number)', kind: 'text', required: true, initial: values.client },
    {
      id: 'category',
      label: ru ? 'Категория' : 'Category',
      kind: 'select',
      required: true,
      options: kb.categories.map((c) => ({ value: c.id, label: c.name[locale] })),
      initial: values.category,
    },
    {
      id: 'description',
      label: ru ? 'Суть обращения' : 'What happened',
      kind: 'textarea',
      required: true,
      initial: values.description,
      hint: ru ? 'Номера карт и счетов будут скрыты автоматически.' : 'Card and account numbers are masked automatically.',
    },
    {
      id: 'channel',
      label: ru ? 'Канал обращения' : 'Channel',
      kind: 'select',
      required: false,
      options: kb.routing.channels.map((c) => ({ value: c, label: CHANNEL_LABEL[c]?.[locale] ?? c })),
      initial: values.channel ?? 'branch',
    },
    {
      id: 'priority',
      label: ru ? 'Приоритет' : 'Priority',
      kind: 'select',
      required: false,
      options: PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABEL[p][locale] })),
      initial: values.priority ?? 'normal',
    },
    {
      id: 'vip',
      label: ru ? 'VIP-клиент' : 'VIP client',
      kind: 'select',
      required: false,
      options: [
        { value: 'no', label: ru ? 'нет' : 'no' },
        { value: 'yes', label: ru ? 'да' : 'yes' },
      ],
      initial: values.vip ?? 'no',
    },
    { id: 'branch', label: ru ? 'Офис / филиал' : 'Branch', kind: 'text', required: false, initial: values.branch },
  ];
  const title = ru ? 'Новое обращение клиента' : 'New client issue';
  return {
    blocks: [{ type: 'form', formId: 'issue.new', title, inputs, submitLabel: ru ? 'Зарегистрировать' : 'Log issue', hidden: values.entries ? { entries: values.entries } : undefined }],
    fallbackText: title,
    visibility: 'private',
  };
}

export const issueNewCommand: Command<z.infer<typeof newIssueArgs>> = {
  name: 'issue new',
  aliases: ['обращение новое', 'обращение создать', 'issue log'],
  summary: text('Зарегистрировать обращение клиента', "Log a client's issue"),
  usage: text('[суть обращения]', '[what happened]'),
  params: [{ name: 'description', rest: true }],
  args: newIssueArgs,
  actions: ['answer.log_issue'],
  sideEffects: true,
  async run(args, ctx) {
    const { kb } = ctx.knowledge;
    const filled = Object.fromEntries(Object.entries(args).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) as Record<string, string>;
    // From a button or a bare command: show the form, pre-filled with what we know.
    if (!filled.client || !filled.category) {
      const isSubmission = 'client' in args || 'category' in args;
      if (!isSubmission) return newIssueForm(ctx, filled);
    }
    const errors: Record<string, Localized> = {};
    const client = filled.client ?? '';
    if (client.length < 2) errors.client = text('Укажите клиента.', 'Name the client.');
    const category = filled.category ?? '';
    if (!kb.category(category)) {
      errors.category = text(
        `Выберите категорию из списка (${kb.categories.map((c) => c.id).join(', ')}).`,
        `Choose a category from the list (${kb.categories.map((c) => c.id).join(', ')}).`,
      );
    }
    const description = filled.description ?? '';
    if (description.length < 5) errors.description = text('Опишите суть обращения (не короче 5 символов).', 'Describe the issue (at least 5 characters).');
    const channel = filled.channel ?? 'branch';
    if (!kb.routing.channels.includes(channel)) errors.channel = text(`Канал: ${kb.routing.channels.join(', ')}.`, `Channel: ${kb.routing.channels.join(', ')}.`);
    const priority = (filled.priority ?? 'normal') as Priority;
    if (!PRIORITIES.includes(priority)) errors.priority = text(`Приоритет: ${PRIORITIES.join(', ')}.`, `Priority: ${PRIORITIES.join(', ')}.`);
    const vipText = (filled.vip ?? 'no').toLowerCase();
    if (!YES.includes(vipText) && !NO.includes(vipText)) errors.vip = text('VIP: да или нет.', 'VIP: yes or no.');
    if (Object.keys(errors).length > 0) throw new FormError(errors);
    const issue = await deskOf(ctx).createGrouped({
      client,
      vip: YES.includes(vipText),
      category,
      channel,
      branch: filled.branch,
      priority,
      description,
      entries: filled.entries?.split(',').map((e) => e.trim()).filter(Boolean),
    });
    return confirmation(
      ctx,
      issue,
      text(
        `Обращение ${issue.number} зарегистрировано. ${issue.routeReason.ru}.`,
        `Issue ${issue.number} is logged. Routed to ${issue.routeReason.en}.`,
      ),
    );
  },
};

const numberArg = z.string().regex(/^CL-\d{4}-\d{6}$/i, 'an issue number such as CL-2026-000123').transform((s) => s.toUpperCase());

export const issueShowCommand: Command<{ number: string }> = {
  name: 'issue show',
  aliases: ['обращение показать', 'обращение история'],
  summary: text('Показать обращение с историей', 'Show an issue with its history'),
  usage: text('<номер>', '<number>'),
  params: [{ name: 'number' }],
  args: z.object({ number: numberArg }),
  run({ number }, ctx) {
    const desk = deskOf(ctx);
    const issue = desk.get(number);
    desk.requireSee(issue);
    const { locale } = ctx;
    const card = departmentCard(issue, ctx.knowledge.kb, locale, ctx.config.timezone, ctx.clock.now());
    if (!desk.canChange(issue)) card.blocks = card.blocks.filter((b) => b.type !== 'buttons');
    const history = desk.history(issue, locale);
    card.blocks.push({ type: 'text', markdown: `*${locale === 'ru' ? 'История' : 'History'}*\n${history.map((h) => `• ${h}`).join('\n')}` });
    return card;
  },
};

const SCOPES = ['mine', 'department', 'unassigned', 'overdue', 'requested'] as const;
const SCOPE_ALIASES: Record<string, (typeof SCOPES)[number]> = {
  мои: 'mine',
  отдел: 'department',
  подразделение: 'department',
  свободные: 'unassigned',
  неназначенные: 'unassigned',
  просроченные: 'overdue',
  мной: 'requested',
  заявленные: 'requested',
};

export const issueListCommand: Command<{ scope?: string }> = {
  name: 'issue list',
  aliases: ['обращение список', 'обращения', 'issues'],
  summary: text('Список обращений: мои, отдела, свободные, просроченные', 'List issues: mine, department, unassigned, overdue'),
  usage: text('[mine|department|unassigned|overdue|requested]', '[mine|department|unassigned|overdue|requested]'),
  params: [{ name: 'scope' }],
  args: z.object({ scope: z.string().optional() }),
  run({ scope: rawScope }, ctx) {
    const raw = (rawScope ?? 'mine').toLowerCase();
    const scope = (SCOPES as readonly string[]).includes(raw) ? (raw as (typeof SCOPES)[number]) : SCOPE_ALIASES[raw];
    if (!scope) throw new UsageError('issue list', text(`Неизвестный список «${raw}».`, `Unknown list "${raw}".`));
    const { stores, actor, locale } = ctx;
    const now = ctx.clock.now();
    let issues: Issue[];
    if (scope === 'mine') issues = stores.issues.openAssignedTo(actor.id, 50);
    else if (scope === 'requested') issues = stores.issues.openRequestedBy(actor.id, 50);
    else {
      if (actor.departments.length === 0) {
        throw new UserError(text('Вы не состоите ни в одном подразделении.', 'You are not a member of any department.'));
      }
      issues = actor.departments.flatMap((d) =>
        scope === 'department' ? stores.issues.openInDepartment(d, 50) : scope === 'unassigned' ? stores.issues.unassigned(d, 50) : stores.issues.overdue(d, now, 50),
      );
    }
    // Overdue first, then by deadline.
    issues.sort((a, b) => Number(isOverdue(b, now)) - Number(isOverdue(a, now)) || a.dueAt.localeCompare(b.dueAt));
    const title = text(
      { mine: 'Мои обращения', department: 'Обращения подразделения', unassigned: 'Свободные обращения', overdue: 'Просроченные обращения', requested: 'Обращения, которые я зарегистрировал(а)' }[scope],
      { mine: 'My issues', department: "My department's issues", unassigned: 'Unassigned issues', overdue: 'Overdue issues', requested: 'Issues I logged' }[scope],
    )[locale];
    if (issues.length === 0) {
      const none = locale === 'ru' ? `${title}: нет.` : `${title}: none.`;
      return { blocks: [{ type: 'text', markdown: none }], fallbackText: none };
    }
    return {
      blocks: [
        { type: 'heading', text: `${title} (${issues.length})` },
        {
          type: 'choices',
          items: issues.map((i) => ({
            title: `${issueTitle(i, ctx.knowledge.kb, locale)} — ${STATUS_LABEL[i.status][locale]}${isOverdue(i, now) ? (locale === 'ru' ? ' · просрочено' : ' · overdue') : ''}`,
            actionId: 'issue.show',
            value: i.number,
            detail: i.client,
          })),
        },
      ],
      fallbackText: `${title}: ${issues.length}`,
    };
  },
};

function simple<A>(
  name: string,
  aliases: string[],
  summary: Localized,
  usage: Localized,
  params: Command['params'],
  args: z.ZodType<A>,
  run: (args: A, ctx: CommandContext, desk: IssueDesk) => Reply,
  form?: Command<A>['form'],
): Command<A> {
  return { name, aliases, summary, usage, params, args, sideEffects: true, form, run: (a, ctx) => run(a, ctx, deskOf(ctx)) };
}

export const issueTakeCommand = simple(
  'issue take',
  ['обращение взять'],
  text('Взять обращение в работу', 'Take an issue'),
  text('<номер>', '<number>'),
  [{ name: 'number' }],
  z.object({ number: numberArg }),
  ({ number }, ctx, desk) => {
    const issue = desk.take(number);
    return confirmation(ctx, issue, text(`Вы взяли обращение ${issue.number}.`, `You took issue ${issue.number}.`));
  },
);

export const issueAssignCommand = simple(
  'issue assign',
  ['обращение назначить'],
  text('Назначить исполнителя', 'Assign an issue to a colleague'),
  text('<номер> <e-mail>', '<number> <e-mail>'),
  [{ name: 'number' }, { name: 'email' }],
  z.object({ number: numberArg, email: z.string().min(3) }),
  ({ number, email }, ctx, desk) => {
    const issue = desk.assign(number, email);
    return confirmation(ctx, issue, text(`Исполнитель назначен: ${issue.assignee}.`, `Assigned to ${issue.assignee}.`));
  },
);

/** A form is only offered to someone who may submit it: the refusal comes before the typing. */
function requireChangeFor(values: Record<string, string>, ctx: CommandContext): void {
  if (!values.number) return;
  const desk = deskOf(ctx);
  desk.requireChangeOf(desk.get(values.number));
}

function handoffForm(values: Record<string, string>, ctx: CommandContext): Reply {
  requireChangeFor(values, ctx);
  const { locale } = ctx;
  const ru = locale === 'ru';
  const number = values.number ?? '';
  const title = ru ? `Передать обращение ${number}` : `Hand off issue ${number}`;
  return {
    blocks: [
      {
        type: 'form',
        formId: 'issue.handoff',
        title,
        hidden: { number },
        submitLabel: ru ? 'Передать' : 'Hand off',
        inputs: [
          {
            id: 'department',
            label: ru ? 'Подразделение' : 'Department',
            kind: 'select',
            required: true,
            options: ctx.knowledge.kb.departments.filter((d) => d.kind !== 'committee').map((d) => ({ value: d.id, label: d.name[locale] })),
            initial: values.department,
          },
          { id: 'reason', label: ru ? 'Причина передачи' : 'Reason', kind: 'textarea', required: true, initial: values.reason },
        ],
      },
    ],
    fallbackText: title,
    visibility: 'private',
  };
}

export const issueHandoffCommand = simple(
  'issue handoff',
  ['обращение передать'],
  text('Передать обращение другому подразделению', 'Hand an issue off to another department'),
  text('<номер> <подразделение> <причина>', '<number> <department> <reason>'),
  [{ name: 'number' }, { name: 'department' }, { name: 'reason', rest: true }],
  z.object({ number: numberArg, department: z.string().min(1), reason: z.string().trim().min(3) }),
  ({ number, department, reason }, ctx, desk) => {
    const issue = desk.handoff(number, department.toLowerCase(), reason);
    const kb = ctx.knowledge.kb;
    return confirmation(
      ctx,
      issue,
      text(`Обращение ${issue.number} передано: ${departmentName(kb, issue.department, 'ru')}.`, `Issue ${issue.number} handed to ${departmentName(kb, issue.department, 'en')}.`),
    );
  },
  handoffForm,
);

export const issueCommentCommand = simple(
  'issue comment',
  ['обращение комментарий'],
  text('Комментарий к обращению', 'Comment on an issue'),
  text('<номер> <текст>', '<number> <text>'),
  [{ name: 'number' }, { name: 'text', rest: true }],
  z.object({ number: numberArg, text: z.string().trim().min(1) }),
  ({ number, text: body }, ctx, desk) => {
    const issue = desk.comment(number, body);
    return { blocks: [{ type: 'text', markdown: ctx.locale === 'ru' ? `Комментарий добавлен к ${issue.number}.` : `Comment added to ${issue.number}.` }], fallbackText: issue.number };
  },
);

const STATUS_ALIASES: Record<string, IssueStatus> = {
  'в_работе': 'in_progress',
  'в работе': 'in_progress',
  'ждём_клиента': 'waiting_client',
  'ждем_клиента': 'waiting_client',
  waiting: 'waiting_client',
  закрыто: 'closed',
  закрыть: 'closed',
};

export const issueStatusCommand = simple(
  'issue status',
  ['обращение статус'],
  text('Сменить статус обращения', 'Change the status of an issue'),
  text('<номер> <in_progress|waiting_client|closed>', '<number> <in_progress|waiting_client|closed>'),
  [{ name: 'number' }, { name: 'status', rest: true }],
  z.object({ number: numberArg, status: z.string().min(1) }),
  ({ number, status }, ctx, desk) => {
    const key = status.toLowerCase().trim();
    const to = (ISSUE_STATUSES as readonly string[]).includes(key) ? (key as IssueStatus) : STATUS_ALIASES[key];
    if (!to) throw new UsageError('issue status', text(`Неизвестный статус «${status}».`, `Unknown status "${status}".`));
    const issue = desk.setStatus(number, to);
    return confirmation(ctx, issue, text(`Статус ${issue.number}: ${STATUS_LABEL[to].ru}.`, `${issue.number} is now ${STATUS_LABEL[to].en}.`));
  },
);

function resolveForm(values: Record<string, string>, ctx: CommandContext): Reply {
  requireChangeFor(values, ctx);
  const ru = ctx.locale === 'ru';
  const number = values.number ?? '';
  const title = ru ? `Решить обращение ${number}` : `Resolve issue ${number}`;
  return {
    blocks: [
      {
        type: 'form',
        formId: 'issue.resolve',
        title,
        hidden: { number },
        submitLabel: ru ? 'Решено' : 'Resolve',
        inputs: [
          { id: 'resolution', label: ru ? 'Что сделано' : 'Resolution', kind: 'textarea', required: true, initial: values.resolution },
          {
            id: 'satisfaction',
            label: ru ? 'Оценка клиента (1–5)' : 'Client satisfaction (1–5)',
            kind: 'select',
            required: false,
            options: ['5', '4', '3', '2', '1'].map((v) => ({ value: v, label: v })),
            initial: values.satisfaction,
          },
        ],
      },
    ],
    fallbackText: title,
    visibility: 'private',
  };
}

export const issueResolveCommand = simple(
  'issue resolve',
  ['обращение решить', 'обращение решено'],
  text('Решить обращение (с оценкой клиента 1–5)', "Resolve an issue (with the client's rating 1–5)"),
  text('<номер> [оценка 1–5] <что сделано>', '<number> [rating 1–5] <resolution>'),
  [{ name: 'number' }, { name: 'resolution', rest: true }],
  z.object({ number: numberArg, resolution: z.string().trim().min(3), satisfaction: z.string().optional() }),
  ({ number, resolution, satisfaction }, ctx, desk) => {
    let rating = satisfaction?.trim() ? Number(satisfaction) : undefined;
    let body = resolution;
    const leading = /^([1-5])\s+(.+)$/s.exec(resolution);
    if (rating === undefined && leading) {
      rating = Number(leading[1]);
      body = leading[2] ?? resolution;
    }
    if (rating !== undefined && !(Number.isInteger(rating) && rating >= 1 && rating <= 5)) {
      throw new FormError({ satisfaction: text('Оценка — целое число от 1 до 5.', 'The rating is a whole number from 1 to 5.') });
    }
    const issue = desk.resolve(number, body, rating);
    return confirmation(ctx, issue, text(`Обращение ${issue.number} решено.`, `Issue ${issue.number} is resolved.`));
  },
  resolveForm,
);

export const issueReopenCommand = simple(
  'issue reopen',
  ['обращение открыть'],
  text('Открыть решённое обращение повторно', 'Reopen a resolved issue'),
  text('<номер> <причина>', '<number> <reason>'),
  [{ name: 'number' }, { name: 'reason', rest: true }],
  z.object({ number: numberArg, reason: z.string().trim().min(3) }),
  ({ number, reason }, ctx, desk) => {
    const issue = desk.reopen(number, reason);
    return confirmation(ctx, issue, text(`Обращение ${issue.number} открыто повторно.`, `Issue ${issue.number} is reopened.`));
  },
  (values, ctx) => {
    if (values.number) {
      const desk = deskOf(ctx);
      const issue = desk.get(values.number);
      if (ctx.actor.id !== issue.requester) desk.requireChangeOf(issue);
    }
    const ru = ctx.locale === 'ru';
    const title = ru ? `Открыть повторно ${values.number ?? ''}` : `Reopen ${values.number ?? ''}`;
    return {
      blocks: [
        {
          type: 'form',
          formId: 'issue.reopen',
          title,
          hidden: { number: values.number ?? '' },
          submitLabel: ru ? 'Открыть' : 'Reopen',
          inputs: [{ id: 'reason', label: ru ? 'Причина' : 'Reason', kind: 'textarea', required: true }],
        },
      ],
      fallbackText: title,
      visibility: 'private',
    };
  },
);

export const issueExtendCommand = simple(
  'issue extend',
  ['обращение продлить'],
  text('Продлить срок ответа на жалобу (один раз, до 10 рабочих дней)', "Extend a complaint's deadline (once, up to 10 working days)"),
  text('<номер> <дней> <причина>', '<number> <days> <reason>'),
  [{ name: 'number' }, { name: 'days' }, { name: 'reason', rest: true }],
  z.object({ number: numberArg, days: z.coerce.number().int(), reason: z.string().trim().min(3) }),
  ({ number, days, reason }, ctx, desk) => {
    const issue = desk.extend(number, days, reason);
    return confirmation(ctx, issue, text(`Срок по ${issue.number} продлён на ${days} раб. дн.`, `The deadline of ${issue.number} is extended by ${days} working days.`));
  },
);

export const issueCommands: Command[] = [
  issueNewCommand,
  issueShowCommand,
  issueListCommand,
  issueTakeCommand,
  issueAssignCommand,
  issueHandoffCommand,
  issueCommentCommand,
  issueStatusCommand,
  issueResolveCommand,
  issueReopenCommand,
  issueExtendCommand,
] as Command[];

