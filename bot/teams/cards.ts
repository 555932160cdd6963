// The Adaptive Card renderer: pure functions from a neutral Reply to Adaptive Card JSON (schema 1.5, as
// Teams renders it). Nothing here imports botbuilder: cards are plain JSON.
import { basename } from 'node:path';
import type { Block, FormInput, Reply } from '../core/types';

export type CardElement = Record<string, unknown>;

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  fallbackText?: string;
  msteams?: { width: 'Full' };
}

/** How a card's buttons reach the bot: `submit` arrives as a message with `value`, `execute` as an `adaptiveCard/action` invoke. */
export type ActionStyle = 'submit' | 'execute';

export interface RenderOptions {
  actionStyle?: ActionStyle;
  /** Byte budget for one card's JSON; the message around it needs a little more (Teams takes about 80 KB). */
  maxCardBytes?: number;
  /** The PNG bytes of an image block's file (undefined when unreadable): without it, charts show as their title. */
  readImage?: (path: string) => Buffer | undefined;
  locale?: 'ru' | 'en';
}

/** A picture sent on its own as an inline image: an attachment with a `data:` URL, no card around it. */
export interface ImageAttachment {
  contentType: 'image/png';
  contentUrl: string;
  name: string;
}

/** One Teams message: a card, or a picture too big to travel inside one (with its title as the text). */
export type TeamsMessage = { kind: 'card'; card: AdaptiveCard } | { kind: 'image'; image: ImageAttachment; caption: string };

export interface RenderedMessage {
  /** In order: a reply too big for one message is split, each card but the last saying more follows. */
  messages: TeamsMessage[];
  /** Plain text for notifications and clients that show no cards. */
  summary: string;
}

export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
/** Teams refuses messages over about 80 KB; the card leaves room for the activity around it. */
export const MAX_CARD_BYTES = 72_000;
/** Teams shows inline images up to 1 MB; a bigger chart is named, not sent. */
export const MAX_INLINE_IMAGE_BYTES = 1_000_000;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const SUMMARY_CHARS = 1_000;

const CONTINUED = {
  ru: (n: number, total: number) => `Продолжение — в следующем сообщении (${n}/${total}).`,
  en: (n: number, total: number) => `Continued in the next message (${n}/${total}).`,
};
const TOO_LARGE = { ru: '(этот фрагмент слишком велик для Teams)', en: '(this part is too large for Teams)' };
const CHART_TOO_LARGE = { ru: 'график слишком велик для Teams', en: 'the chart is too large for Teams' };

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

/**
 * The house markdown (Slack-like: `*bold*`, `_italic_`, `` `code` ``) as Adaptive Card markdown, which knows
 * `**bold**`, `_italic_` and links but not code.
 */
export function toCardMarkdown(markdown: string): string {
  return markdown
    .replace(/(^|[^*\w])\*(?!\*)(\S[^*\n]*?)\*(?!\*)/g, '$1**$2**')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/<(https?:\/\/[^|>\s]+)\|([^>]+)>/g, '[$2]($1)');
}

function textBlock(text: string, extra: CardElement = {}): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

function actionOf(style: ActionStyle, title: string, actionId: string, data: Record<string, string>, extra: CardElement = {}): CardElement {
  return style === 'execute'
    ? { type: 'Action.Execute', title, verb: actionId, data: { actionId, ...data }, ...extra }
    : { type: 'Action.Submit', title, data: { actionId, ...data }, ...extra };
}

function inputElement(input: FormInput): CardElement[] {
  const common: CardElement = {
    id: input.id,
    label: input.label,
    isRequired: input.required,
    ...(input.required ? { errorMessage: input.label } : {}),
    ...(input.placeholder ? { placeholder: input.placeholder } : {}),
  };
  const hint = input.hint ? [textBlock(input.hint, { isSubtle: true, size: 'Small', spacing: 'None' })] : [];
  switch (input.kind) {
    case 'select':
      return [
        {
          type: 'Input.ChoiceSet',
          ...common,
          style: 'compact',
          choices: (input.options ?? []).map((o) => ({ title: o.label, value: o.value })),
          ...(input.initial ? { value: input.initial } : {}),
        },
        ...hint,
      ];
    case 'number':
      return [{ type: 'Input.Number', ...common, ...(input.initial ? { value: Number(input.initial) } : {}) }, ...hint];
    case 'textarea':
    case 'text':
      return [
        { type: 'Input.Text', ...common, isMultiline: input.kind === 'textarea', ...(input.initial ? { value: input.initial } : {}) },
        ...hint,
      ];
  }
}

