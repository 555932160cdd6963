// The Teams app manifest, generated: the bot's command menu comes from the same command registry the
// console, Slack and Teams dispatch through, so a new command family shows up everywhere at once.
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
  scopes: ('personal' | 'team' | 'groupChat')[];
  title: { en: string; ru: string };
  description: { en: string; ru: string };
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** The Russian name of a command: its first alias written in Cyrillic, else its English name. */
function russianName(command: Command): string {
  return command.aliases.find((a) => /[а-яё]/i.test(a)) ?? command.name;
}

/**
 * The menu: every single-word command, and the first of each `family verb` group (`issue new`), in
 * registry order; commands only for channels (`teams register`) are offered in teams and group chats.
 */
export function commandMenu(registry: Registry): MenuItem[] {
  const seenFamilies = new Set<string>();
  const items: MenuItem[] = [];
  for (const command of registry.availableOn('teams')) {
    if (command.hidden) continue;
    const family = command.name.split(' ')[0] ?? command.name;
    if (seenFamilies.has(family)) continue;
    seenFamilies.add(family);
    const channelOnly = command.platforms?.length === 1 && command.platforms[0] === 'teams';
    items.push({
      scopes: channelOnly ? ['team', 'groupChat'] : ['personal', 'team', 'groupChat'],
      title: { en: clip(command.name, MAX_TITLE), ru: clip(russianName(command), MAX_TITLE) },
      description: {
        en: clip(command.usage ? `${command.summary.en} — ${command.usage.en}` : command.summary.en, MAX_COMMAND_DESCRIPTION),
        ru: clip(command.usage ? `${command.summary.ru} — ${command.usage.ru}` : command.summary.ru, MAX_COMMAND_DESCRIPTION),
      },
    });
  }
  return items;
}

/** One command list per set of scopes (personal chat; team channels and group chats). */
function commandLists(menu: MenuItem[]) {
  const personal = menu.filter((m) => m.scopes.includes('personal')).slice(0, MAX_MENU);
  // What only works in a channel comes first there: past ten, the menu is cut.
  const channelOnly = (m: MenuItem) => (m.scopes.includes('personal') ? 1 : 0);
  const shared = menu
    .filter((m) => m.scopes.includes('team'))
    .sort((x, y) => channelOnly(x) - channelOnly(y))
    .slice(0, MAX_MENU);
  return [
    { scopes: ['personal'], items: personal },
    { scopes: ['team', 'groupChat'], items: shared },
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
  const lists = commandLists(commandMenu(registry));
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
