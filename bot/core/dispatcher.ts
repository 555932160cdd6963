import type { z } from 'zod';
import type { KbError } from '../../knowledge/loader';
import type { KnowledgeSnapshot } from '../../knowledge/service';
import type { Stores } from '../../storage/stores';
import type { Command, CommandContext, CoreSettings } from './command';
import { FormError, newErrorId, UsageError, UserError } from './errors';
import { t } from './i18n';
import type { Logger } from './logger';
import { bindParams, type Registry } from './registry';
import { paragraph, textReply } from './reply';
import type { Clock, Incoming, Locale, Reply } from './types';
import { requestSummary } from './unfinishedRequests';

export type DispatchResult =
  | { kind: 'reply'; reply: Reply }
  /** A submitted form has errors, by input id (platforms show them next to the fields). */
  | { kind: 'form_errors'; errors: Record<string, string>; reply: Reply }
  /** The platform delivered this event before: nothing was done. */
  | { kind: 'duplicate' };

export interface DispatcherDeps {
  registry: Registry;
  knowledge: () => KnowledgeSnapshot;
  stores: Stores;
  clock: Clock;
  log: Logger;
  config: CoreSettings;
  reloadKnowledge?: () => KbError[];
}

/** The command a plain message goes to. */
export const DEFAULT_COMMAND = 'ask';

/** Turns one `Incoming` into one `Reply`: finds the command, validates its arguments, runs it, handles errors. */
export class Dispatcher {
  constructor(private readonly deps: DispatcherDeps) {}

  get registry(): Registry {
    return this.deps.registry;
  }

  async handle(incoming: Incoming): Promise<DispatchResult> {
    const { stores, clock } = this.deps;
    const platform = incoming.actor.platform;
    const locale = stores.prefs.of(incoming.actor.id).locale ?? incoming.actor.locale;
    // Recorded before the work, finished after it: a crash in between leaves the request unfinished, and
    // the next start tells the person (unfinishedRequests.ts), since the platform will not send it again.
    const request = { platform, eventId: incoming.eventId, actorId: incoming.actor.id, locale, request: requestSummary(incoming) };
    if (!stores.inboundEvents.begin(request, clock.now())) {
      this.deps.log.info('event.duplicate', { platform, eventId: incoming.eventId });
      return { kind: 'duplicate' };
    }
    const ctx = this.context(incoming, locale);
    try {
      const reply = incoming.kind === 'message' ? await this.onMessage(incoming.text, ctx) : await this.onAction(incoming, ctx);
      return { kind: 'reply', reply };
    } catch (error) {
      return this.onError(error, ctx);
    } finally {
      stores.inboundEvents.finish(platform, incoming.eventId, clock.now());
    }
  }

  /** Runs a command by name with bound values, outside any platform event (console forms, tests). */
  async run(command: Command, values: Record<string, string>, ctx: CommandContext, fromForm = false): Promise<Reply> {
    // With the input in each issue, a wrong value is told apart from a missing one (zod 4 omits it by default).
    const parsed = command.args.safeParse(values, { reportInput: true });
    if (!parsed.success) {
      if (command.form && fromForm) throw formErrorOf(parsed.error);
      if (command.form && isMissingOnly(parsed.error)) return command.form(values, ctx);
      throw new UsageError(command.name, describeZod(parsed.error));
    }
    return command.run(parsed.data, ctx);
  }

  context(incoming: Incoming, locale: Locale): CommandContext {
    const { knowledge, stores, clock, log, config, registry } = this.deps;
    return {
      actor: { ...incoming.actor, locale },
      conversation: incoming.conversation,
      locale,
      platform: incoming.actor.platform,
      eventId: incoming.eventId,
      knowledge: knowledge(),
      stores,
      clock,
      log: log.child({ platform: incoming.actor.platform, eventId: incoming.eventId }),
      config,
      registry,
      reloadKnowledge: this.deps.reloadKnowledge,
    };
  }

