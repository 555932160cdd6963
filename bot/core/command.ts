import type { z } from 'zod';
import type { KbError } from '../../knowledge/loader';
import type { KnowledgeSnapshot } from '../../knowledge/service';
import type { Stores } from '../../storage/stores';
import type { Logger } from './logger';
import type { Actor, Clock, ConversationRef, Locale, Localized, Platform, Reply } from './types';

/** What a command may use. It never sees Slack or Teams. */
export interface CommandContext {
  actor: Actor;
  conversation: ConversationRef;
  locale: Locale;
  platform: Platform;
  eventId: string;
  knowledge: KnowledgeSnapshot;
  stores: Stores;
  clock: Clock;
  log: Logger;
  config: CoreSettings;
  /** Every registered command, for help. */
  registry: CommandRegistry;
  /** Loads the knowledge folder again at once (after a command wrote to it); returns the problems found. */
  reloadKnowledge?: () => KbError[];
}

/** Settings the core needs from configuration (parsed once at the entry point). */
export interface CoreSettings {
  timezone: string;
  /** Key for hashing client references (links one client's issues without storing the reference). */
  secret: string;
  platforms: Platform[];
}

export interface Param {
  name: string;
  /** Takes the rest of the line. */
  rest?: boolean;
}

export interface Command<A = unknown> {
  /** `family verb` (or one word): the English name, e.g. `issue take`. */
  name: string;
  /** Other names, Russian first: `обращение взять`. */
  aliases: string[];
  summary: Localized;
  /** Arguments after the name, e.g. `<number>`. */
  usage?: Localized;
  /** How words after the name map to argument fields, in order. */
  params: Param[];
  args: z.ZodType<A>;
  sideEffects?: boolean;
  /** Action ids it answers besides `family.verb` (buttons, forms). */
  actions?: string[];
  /** Only on these platforms (e.g. switching user in the console). */
  platforms?: Platform[];
  hidden?: boolean;
  /** When required arguments are missing: a form to ask for them. */
  form?(partial: Record<string, string>, ctx: CommandContext): Reply | Promise<Reply>;
  run(args: A, ctx: CommandContext): Promise<Reply> | Reply;
}

export function actionIdOf(command: Pick<Command, 'name'>): string {
  return command.name.replace(/\s+/g, '.');
}

export interface CommandRegistry {
  all(): Command[];
  find(name: string): Command | undefined;
}
