// Block Kit renderer: pure functions from the neutral `Reply` to Slack message and view JSON.
// Slack rejects a whole message when one limit is exceeded, so every limit is enforced here: long text
// is split across sections and messages (nothing is dropped from a message), and where Slack allows no
// more (a modal, the home tab) the view is shortened with a note that says so.
import type { Block, FormInput, Locale, Reply } from '../core/types';

/** Slack's documented limits (api.slack.com/reference/block-kit). */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  /** Characters of text in one message (the `text` field, and the sum of the blocks' text). */
  messageText: 40_000,
  sectionText: 3_000,
  fieldText: 2_000,
  fieldsPerSection: 10,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2_000,
  actionId: 255,
  elementsPerActions: 25,
  contextText: 3_000,
  viewTitle: 24,
  viewButton: 24,
  privateMetadata: 3_000,
  optionText: 75,
  optionValue: 150,
  optionsPerSelect: 100,
  inputLabel: 2_000,
  placeholder: 150,
  hint: 2_000,
  plainTextInput: 3_000,
  callbackId: 255,
} as const;

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}
export interface Mrkdwn {
  type: 'mrkdwn';
  text: string;
}
/** A Block Kit block; kept loose because Slack's own types live in `@slack/*`, which only bot/slack imports. */
export type SlackBlock = { type: string; block_id?: string } & Record<string, unknown>;

export interface SlackMessage {
  /** Notification and fallback text. */
  text: string;
  blocks: SlackBlock[];
}

export interface SlackModalView {
  type: 'modal';
  callback_id: string;
  title: PlainText;
  submit?: PlainText;
  close: PlainText;
  private_metadata: string;
  blocks: SlackBlock[];
}

export interface SlackHomeView {
  type: 'home';
  blocks: SlackBlock[];
}

/** Slack-only action: a button that opens a form in a modal where no `trigger_id` was at hand. */
export const FORM_OPEN_ACTION = 'form.open';

const L = {
  choose: { ru: 'Выбрать', en: 'Choose' },
  openForm: { ru: 'Заполнить форму', en: 'Fill in the form' },
  continued: { ru: 'продолжение {n} из {total}', en: 'continued, {n} of {total}' },
  cancel: { ru: 'Отмена', en: 'Cancel' },
  shortened: {
    ru: 'Показана только часть: Slack не умещает больше. Полностью — в личных сообщениях с ботом: {command}',
    en: 'Only part is shown: Slack cannot fit more. The full version is in a direct message to the bot: {command}',
  },
  shortenedPlain: { ru: 'Показана только часть: Slack не умещает больше.', en: 'Only part is shown: Slack cannot fit more.' },
} as const;

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (all, key: string) => (key in values ? String(values[key]) : all));

// ---------------------------------------------------------------------------------------------------
// Text

/** Cuts to `max` characters, never inside a surrogate pair, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return `${text.slice(0, cut)}…`;
}

/** Cuts without an ellipsis (ids and values that code reads back). */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return text.slice(0, cut);
}

/** Escapes what Slack treats as control characters in text (`&`, `<`, `>`). */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Our markdown (CommonMark-ish, as the knowledge base is written) in Slack's mrkdwn dialect. */
export function toMrkdwn(markdown: string): string {
  return escapeSlack(markdown)
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^)\s]+|mailto:[^)\s]+)\)/g, (_all, label: string, url: string) => `<${url}|${label}>`)
    .replace(/\*\*(.+?)\*\*/g, '*$1*')
    .replace(/__(.+?)__/g, '_$1_')
    .replace(/^#{1,6}\s+(.+)$/gm, '*$1*')
    .replace(/^(\s*)[-*]\s+/gm, '$1• ');
}

