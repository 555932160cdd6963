import type { Core } from '../core/app';
import { UserError } from '../core/errors';
import { bindParams } from '../core/registry';
import type { Actor, Block, Locale } from '../core/types';
import { renderHome, type SlackBlock, type SlackHomeView } from '../render/blockKit';

/** The home tab's search box: pressing Enter asks the knowledge base; the answer comes as a DM. */
export const HOME_SEARCH_ACTION = 'home.search';

const L = {
  greeting: {
    ru: 'Здравствуйте, {name}! Спросите об услуге, продукте, правах клиента или регламенте — ответ придёт в личные сообщения с ботом.',
    en: 'Hello, {name}! Ask about a service, a product, client rights or a playbook — the answer comes as a direct message from the bot.',
  },
  searchLabel: { ru: 'Поиск по базе знаний', en: 'Search the knowledge base' },
  searchPlaceholder: { ru: 'например: как заблокировать карту', en: 'e.g. how to block a card' },
  mine: { ru: 'Мои открытые обращения', en: 'My open issues' },
  requested: { ru: 'Зарегистрированные мной', en: 'Issues I logged' },
  queue: { ru: 'Очередь моего подразделения (сначала просроченные)', en: "My department's queue (overdue first)" },
  noDepartment: {
    ru: 'Вас нет в справочнике подразделений, поэтому очереди обращений здесь не видно. Обратитесь к администратору clientdesk.',
    en: 'You are not in the departments file, so no issue queue is shown here. Ask a clientdesk administrator to add you.',
  },
  commands: {
    ru: 'Команды: `/ask`, `/rights`, `/product`, `/playbook`, `/issue`, `/digest`, `/rating`, `/csi`, `/stats`, `/help`. Зарегистрировать обращение: `/issue` или ярлык «Log a client issue».',
    en: 'Commands: `/ask`, `/rights`, `/product`, `/playbook`, `/issue`, `/digest`, `/rating`, `/csi`, `/stats`, `/help`. To log a client issue: `/issue` or the "Log a client issue" shortcut.',
  },
} as const;

function searchBox(locale: Locale): SlackBlock {
  return {
    type: 'input',
    block_id: 'home.search',
    dispatch_action: true,
    label: { type: 'plain_text', text: L.searchLabel[locale] },
    element: {
      type: 'plain_text_input',
      action_id: HOME_SEARCH_ACTION,
      placeholder: { type: 'plain_text', text: L.searchPlaceholder[locale] },
      dispatch_action_config: { trigger_actions_on: ['on_enter_pressed'] },
    },
  };
}

/**
 * One part of the home tab, from a command of the core grammar (`issue list mine`), so the home tab shows
 * exactly what the command shows anywhere else. A command that does not exist (yet) adds nothing.
 */
async function commandPart(core: Core, actor: Actor, locale: Locale, title: string, name: string, rest: string): Promise<Block[]> {
  const command = core.registry.find(name);
  if (!command) return [];
  const line = `${name} ${rest}`;
  const ctx = core.dispatcher.context(
    { kind: 'message', text: line, actor, conversation: { platform: 'slack', id: actor.platformUserId, isDirect: true }, eventId: `home:${line}` },
    locale,
  );
  try {
    const reply = await core.dispatcher.run(command, bindParams(command.params, rest), ctx);
    // Forms make no sense on the home tab; a list never returns one.
    return [{ type: 'heading', text: title }, ...reply.blocks.filter((b) => b.type !== 'form')];
  } catch (error) {
    if (error instanceof UserError) return [{ type: 'heading', text: title }, { type: 'text', markdown: error.text[locale] }];
    core.log.error('slack.home_part_failed', { line, error });
    return [];
  }
}

/** The language a person reads: the one they chose (`lang`), else the departments file's or Slack's. */
export function readerLocale(core: Core, actor: Actor): Locale {
  return core.stores.prefs.of(actor.id).locale ?? actor.locale;
}

/** The home tab: a greeting, the search box, my open issues, those I logged, my department's queue, the commands. */
export async function buildHome(core: Core, actor: Actor, locale: Locale): Promise<SlackHomeView> {
  const greeting: Block[] = [
    { type: 'heading', text: 'clientdesk' },
    { type: 'text', markdown: L.greeting[locale].replace('{name}', actor.name) },
  ];
  const parts: { blocks: Block[]; fullCommand?: string }[] = [];
  parts.push({ blocks: await commandPart(core, actor, locale, L.mine[locale], 'issue list', 'mine'), fullCommand: 'issue list mine' });
  // Those who log issues follow them here; for everyone else an empty list would only take room.
  if (core.stores.issues.openRequestedBy(actor.id, 1).length > 0) {
    parts.push({
      blocks: await commandPart(core, actor, locale, L.requested[locale], 'issue list', 'requested'),
      fullCommand: 'issue list requested',
    });
  }
  if (actor.departments.length > 0) {
    parts.push({
      blocks: await commandPart(core, actor, locale, L.queue[locale], 'issue list', 'department'),
      fullCommand: 'issue list department',
    });
  } else {
    parts.push({ blocks: [{ type: 'text', markdown: L.noDepartment[locale] }] });
  }
  parts.push({ blocks: [{ type: 'divider' }, { type: 'text', markdown: L.commands[locale] }] });
  const head = renderHome([{ blocks: greeting }], locale);
  return renderHome(parts, locale, [...head.blocks, searchBox(locale)]);
}
