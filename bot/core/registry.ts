import { actionIdOf, type Command, type CommandRegistry } from './command';
import type { Platform } from './types';

const normalizeWord = (w: string) => w.toLowerCase().replace(/ё/g, 'е');

interface NameMatch {
  command: Command;
  /** Words of the text after the command's name. */
  rest: string;
}

/** Commands by name, alias and action id; finds the longest name at the start of a line. */
export class Registry implements CommandRegistry {
  private readonly commands: Command[] = [];
  private readonly byAction = new Map<string, Command>();
  private readonly names: { words: string[]; command: Command }[] = [];

  constructor(commands: Command[] = []) {
    for (const c of commands) this.add(c);
  }

  add(command: Command): void {
    for (const id of [actionIdOf(command), ...(command.actions ?? [])]) {
      if (this.byAction.has(id)) throw new Error(`action id "${id}" is claimed twice`);
      this.byAction.set(id, command);
    }
    for (const name of [command.name, ...command.aliases]) {
      const words = name.split(/\s+/).map(normalizeWord);
      if (this.names.some((n) => n.words.join(' ') === words.join(' '))) throw new Error(`command name "${name}" is used twice`);
      this.names.push({ words, command });
    }
    this.names.sort((a, b) => b.words.length - a.words.length);
    this.commands.push(command);
  }

  all(): Command[] {
    return [...this.commands];
  }

  availableOn(platform: Platform): Command[] {
    return this.commands.filter((c) => !c.platforms || c.platforms.includes(platform));
  }

  find(name: string): Command | undefined {
    const words = name.trim().split(/\s+/).map(normalizeWord).join(' ');
    return this.names.find((n) => n.words.join(' ') === words)?.command;
  }

  byActionId(actionId: string): Command | undefined {
    return this.byAction.get(actionId);
  }

  /** The command whose name (or alias) starts the text, longest first. */
  match(text: string): NameMatch | undefined {
    const trimmed = text.trim();
    const words = trimmed.split(/\s+/);
    const normalized = words.map(normalizeWord);
    for (const { words: nameWords, command } of this.names) {
      if (nameWords.length > normalized.length) continue;
      if (nameWords.every((w, i) => normalized[i] === w)) {
        return { command, rest: restAfter(trimmed, nameWords.length) };
      }
    }
    return undefined;
  }

  /** Families (first words) and their commands, for "issue" alone or help. */
  family(word: string): Command[] {
    const w = normalizeWord(word);
    const found = new Set<Command>();
    for (const { words, command } of this.names) if (words.length > 1 && words[0] === w) found.add(command);
    return [...found];
  }
}

function restAfter(text: string, wordCount: number): string {
  let rest = text;
  for (let i = 0; i < wordCount; i++) rest = rest.replace(/^\S+\s*/, '');
  return rest.trim();
}

/** Maps the words after a command's name onto its parameters. */
export function bindParams(params: Command['params'], rest: string): Record<string, string> {
  const values: Record<string, string> = {};
  let remaining = rest.trim();
  for (const param of params) {
    if (!remaining) break;
    if (param.rest) {
      values[param.name] = remaining;
      remaining = '';
    } else {
      const match = /^(\S+)\s*/.exec(remaining);
      if (!match?.[1]) break;
      values[param.name] = match[1];
      remaining = remaining.slice(match[0].length);
    }
  }
  return values;
}