/**
 * Splits text into pieces of at most `max` characters, preferring paragraph, then line, then word
 * boundaries, so a long answer reads naturally across several sections.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = window.lastIndexOf('\n\n');
    if (cut < max / 3) cut = window.lastIndexOf('\n');
    if (cut < max / 3) cut = window.lastIndexOf(' ');
    if (cut < max / 3) {
      cut = max;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut--;
    }
    const piece = rest.slice(0, cut).trimEnd();
    if (piece) pieces.push(piece);
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.trim()) pieces.push(rest);
  return pieces.length > 0 ? pieces : [''];
}

const plain = (text: string, max: number): PlainText => ({ type: 'plain_text', text: truncate(text || ' ', max), emoji: true });
const mrkdwn = (text: string): Mrkdwn => ({ type: 'mrkdwn', text });

// ---------------------------------------------------------------------------------------------------
// Action ids

/**
 * Slack wants an action id to appear once per message or view; a reply may carry the same neutral action
 * (`answer.pick`) on several buttons. Repeats get `#2`, `#3`…; `neutralActionId` takes the suffix off.
 */
export class ActionIds {
  private readonly seen = new Map<string, number>();

  unique(actionId: string): string {
    const count = (this.seen.get(actionId) ?? 0) + 1;
    this.seen.set(actionId, count);
    const id = count === 1 ? actionId : `${actionId}#${count}`;
    return clip(id, SLACK_LIMITS.actionId);
  }
}