function blockElements(block: Block, options: Required<Pick<RenderOptions, 'actionStyle'>> & RenderOptions): CardElement[] {
  const style = options.actionStyle;
  switch (block.type) {
    case 'heading':
      return [textBlock(toCardMarkdown(block.text), { size: 'Medium', weight: 'Bolder' })];
    case 'text':
      // One TextBlock per line: Teams folds single newlines inside a TextBlock into spaces.
      return block.markdown
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line, i) => textBlock(toCardMarkdown(line), i === 0 ? {} : { spacing: 'None' }));
    case 'fields':
      return [{ type: 'FactSet', facts: block.fields.map((f) => ({ title: f.label, value: toCardMarkdown(f.value) })) }];
    case 'choices':
      return [
        ...(block.prompt ? [textBlock(toCardMarkdown(block.prompt), { weight: 'Bolder' })] : []),
        ...block.items.map((item) => ({
          type: 'Container',
          style: 'emphasis',
          spacing: 'Small',
          selectAction: actionOf(style, item.title, item.actionId, { value: item.value }),
          items: [
            textBlock(`▸ ${item.title}`, { color: 'Accent' }),
            ...(item.detail ? [textBlock(item.detail, { isSubtle: true, size: 'Small', spacing: 'None' })] : []),
          ],
        })),
      ];
    case 'buttons':
      return [
        {
          type: 'ActionSet',
          actions: block.buttons.map((b) =>
            actionOf(style, b.label, b.actionId, { value: b.value }, b.style ? { style: b.style === 'primary' ? 'positive' : 'destructive' } : {}),
          ),
        },
      ];
    case 'form':
      return [
        textBlock(toCardMarkdown(block.title), { size: 'Medium', weight: 'Bolder' }),
        ...block.inputs.flatMap(inputElement),
        {
          type: 'ActionSet',
          actions: [actionOf(style, block.submitLabel, block.formId, { ...(block.hidden ?? {}) }, { style: 'positive' })],
        },
      ];
    case 'source':
      return [textBlock(block.label, { isSubtle: true, size: 'Small', separator: true })];
    case 'image':
      // Pictures are placed by renderReply, which knows the budget; this is the picture that cannot be read.
      return [imageCaption(block)];
    case 'divider':
      return [{ type: 'Container', separator: true, spacing: 'Medium', items: [] }];
  }
}

/** Cuts a text into pieces whose TextBlocks fit the budget, at a space where one is near. */
function splitText(text: string, budget: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    let size = rest.length;
    while (size > 1 && bytes(textBlock(rest.slice(0, size))) > budget) size = Math.floor(size * 0.8);
    if (size < rest.length) {
      const space = rest.lastIndexOf(' ', size);
      if (space > size * 0.7) size = space;
    }
    pieces.push(rest.slice(0, size));
    rest = rest.slice(size).trimStart();
  }
  return pieces;
}

/** Makes every element fit one card: long texts and fact lists are cut; anything else too big is replaced. */
function fitElement(element: CardElement, budget: number, locale: 'ru' | 'en'): CardElement[] {
  if (bytes(element) <= budget) return [element];
  if (element.type === 'TextBlock' && typeof element.text === 'string') {
    return splitText(element.text, budget - bytes({ ...element, text: '' })).map((text, i) => ({
      ...element,
      text,
      ...(i > 0 ? { spacing: 'None' } : {}),
    }));
  }
  if (element.type === 'FactSet' && Array.isArray(element.facts) && element.facts.length > 1) {
    const facts = element.facts as unknown[];
    const half = Math.ceil(facts.length / 2);
    return [
      ...fitElement({ ...element, facts: facts.slice(0, half) }, budget, locale),
      ...fitElement({ ...element, facts: facts.slice(half) }, budget, locale),
    ];
  }
  return [textBlock(TOO_LARGE[locale], { isSubtle: true })];
}

function card(body: CardElement[], fallbackText: string): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: CARD_SCHEMA, version: '1.5', body, fallbackText, msteams: { width: 'Full' } };
}

function summaryOf(reply: Reply): string {
  const text = reply.fallbackText.trim();
  return text.length > SUMMARY_CHARS ? `${text.slice(0, SUMMARY_CHARS - 1)}…` : text;
}

type ImageBlock = Extract<Block, { type: 'image' }>;
type ImageMessage = Extract<TeamsMessage, { kind: 'image' }>;
/** What a block becomes: an element of the current card, or a picture sent as a message of its own. */
type Piece = { element: CardElement } | { standalone: ImageMessage };

function imageCaption(block: ImageBlock, note?: string): CardElement {
  const name = block.title ?? block.alt;
  return textBlock(`🖼 ${note ? `${name} — ${note}` : name}`, { isSubtle: true });
}

/**
 * A chart travels as a `data:image/png;base64,…` URL: Teams cannot fetch a file from the bank's disk, and
 * a hosted https URL would need a public address for the charts. It goes inside the card (an Adaptive
 * Card `Image`) while the card stays within the message budget. A bigger one is sent on its own as an
 * inline image attachment (`image/png` with the data URL): Microsoft documents those for bots in
 * personal chats, group chats and channels alike and leaves base64 images out of the bot message size
 * limit, whereas a card holding only the image would still be bound by the card budget. Teams shows no
 * inline image over 1 MB, so a chart bigger than that is only named.
 */
