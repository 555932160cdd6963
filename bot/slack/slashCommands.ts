/**
 * Slack gets one slash command per command family; each maps what was typed after it onto the core
 * grammar (`/issue take CL-2026-000123` is the line `issue take CL-2026-000123`). manifest.yaml lists the
 * same commands: a test checks both ways.
 */
export interface SlashCommand {
  command: string;
  /** The line for the dispatcher. */
  toLine(text: string): string;
  /** For the manifest and help. */
  description: string;
  usageHint?: string;
}

/**
 * A family's line keeps its leading `/`, so that a family not (yet) built answers "there is no command"
 * instead of being searched as a question.
 */
function family(name: string, description: string, usageHint?: string, whenEmpty?: string): SlashCommand {
  return {
    command: `/${name === 'lang' ? 'clientdesk-lang' : name}`,
    toLine: (text) => (text.trim() ? `/${name} ${text.trim()}` : (whenEmpty ?? `/${name}`)),
    description,
    usageHint,
  };
}

export const SLASH_COMMANDS: readonly SlashCommand[] = [
  family('ask', 'Найти утверждённый ответ · Find the approved answer', '[вопрос | question]'),
  family('rights', 'Кодекс прав клиентов · Client rights code', '[номер статьи | слова · article number | words]'),
  family('product', 'Продукты банка · Bank products', '[категория | продукт · category | product]'),
  family('playbook', 'Технологические карты · Playbooks', '[id | слова · words]'),
  // `/issue` alone opens the form to log a client issue.
  family('issue', 'Обращения клиентов · Client issues', 'new | take | handoff | resolve | show | list …', 'issue new'),
  family('digest', 'Дайджест подразделения · Department digest', '[подразделение] | send | schedule · [department]'),
  family('rating', 'Рейтинг подразделений · Department rating', '[2026-10 | 2026-Q3 | quarter] [csv]'),
  family('csi', 'Индекс удовлетворённости клиентов · Client satisfaction index', '[период] [department|branch|category] [csv]'),
  family('stats', 'Статистика подразделения или сотрудника · Department or personal statistics', '[подразделение | me] [период · period]'),
  family('suggestions', 'Предложенные формулировки · Suggested phrasings', '[approve | reject <id>]'),
  family('help', 'Список команд · The list of commands', '[команда | command]'),
  family('lang', 'Язык ответов · Language of replies', 'ru | en'),
  {
    // Any line of the core grammar, as in a direct message to the bot.
    command: '/clientdesk',
    toLine: (text) => text.trim() || 'help',
    description: 'Любая команда clientdesk · Any clientdesk command',
    usageHint: '[команда или вопрос | command or question]',
  },
];