export function neutralActionId(slackActionId: string): string {
  return slackActionId.replace(/#\d+$/, '');
}

// ---------------------------------------------------------------------------------------------------
// Forms in messages

interface FormOpenValue {
  /** The form's id (the action it submits to). */
  f: string;
  /** Hidden and pre-filled values, sent back to the command to get the same form again. */
  v: Record<string, string>;
}

/**
 * The value of the "fill in the form" button: the form's action id and its hidden and initial values.
 * Pressing it runs that action with those values, which returns the form again, now with a trigger id.
 * Longest values are shortened first to fit Slack's 2,000 characters.
 */
export function encodeFormOpenValue(form: Extract<Block, { type: 'form' }>): string {
  const values: Record<string, string> = { ...(form.hidden ?? {}) };
  for (const input of form.inputs) if (input.initial !== undefined) values[input.id] = input.initial;
  const value: FormOpenValue = { f: form.formId, v: values };
  let json = JSON.stringify(value);
  while (json.length > SLACK_LIMITS.buttonValue) {
    const hidden = new Set(Object.keys(form.hidden ?? {}));
    const longest = Object.entries(value.v)
      .filter(([k]) => !hidden.has(k))
      .sort((a, b) => b[1].length - a[1].length)[0];
    if (!longest || longest[1].length === 0) break;
    const excess = json.length - SLACK_LIMITS.buttonValue;
    value.v[longest[0]] = truncate(longest[1], Math.max(0, longest[1].length - excess - 8));
    json = JSON.stringify(value);
  }
  return clip(json, SLACK_LIMITS.buttonValue);
}

export function decodeFormOpenValue(value: string): { formId: string; values: Record<string, string> } | undefined {
  try {
    const parsed = JSON.parse(value) as Partial<FormOpenValue>;
    if (typeof parsed.f !== 'string' || typeof parsed.v !== 'object' || parsed.v === null) return undefined;
    const values = Object.fromEntries(Object.entries(parsed.v).filter((e): e is [string, string] => typeof e[1] === 'string'));
    return { formId: parsed.f, values };
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------
// Blocks

interface RenderContext {
  locale: Locale;
  ids: ActionIds;
}

function button(label: string, actionId: string, value: string, ctx: RenderContext, style?: 'primary' | 'danger'): SlackBlock {
  return {
    type: 'button',
    text: plain(label, SLACK_LIMITS.buttonText),
    action_id: ctx.ids.unique(actionId),
    value: clip(value, SLACK_LIMITS.buttonValue),
    ...(style ? { style } : {}),
  };
}

function sections(markdown: string): SlackBlock[] {
  return splitText(toMrkdwn(markdown), SLACK_LIMITS.sectionText).map((text) => ({ type: 'section', text: mrkdwn(text) }));
}

/** One neutral block as one or more Block Kit blocks. */
function renderBlock(block: Block, ctx: RenderContext): SlackBlock[] {
  switch (block.type) {
    case 'heading':
      if (block.text.length <= SLACK_LIMITS.headerText) return [{ type: 'header', text: plain(block.text, SLACK_LIMITS.headerText) }];
      return sections(`**${block.text}**`);
    case 'text':
      return block.markdown.trim() ? sections(block.markdown) : [];
    case 'fields': {
      const out: SlackBlock[] = [];
      let batch: Mrkdwn[] = [];
      const flush = () => {
        if (batch.length > 0) out.push({ type: 'section', fields: batch });
        batch = [];
      };
      for (const field of block.fields) {
        const text = `*${escapeSlack(field.label)}*\n${toMrkdwn(field.value)}`;
        if (text.length > SLACK_LIMITS.fieldText) {
          // Too long for a field: its own section(s), so nothing is cut.
          flush();
          out.push(...sections(`**${field.label}**\n${field.value}`));
          continue;
        }
        batch.push(mrkdwn(text));
        if (batch.length === SLACK_LIMITS.fieldsPerSection) flush();
      }
      flush();
      return out;
    }
    case 'choices': {
      const out: SlackBlock[] = block.prompt ? sections(block.prompt) : [];
      for (const item of block.items) {
        const detail = item.detail ? `  \`${escapeSlack(item.detail)}\`` : '';
        out.push({
          type: 'section',
          text: mrkdwn(truncate(`*${escapeSlack(item.title)}*${detail}`, SLACK_LIMITS.sectionText)),
          accessory: button(L.choose[ctx.locale], item.actionId, item.value, ctx),
        });
      }
      return out;
    }
    case 'buttons': {
      const out: SlackBlock[] = [];
      for (let i = 0; i < block.buttons.length; i += SLACK_LIMITS.elementsPerActions) {
        const elements = block.buttons
          .slice(i, i + SLACK_LIMITS.elementsPerActions)
          .map((b) => button(b.label, b.actionId, b.value, ctx, b.style));
        out.push({ type: 'actions', elements });
      }
      return out;
    }
    case 'form':
      // A message cannot hold inputs: a button opens the form in a modal.
      return [
        {
          type: 'section',
          text: mrkdwn(truncate(`*${escapeSlack(block.title)}*`, SLACK_LIMITS.sectionText)),
          accessory: button(L.openForm[ctx.locale], FORM_OPEN_ACTION, encodeFormOpenValue(block), ctx, 'primary'),
        },
      ];
    case 'source':
      return [{ type: 'context', elements: [mrkdwn(truncate(escapeSlack(block.label), SLACK_LIMITS.contextText))] }];
    case 'image':
      // A local chart file cannot go in a block: the adapter uploads it after the message (files:write). The
      // line says a chart belongs here, and still names it if the upload fails.
      return [{ type: 'context', elements: [mrkdwn(truncate(`🖼 ${escapeSlack(block.title ?? block.alt)}`, SLACK_LIMITS.contextText))] }];
    case 'divider':
      return [{ type: 'divider' }];
  }
}

/** The characters of text a block carries, as Slack counts them towards a message's size. */
export function blockTextLength(block: SlackBlock): number {
  let total = 0;
  const visit = (value: unknown, key?: string) => {
    if (typeof value === 'string') {
      if (key === 'text') total += value.length;
      return;
    }
    if (Array.isArray(value)) for (const v of value) visit(v);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, k);
  };
  visit(block);
  return total;
}

export interface MessageOptions {
  locale: Locale;
  blocksPerMessage?: number;
  textPerMessage?: number;
}

/**
 * A reply as one or more messages, each within Slack's limits. Split messages after the first say
 * "continued, n of m" so they read as one answer; the caller posts them in order (in the same thread).
 */
export function renderMessages(reply: Reply, options: MessageOptions): SlackMessage[] {
  const ctx: RenderContext = { locale: options.locale, ids: new ActionIds() };
  const maxBlocks = options.blocksPerMessage ?? SLACK_LIMITS.blocksPerMessage;
  const maxText = options.textPerMessage ?? SLACK_LIMITS.messageText;
  const all = reply.blocks.flatMap((b) => renderBlock(b, ctx));
  // Room for the "continued" line on every message after the first.
  const chunks: SlackBlock[][] = [];
  let current: SlackBlock[] = [];
  let currentText = 0;
  for (const block of all) {
    const size = blockTextLength(block);
    const limitBlocks = chunks.length === 0 ? maxBlocks : maxBlocks - 1;
    if (current.length > 0 && (current.length >= limitBlocks || currentText + size > maxText - 200)) {
      chunks.push(current);
      current = [];
      currentText = 0;
    }
    current.push(block);
    currentText += size;
  }
  if (current.length > 0 || chunks.length === 0) chunks.push(current);
  const fallback = truncate(escapeSlack(reply.fallbackText || ' '), SLACK_LIMITS.messageText);
  return chunks.map((blocks, i) => {
    if (i === 0) return { text: fallback, blocks };
    const note = fill(L.continued[options.locale], { n: i + 1, total: chunks.length });
    return {
      text: `${truncate(fallback.split('\n')[0] ?? '', 150)} (${note})`,
      blocks: [{ type: 'context', elements: [mrkdwn(`_${note}_`)] }, ...blocks],
    };
  });
}

export type ImageBlock = Extract<Block, { type: 'image' }>;

/** The reply's charts, in order: each is uploaded as a file after the reply's messages. */
export function imagesOf(reply: Reply): ImageBlock[] {
  return reply.blocks.filter((b): b is ImageBlock => b.type === 'image');
}

/** The reply's form, if it has one. */
export function formOf(reply: Reply): Extract<Block, { type: 'form' }> | undefined {
  return reply.blocks.find((b): b is Extract<Block, { type: 'form' }> => b.type === 'form');
}

// ---------------------------------------------------------------------------------------------------
// Views

function inputBlock(input: FormInput): SlackBlock {
  const base = {
    type: 'input',
    block_id: clip(input.id, 255),
    optional: !input.required,
    label: plain(input.label, SLACK_LIMITS.inputLabel),
    ...(input.hint ? { hint: plain(input.hint, SLACK_LIMITS.hint) } : {}),
  };
  const placeholder = input.placeholder ? { placeholder: plain(input.placeholder, SLACK_LIMITS.placeholder) } : {};
  const actionId = clip(input.id, SLACK_LIMITS.actionId);
  if (input.kind === 'select' && input.options && input.options.length > 0) {
    const options = input.options.slice(0, SLACK_LIMITS.optionsPerSelect).map((o) => ({
      text: plain(o.label, SLACK_LIMITS.optionText),
      value: clip(o.value, SLACK_LIMITS.optionValue),
    }));
    const initial = options.find((o) => o.value === input.initial);
    return { ...base, element: { type: 'static_select', action_id: actionId, options, ...placeholder, ...(initial ? { initial_option: initial } : {}) } };
  }
  if (input.kind === 'number') {
    const initial = input.initial !== undefined && /^-?\d+$/.test(input.initial) ? { initial_value: input.initial } : {};
    return { ...base, element: { type: 'number_input', is_decimal_allowed: false, action_id: actionId, ...placeholder, ...initial } };
  }
  const initial = input.initial ? { initial_value: clip(input.initial, SLACK_LIMITS.plainTextInput) } : {};
  return {
    ...base,
    element: {
      type: 'plain_text_input',
      action_id: actionId,
      multiline: input.kind === 'textarea',
      max_length: SLACK_LIMITS.plainTextInput,
      ...placeholder,
      ...initial,
    },
  };
}

/** Fits blocks into a view's 100, keeping `keep` (the inputs) and saying when something was left out. */
function fitView(info: SlackBlock[], keep: SlackBlock[], note: string): SlackBlock[] {
  const room = SLACK_LIMITS.blocksPerView - keep.length;
  let text = keep.reduce((n, b) => n + blockTextLength(b), 0);
  const shown: SlackBlock[] = [];
  let shortened = false;
  for (const block of info) {
    const size = blockTextLength(block);
    if (shown.length >= room - 1 || text + size > SLACK_LIMITS.messageText - 500) {
      shortened = true;
      break;
    }
    shown.push(block);
    text += size;
  }
  if (shortened) shown.push({ type: 'context', elements: [mrkdwn(note)] });
  return [...shown, ...keep];
}

/** A form as a modal; other blocks of the reply go above the inputs. */
export function renderModal(reply: Reply, options: { locale: Locale; privateMetadata?: string }): SlackModalView {
  const form = formOf(reply);
  if (!form) throw new Error('renderModal needs a reply with a form block');
  const ctx: RenderContext = { locale: options.locale, ids: new ActionIds() };
  const info = reply.blocks.filter((b) => b.type !== 'form' && b.type !== 'buttons' && b.type !== 'choices').flatMap((b) => renderBlock(b, ctx));
  const inputs = form.inputs.map(inputBlock);
  const metadata = options.privateMetadata ?? '';
  if (metadata.length > SLACK_LIMITS.privateMetadata) throw new Error('private_metadata is longer than Slack allows');
  return {
    type: 'modal',
    callback_id: clip(form.formId, SLACK_LIMITS.callbackId),
    title: plain(form.title, SLACK_LIMITS.viewTitle),
    submit: plain(form.submitLabel, SLACK_LIMITS.viewButton),
    close: plain(L.cancel[options.locale], SLACK_LIMITS.viewButton),
    private_metadata: metadata,
    blocks: fitView(info, inputs, L.shortenedPlain[options.locale]),
  };
}

/**
 * The home tab: `prefix` (Slack-only blocks such as a search box), then sections of neutral blocks in order;
 * what does not fit is left out with a note pointing to the command that shows it in full.
 */
export function renderHome(parts: { blocks: Block[]; fullCommand?: string }[], locale: Locale, prefix: SlackBlock[] = []): SlackHomeView {
  const ctx: RenderContext = { locale, ids: new ActionIds() };
  const out: SlackBlock[] = [...prefix];
  let text = prefix.reduce((n, b) => n + blockTextLength(b), 0);
  for (const part of parts) {
    const rendered = part.blocks.flatMap((b) => renderBlock(b, ctx));
    for (const block of rendered) {
      const size = blockTextLength(block);
      if (out.length >= SLACK_LIMITS.blocksPerView - 2 || text + size > SLACK_LIMITS.messageText - 500) {
        const note = part.fullCommand
          ? fill(L.shortened[locale], { command: `\`${escapeSlack(part.fullCommand)}\`` })
          : L.shortenedPlain[locale];
        out.push({ type: 'context', elements: [mrkdwn(note)] });
        return { type: 'home', blocks: out };
      }
      out.push(block);
      text += size;
    }
  }
  return { type: 'home', blocks: out };
}

/** Values of a submitted view: `state.values[block_id][action_id]` → input id → text. */
export function viewValues(state: { values?: Record<string, Record<string, SubmittedElement>> } | undefined): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(state?.values ?? {})) {
    for (const element of Object.values(actions)) {
      const value = element.selected_option?.value ?? element.value ?? element.selected_date ?? element.selected_user ?? undefined;
      if (typeof value === 'string' && value.trim() !== '') values[blockId] = value;
    }
  }
  return values;
}

export interface SubmittedElement {
  type?: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_date?: string | null;
  selected_user?: string | null;
}

/**
 * `response_action: errors` must name input blocks of the view; an error about anything else (a hidden
 * value) is shown on the first input so that Slack accepts the response and the person sees it.
 */
export function viewErrors(errors: Record<string, string>, inputIds: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const stray: string[] = [];
  for (const [id, message] of Object.entries(errors)) {
    if (inputIds.includes(id)) out[id] = truncate(message, SLACK_LIMITS.hint);
    else stray.push(message);
  }
  const first = inputIds[0];
  if (stray.length > 0 && first) out[first] = truncate([out[first], ...stray].filter(Boolean).join(' '), SLACK_LIMITS.hint);
  return out;
}
