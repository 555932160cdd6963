// The Teams app manifest, generated: the bot's command menus name commands of the same registry the
// console, Slack and Teams dispatch through, and take their titles and descriptions from it.
import type { Command } from '../../core/command';
import type { Registry } from '../../core/registry';
import { SEARCH_COMMAND_ID, SEARCH_PARAMETER } from '../messageExtension';
import { ACCENT_COLOR } from './icons';

export const MANIFEST_VERSION = '1.24';
const SCHEMA_BASE = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}`;
export const COLOR_ICON = 'color.png';
export const OUTLINE_ICON = 'outline.png';
export const RUSSIAN_FILE = 'ru-ru.json';
/** Teams shows at most 10 commands per menu and cuts titles at 32 characters. */
const MAX_MENU = 10;
const MAX_TITLE = 32;
const MAX_COMMAND_DESCRIPTION = 128;

export interface ManifestOptions {
  /** The Teams app's id (a GUID; usually the bot's app id). */
  appId: string;
  /** The bot's Microsoft App ID (the Azure Bot resource). */
  botId: string;
  version: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
}

export interface MenuItem {
  /** The command's name: what the dispatcher finds it by. */
  command: string;
  title: { en: string; ru: string };
  description: { en: string; ru: string };
}

export interface CommandMenus {
  personal: MenuItem[];
  /** Team channels and group chats. */
  shared: MenuItem[];
}

/**
 * Teams shows at most ten commands a menu, so the menus are chosen rather than cut from the registry.
 * Picking an item puts its text in the compose box, so the menu is for what people start often and
 * might not know to type: a question, the issue desk (log, the list, one issue), the department's
 * digest, the rating, the knowledge families, and help, which lists everything else.
 * Left out on purpose: `lang` (set once), `csi` and `stats` (the committee's and heads' monthly
 * reading, one `help` away), `suggestions` (answer owners only), the issue verbs that act on one issue
 * (`take`, `handoff`, `resolve`, … are buttons on the issue's card) and the other digest verbs.
 * In channels and group chats `teams register` (connecting a department's channel, channel-only)
 * takes the rating's place: the rating is read in personal chat.
 */
export const PERSONAL_MENU = ['ask', 'issue new', 'issue list', 'issue show', 'digest preview', 'rating', 'rights', 'product', 'playbook', 'help'] as const;
export const SHARED_MENU = ['ask', 'issue new', 'issue list', 'issue show', 'digest preview', 'teams register', 'rights', 'product', 'playbook', 'help'] as const;

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** The Russian name of a command: its first alias written in Cyrillic, else its English name. */
function russianName(command: Command): string {
  return command.aliases.find((a) => /[а-яё]/i.test(a)) ?? command.name;
}

function menuItem(registry: Registry, name: string, scope: 'personal' | 'shared'): MenuItem {
  const command = registry.availableOn('teams').find((c) => c.name === name);
  // A renamed or removed command must not leave the package with a menu item that answers "no such command".
  if (!command || command.hidden) throw new Error(`the Teams command menu names "${name}", which is not a visible Teams command`);
  const teamsOnly = command.platforms?.length === 1 && command.platforms[0] === 'teams';
  if (scope === 'personal' && teamsOnly) throw new Error(`"${name}" works in channels only and cannot be in the personal menu`);
  return {
    command: command.name,
    title: { en: clip(command.name, MAX_TITLE), ru: clip(russianName(command), MAX_TITLE) },
    description: {
      en: clip(command.usage ? `${command.summary.en} — ${command.usage.en}` : command.summary.en, MAX_COMMAND_DESCRIPTION),
      ru: clip(command.usage ? `${command.summary.ru} — ${command.usage.ru}` : command.summary.ru, MAX_COMMAND_DESCRIPTION),
    },
  };
}

/** The two command menus, from the same registry the dispatcher uses. */
export function commandMenus(registry: Registry): CommandMenus {
  const menus = {
    personal: PERSONAL_MENU.map((name) => menuItem(registry, name, 'personal')),
    shared: SHARED_MENU.map((name) => menuItem(registry, name, 'shared')),
  };
  for (const menu of Object.values(menus)) if (menu.length > MAX_MENU) throw new Error(`a Teams command menu holds at most ${MAX_MENU} commands`);
  return menus;
}

/** One command list per set of scopes (personal chat; team channels and group chats). */
function commandLists(menus: CommandMenus) {
  return [
    { scopes: ['personal'], items: menus.personal },
    { scopes: ['team', 'groupChat'], items: menus.shared },
  ] as const;
}

const TEXT = {
  nameShort: { en: 'clientdesk', ru: 'clientdesk' },
  nameFull: { en: 'clientdesk — client work assistant', ru: 'clientdesk — помощник по работе с клиентами' },
  descriptionShort: {
    en: 'Approved answers, client rights, products and the client issue desk.',
    ru: 'Утверждённые ответы, права клиентов, продукты и обращения клиентов.',
  },
  descriptionFull: {
    en:
      "clientdesk helps the bank's staff answer clients: approved standard answers with their sources, the client rights code, " +
      'product cards and playbooks. It logs client issues, routes them to the responsible department, keeps SLA clocks in ' +
      'working days and tells everyone involved of every change, whether their department works in Teams or in Slack.',
    ru:
      'clientdesk помогает сотрудникам банка отвечать клиентам: утверждённые стандартные ответы с источниками, кодекс прав ' +
      'клиентов, карточки продуктов и технологические карты. Регистрирует обращения клиентов, направляет их в ответственное ' +
      'подразделение, считает сроки в рабочих днях и сообщает всем участникам о каждом изменении — в Teams или в Slack.',
  },
  searchTitle: { en: 'Approved answers', ru: 'Утверждённые ответы' },
  searchDescription: {
    en: 'Find an approved answer and insert it into the conversation',
    ru: 'Найти утверждённый ответ и вставить его в переписку',
  },
  searchParameterTitle: { en: 'Search', ru: 'Поиск' },
  searchParameterDescription: { en: 'Words from the client’s question', ru: 'Слова из вопроса клиента' },
} as const;

/** The manifest (in English, the default language) and its Russian localization file. */
export function buildManifest(registry: Registry, options: ManifestOptions): { manifest: Record<string, unknown>; russian: Record<string, unknown> } {
  const lists = commandLists(commandMenus(registry));
  const manifest = {
    $schema: `${SCHEMA_BASE}/MicrosoftTeams.schema.json`,
    manifestVersion: MANIFEST_VERSION,
    version: options.version,
    id: options.appId,
    localizationInfo: { defaultLanguageTag: 'en-us', additionalLanguages: [{ languageTag: 'ru-ru', file: RUSSIAN_FILE }] },
    developer: options.developer,
    name: { short: TEXT.nameShort.en, full: TEXT.nameFull.en },
    description: { short: TEXT.descriptionShort.en, full: TEXT.descriptionFull.en },
    icons: { color: COLOR_ICON, outline: OUTLINE_ICON },
    accentColor: ACCENT_COLOR,
    bots: [
      {
        botId: options.botId,
        scopes: ['personal', 'team', 'groupChat'],
        isNotificationOnly: false,
        supportsFiles: false,
        commandLists: lists.map((l) => ({
          scopes: [...l.scopes],
          commands: l.items.map((m) => ({ title: m.title.en, description: m.description.en })),
        })),
      },
    ],
    composeExtensions: [
      {
        botId: options.botId,
        commands: [
          {
            id: SEARCH_COMMAND_ID,
            type: 'query',
            title: TEXT.searchTitle.en,
            description: TEXT.searchDescription.en,
            initialRun: true,
            context: ['compose', 'commandBox'],
            parameters: [{ name: SEARCH_PARAMETER, title: TEXT.searchParameterTitle.en, description: TEXT.searchParameterDescription.en, inputType: 'text' }],
          },
        ],
      },
    ],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [],
  };
  const russian: Record<string, unknown> = {
    $schema: `${SCHEMA_BASE}/MicrosoftTeams.Localization.schema.json`,
    'name.short': TEXT.nameShort.ru,
    'name.full': TEXT.nameFull.ru,
    'description.short': TEXT.descriptionShort.ru,
    'description.full': TEXT.descriptionFull.ru,
    'composeExtensions[0].commands[0].title': TEXT.searchTitle.ru,
    'composeExtensions[0].commands[0].description': TEXT.searchDescription.ru,
    'composeExtensions[0].commands[0].parameters[0].title': TEXT.searchParameterTitle.ru,
    'composeExtensions[0].commands[0].parameters[0].description': TEXT.searchParameterDescription.ru,
  };
  lists.forEach((list, l) => {
    list.items.forEach((item, c) => {
      russian[`bots[0].commandLists[${l}].commands[${c}].title`] = item.title.ru;
      russian[`bots[0].commandLists[${l}].commands[${c}].description`] = item.description.ru;
    });
  });
  return { manifest, russian };
}