  private async onMessage(rawText: string, ctx: CommandContext): Promise<Reply> {
    const text = rawText.trim().replace(/^\//, '').trim();
    const { registry } = this.deps;
    if (!text) return this.runByName('help', {}, ctx);
    const match = registry.match(text);
    if (match && isAvailable(match.command, ctx)) {
      return this.run(match.command, bindParams(match.command.params, match.rest), ctx);
    }
    const firstWord = text.split(/\s+/)[0] ?? '';
    const family = registry.family(firstWord).filter((c) => isAvailable(c, ctx) && !c.hidden);
    if (family.length > 0) return this.runByName('help', { topic: firstWord }, ctx);
    if (rawText.trim().startsWith('/')) {
      throw new UserError({
        ru: `Нет команды «${firstWord}». Список команд: help.`,
        en: `There is no command "${firstWord}". For the list of commands type: help.`,
      });
    }
    return this.runByName(DEFAULT_COMMAND, { question: text }, ctx);
  }

  private async onAction(incoming: Extract<Incoming, { kind: 'action' }>, ctx: CommandContext): Promise<Reply> {
    const command = this.deps.registry.byActionId(incoming.actionId);
    if (!command || !isAvailable(command, ctx)) {
      throw new UserError({
        ru: 'Эта кнопка больше не работает. Повторите команду.',
        en: 'This button no longer works. Please run the command again.',
      });
    }
    const values: Record<string, string> = { ...incoming.values };
    const first = command.params[0];
    if (first && values.value !== undefined && values[first.name] === undefined) values[first.name] = values.value;
    const isFormSubmission = Object.keys(incoming.values).some((k) => k !== 'value');
    return this.run(command, values, ctx, isFormSubmission);
  }

  private runByName(name: string, values: Record<string, string>, ctx: CommandContext): Promise<Reply> {
    const command = this.deps.registry.find(name);
    if (!command) throw new Error(`command "${name}" is not registered`);
    return this.run(command, values, ctx);
  }

  private onError(error: unknown, ctx: CommandContext): DispatchResult {
    const { locale } = ctx;
    if (error instanceof FormError) {
      const errors = Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k, t(locale, v)]));
      const lines = Object.values(errors).map((e) => `• ${e}`);
      return { kind: 'form_errors', errors, reply: textReply([t(locale, error.text), ...lines].join('\n'), 'private') };
    }
    if (error instanceof UsageError) {
      const command = this.deps.registry.find(error.commandName);
      const usage = command ? `${command.name}${command.usage ? ` ${t(locale, command.usage)}` : ''}` : error.commandName;
      const label = locale === 'ru' ? 'Как вызвать' : 'Usage';
      return { kind: 'reply', reply: textReply(`${t(locale, error.text)}\n${label}: \`${usage}\``, 'private') };
    }
    if (error instanceof UserError) {
      return { kind: 'reply', reply: textReply(t(locale, error.text), 'private') };
    }
    const errorId = newErrorId();
    ctx.log.error('command.failed', { errorId, error });
    const apology =
      locale === 'ru'
        ? `Извините, что-то пошло не так. Мы уже разбираемся. Код ошибки: ${errorId}`
        : `Sorry, something went wrong on our side. We are looking into it. Error id: ${errorId}`;
    return { kind: 'reply', reply: { blocks: [paragraph(apology)], fallbackText: apology, visibility: 'private' } };
  }
}

function isAvailable(command: Command, ctx: CommandContext): boolean {
  return !command.platforms || command.platforms.includes(ctx.platform);
}

function isMissingOnly(error: z.ZodError): boolean {
  return error.issues.every((i) => i.code === 'invalid_type' && i.input === undefined);
}

/** A submitted form's invalid fields, each message next to its input. */
function formErrorOf(error: z.ZodError): FormError {
  const fields: Record<string, { ru: string; en: string }> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (fields[field]) continue;
    fields[field] =
      issue.code === 'invalid_type' && issue.input === undefined
        ? { ru: 'Заполните это поле.', en: 'Please fill in this field.' }
        : { ru: `Проверьте значение: ${issue.message}`, en: `Please check this value: ${issue.message}` };
  }
  return new FormError(fields);
}

function describeZod(error: z.ZodError): { ru: string; en: string } {
  const parts = error.issues.map((i) => {
    const field = i.path.join('.');
    if (i.code === 'invalid_type' && i.input === undefined) {
      return { ru: `не хватает «${field}»`, en: `"${field}" is missing` };
    }
    // zod speaks English only; Russian readers get a plain statement and the usage line below.
    return { ru: `«${field}»: неверное значение`, en: `${field}: ${i.message}` };
  });
  return { ru: `${parts.map((p) => p.ru).join('; ')}.`, en: `${parts.map((p) => p.en).join('; ')}.` };
}
