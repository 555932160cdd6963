import { randomUUID } from 'node:crypto';
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Core } from '../core/app';
import type { DispatchResult } from '../core/dispatcher';
import { resolveActor } from '../core/identity';
import { maskText } from '../core/mask';
import type { Actor, ConversationRef, Incoming, Reply } from '../core/types';
import type { ConsoleSession } from './asCommand';
import { describeInput, type NumberedAction, renderText } from '../render/text';

/** Lines from a stream, one at a time, whether a person types them or a script pipes them. */
class LineSource {
  private readonly queue: string[] = [];
  private readonly waiting: ((line: string | undefined) => void)[] = [];
  private closed = false;

  constructor(readonly rl: Interface) {
    rl.on('line', (line) => {
      const next = this.waiting.shift();
      if (next) next(line);
      else this.queue.push(line);
    });
    rl.on('close', () => {
      this.closed = true;
      for (const w of this.waiting.splice(0)) w(undefined);
    });
  }

  next(prompt?: string): Promise<string | undefined> {
    if (prompt !== undefined) {
      this.rl.setPrompt(prompt);
      this.rl.prompt();
    }
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** Who the console acts as (an e-mail from the departments file); `as` changes it. */
  session: ConsoleSession;
  /** A terminal gets prompts; a pipe gets replies only. */
  interactive: boolean;
  /** Runs after each reply (delivers the outbox, so notifications print in order). */
  afterEach?: () => Promise<unknown>;
}

const CONVERSATION: ConversationRef = { platform: 'console', id: 'console', isDirect: true };

/** The console chat: the same core as Slack and Teams, typed in a terminal or fed by a script. */
export class ConsoleAdapter {
  private actions: NumberedAction[] = [];
  private readonly lines: LineSource;

  constructor(
    private readonly core: Core,
    private readonly options: ConsoleOptions,
  ) {
    options.session.userEmail ??= defaultUser(core);
    const rl = createInterface({ input: options.input, output: options.interactive ? options.output : undefined, terminal: options.interactive });
    this.lines = new LineSource(rl);
  }

  get actor(): Actor {
    const email = this.options.session.userEmail ?? defaultUser(this.core);
    return resolveActor(this.core.knowledge.current.kb, { platform: 'console', platformUserId: email, email });
  }

  write(text: string): void {
    this.options.output.write(`${text}\n`);
  }

  async run(): Promise<void> {
    if (this.options.interactive) {
      const a = this.actor;
      this.write(`clientdesk — ${a.name} <${a.id}>. help — список команд / commands; Ctrl+D — выход / exit.`);
    }
    for (;;) {
      const line = await this.lines.next(this.options.interactive ? '> ' : undefined);
      if (line === undefined) break;
      const text = line.trim();
      if (!text) continue;
      if (/^(exit|quit|выход)$/i.test(text)) break;
      await this.handleLine(text);
    }
    this.lines.rl.close();
  }

  async handleLine(text: string): Promise<void> {
    const isNumber = /^\d+$/.test(text);
    const pressed = isNumber ? this.actions.find((a) => a.n === Number(text)) : undefined;
    if (isNumber && !pressed && this.actions.length > 0) {
      const last = this.actions.at(-1)?.n ?? 1;
      this.write(this.actor.locale === 'en' ? `There is no button ${text}: choose 1–${last}.` : `Кнопки ${text} нет: выберите 1–${last}.`);
      return;
    }
    const incoming: Incoming = pressed
      ? { kind: 'action', actionId: pressed.actionId, values: { value: pressed.value }, ...this.envelope() }
      : { kind: 'message', text, ...this.envelope() };
    await this.show(await this.core.dispatcher.handle(incoming));
  }

  private envelope() {
    return { actor: this.actor, conversation: CONVERSATION, eventId: randomUUID() };
  }

  private async show(result: DispatchResult): Promise<void> {
    if (result.kind === 'duplicate') return;
    await this.print(result.reply);
    await this.options.afterEach?.();
  }

  private async print(reply: Reply): Promise<void> {
    const rendering = renderText(reply);
    if (rendering.text) this.write(rendering.text);
    this.actions = rendering.actions;
    if (rendering.form) await this.fillForm(rendering.form);
  }

  /** Asks a form's fields one by one, then submits it; fields with errors are asked again. */
  private async fillForm(form: NonNullable<ReturnType<typeof renderText>['form']>): Promise<void> {
    const values: Record<string, string> = { ...(form.hidden ?? {}) };
    let toAsk = form.inputs;
    for (;;) {
      for (const input of toAsk) {
        const answer = await this.lines.next(this.options.interactive ? describeInput(input) : undefined);
        if (answer === undefined) return;
        const trimmed = answer.trim();
        // Echoed for scripts' transcripts, masked like everything else the bot prints.
        if (!this.options.interactive) this.write(`${describeInput(input)}${maskText(trimmed)}`);
        if (trimmed) values[input.id] = trimmed;
        else if (input.initial) values[input.id] = input.initial;
        else delete values[input.id];
      }
      const result = await this.core.dispatcher.handle({ kind: 'action', actionId: form.formId, values, ...this.envelope() });
      if (result.kind !== 'form_errors') return this.show(result);
      this.write(renderText(result.reply).text);
      toAsk = form.inputs.filter((i) => i.id in result.errors);
      if (toAsk.length === 0) return;
    }
  }
}

function defaultUser(core: Core): string {
  const kb = core.knowledge.current.kb;
  // The first member of client relations: the people who most often answer clients.
  const first = kb.departments.find((d) => d.kind === 'client_relations') ?? kb.departments[0];
  return first?.members[0]?.email ?? 'console@localhost';
}