function imagePieces(block: ImageBlock, options: RenderOptions, budget: number, locale: 'ru' | 'en'): Piece[] {
  const png = options.readImage?.(block.path);
  if (!png?.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) return [{ element: imageCaption(block) }];
  const url = `data:image/png;base64,${png.toString('base64')}`;
  // One container, so that the picture and its caption never land in different messages.
  const inCard: CardElement = {
    type: 'Container',
    items: [
      { type: 'Image', url, altText: block.alt },
      ...(block.title ? [textBlock(block.title, { isSubtle: true, size: 'Small', spacing: 'None' })] : []),
    ],
  };
  if (bytes(inCard) <= budget) return [{ element: inCard }];
  if (png.length > MAX_INLINE_IMAGE_BYTES) return [{ element: imageCaption(block, CHART_TOO_LARGE[locale]) }];
  return [{ standalone: { kind: 'image', image: { contentType: 'image/png', contentUrl: url, name: basename(block.path) }, caption: block.title ?? block.alt } }];
}

/** Renders a reply as one Adaptive Card, or several messages in order when it is too big for one. */
export function renderReply(reply: Reply, options: RenderOptions = {}): RenderedMessage {
  const locale = options.locale ?? 'ru';
  const maxBytes = options.maxCardBytes ?? MAX_CARD_BYTES;
  const summary = summaryOf(reply);
  const resolved = { actionStyle: options.actionStyle ?? 'submit', ...options };

  // Room in every card for the card itself and a "continued" line.
  const overhead = bytes(card([textBlock(CONTINUED[locale](99, 99), { isSubtle: true })], summary));
  const budget = Math.max(1_000, maxBytes - overhead);
  const pieces: Piece[] = reply.blocks.flatMap((b) =>
    b.type === 'image' ? imagePieces(b, resolved, budget, locale) : blockElements(b, resolved).map((element) => ({ element })),
  );
  if (pieces.length === 0) pieces.push({ element: textBlock(toCardMarkdown(summary || ' ')) });

  const parts: ({ kind: 'card'; body: CardElement[] } | ImageMessage)[] = [];
  let used = 0;
  const newCard = () => {
    const part = { kind: 'card' as const, body: [] as CardElement[] };
    parts.push(part);
    used = 0;
    return part;
  };
  for (const piece of pieces) {
    if ('standalone' in piece) {
      parts.push(piece.standalone);
      continue;
    }
    for (const element of fitElement(piece.element, budget, locale)) {
      const size = bytes(element) + 1;
      const last = parts[parts.length - 1];
      const current = last?.kind === 'card' && (last.body.length === 0 || used + size <= budget) ? last : newCard();
      current.body.push(element);
      used += size;
    }
  }
  const messages = parts.map((part, i): TeamsMessage => {
    if (part.kind === 'image') return part;
    const body = i < parts.length - 1 ? [...part.body, textBlock(CONTINUED[locale](i + 1, parts.length), { isSubtle: true, separator: true })] : part.body;
    return { kind: 'card', card: card(body, summary) };
  });
  return { messages, summary };
}

/** The shape of Bot Framework's `Activity` and `Attachment` that a message needs. */
export interface MessageActivity {
  type: 'message';
  summary: string;
  text?: string;
  attachments: { contentType: string; content?: unknown; contentUrl?: string; name?: string }[];
}

/** The cards of a rendered reply, in order (pictures sent on their own left out). */
export function cardsOf(rendered: RenderedMessage): AdaptiveCard[] {
  return rendered.messages.flatMap((m) => (m.kind === 'card' ? [m.card] : []));
}

/** A message as the Bot Framework activity that carries it (plain JSON; the sender adds `from`). */
export function messageActivity(message: TeamsMessage, summary: string): MessageActivity {
  return message.kind === 'card'
    ? { type: 'message', summary, attachments: [{ contentType: CARD_CONTENT_TYPE, content: message.card }] }
    : { type: 'message', summary, text: message.caption, attachments: [{ ...message.image }] };
}

/** A short notice as a card (errors, confirmations). */
export function noticeCard(text: string): AdaptiveCard {
  return card([textBlock(toCardMarkdown(text))], text);
}

/** Every action in a card, nested or not, with what it sends: for tests and for reading a card back. */
export function actionsIn(value: unknown): CardElement[] {
  const found: CardElement[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const element = node as CardElement;
    if (typeof element.type === 'string' && element.type.startsWith('Action.')) found.push(element);
    for (const [key, child] of Object.entries(element)) if (key !== 'data') walk(child);
  };
  walk(value);
  return found;
}
