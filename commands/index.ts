import type { Command } from '../bot/core/command';
import { askCommand, helpfulCommand, noneOfTheseCommand, notHelpfulCommand, pickCommand } from './ask';
import { playbookCommand, productCommand, rightsCommand } from './browse';
import { digestCommands } from './digest';
import { helpCommand } from './help';
import { issueCommands } from './issue';
import { langCommand } from './lang';
import { ratingCommands } from './rating';
import { suggestionCommands } from './suggestions';

/** Every platform-neutral command. Platform-specific ones (the console's `as`) are added by their adapter. */
export function coreCommands(): Command[] {
  return [
    askCommand,
    pickCommand,
    noneOfTheseCommand,
    helpfulCommand,
    notHelpfulCommand,
    rightsCommand,
    productCommand,
    playbookCommand,
    helpCommand,
    langCommand,
    ...issueCommands,
    ...ratingCommands,
    ...digestCommands,
    ...suggestionCommands,
  ] as Command[];
}
