import { describe, expect, it } from 'vitest';
import type { Block, Reply } from '../../bot/core/types';
import {
  blockTextLength,
  decodeFormOpenValue,
  FORM_OPEN_ACTION,
  neutralActionId,
  renderHome,
  renderMessages,
  renderModal,
  SLACK_LIMITS,
  type SlackBlock,
  splitText,
  toMrkdwn,
  viewErrors,
  viewValues,
} from '../../bot/render/blockKit';

function everyActionId(blocks: SlackBlock[]): string[] {
  const ids: string[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.action_id === 'string') ids.push(o.action_id);
      Object.values(o).forEach(visit);
    }
  };
  visit(blocks);
  return ids;
}

function sectionTexts(blocks: SlackBlock[]): string[] {
  return blocks.filter((b) => b.type === 'section' && b.text).map((b) => (b.text as { text: string }).text);
}

describe('Block Kit renderer: limits', () => {
  it('splits a 10,000-character text into sections of at most 3,000 characters, losing nothing', () => {
    const paragraphs = Array.from({ length: 40 }, (_, i) => `Абзац ${i + 1}. ${'Клиент вправе получить выписку. '.repeat(8).trim()}`);
    const markdown = paragraphs.join('\n\n');
    expect(markdown.length).toBeGreaterThan(10_000);
    const [message, ...rest] = renderMessages({ blocks: [{ type: 'text', markdown }], fallbackText: 'long' }, { locale: 'ru' });
    expect(rest).toHaveLength(0);
    const texts = sectionTexts(message!.blocks);
    expect(texts.length).toBeGreaterThanOrEqual(4);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    // Split at paragraph boundaries: every paragraph arrives whole.
    const joined = texts.join('\n\n');
    for (const p of paragraphs) expect(joined).toContain(p);
  });

  it('puts a reply of more than 50 blocks into several messages, each within 50 blocks, marked as continued', () => {
    const blocks: Block[] = Array.from({ length: 130 }, (_, i) => ({ type: 'text', markdown: `строка ${i + 1}` }));
    const messages = renderMessages({ blocks, fallbackText: 'Кодекс' }, { locale: 'ru' });
    expect(messages).toHaveLength(3);
    for (const m of messages) expect(m.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
    expect(messages[1]!.text).toContain('продолжение 2 из 3');
    const all = messages.flatMap((m) => sectionTexts(m.blocks));
    expect(all).toEqual(blocks.map((b) => (b as { markdown: string }).markdown));
  });

  it('keeps every message under 40,000 characters of text', () => {
    const blocks: Block[] = Array.from({ length: 30 }, (_, i) => ({ type: 'text', markdown: `${i}: ${'ж'.repeat(2_900)}` }));
    const messages = renderMessages({ blocks, fallbackText: 'x'.repeat(50_000) }, { locale: 'en' });
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.text.length).toBeLessThanOrEqual(SLACK_LIMITS.messageText);
      const total = m.blocks.reduce((n, b) => n + blockTextLength(b), 0);
      expect(total).toBeLessThanOrEqual(SLACK_LIMITS.messageText);
    }
    expect(messages[1]!.text).toContain('continued, 2 of');
  });

  it('gives repeated action ids a #n suffix that neutralActionId removes, and clips values to 2,000 characters', () => {
    const reply: Reply = {
      blocks: [
        {
          type: 'choices',
          prompt: 'Did you mean:',
          items: [
            { title: 'A', actionId: 'answer.pick', value: 'a' },
            { title: 'B', actionId: 'answer.pick', value: 'b' },
            { title: 'C', actionId: 'answer.pick', value: 'c'.repeat(5_000) },
          ],
        },
        { type: 'buttons', buttons: Array.from({ length: 30 }, (_, i) => ({ label: `${i} ${'x'.repeat(100)}`, actionId: 'issue.take', value: `CL-2026-${i}` })) },
      ],
      fallbackText: 'choices',
    };
    const [message] = renderMessages(reply, { locale: 'en' });
    const ids = everyActionId(message!.blocks);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 3)).toEqual(['answer.pick', 'answer.pick#2', 'answer.pick#3']);
    expect(ids.map(neutralActionId).filter((id) => id === 'issue.take')).toHaveLength(30);
    const actions = message!.blocks.filter((b) => b.type === 'actions');
    expect(actions).toHaveLength(2); // 25 + 5: Slack allows 25 elements per actions block
    const buttons = actions.flatMap((b) => b.elements as { text: { text: string }; value: string }[]);
    for (const b of buttons) expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
    const accessories = message!.blocks.filter((b) => b.accessory).map((b) => (b.accessory as { value: string }).value);
    expect(accessories[2]!.length).toBe(SLACK_LIMITS.buttonValue);
  });

  it('turns a long heading into bold text and many fields into sections of at most ten', () => {
    const fields = Array.from({ length: 23 }, (_, i) => ({ label: `Ставка ${i}`, value: `${i}%` }));
    const [message] = renderMessages(
      { blocks: [{ type: 'heading', text: 'Очень длинный заголовок '.repeat(10) }, { type: 'fields', fields }], fallbackText: 'f' },
      { locale: 'ru' },
    );
    expect(message!.blocks[0]!.type).toBe('section');
    const fieldSections = message!.blocks.filter((b) => Array.isArray(b.fields));
    expect(fieldSections.map((b) => (b.fields as unknown[]).length)).toEqual([10, 10, 3]);
  });

  it('speaks Slack mrkdwn: bold, links, escaping', () => {
    expect(toMrkdwn('**Важно**: см. [тарифы](https://bank.example/t?a=1&b=2) <скоро>')).toBe(
      '*Важно*: см. <https://bank.example/t?a=1&amp;b=2|тарифы> &lt;скоро&gt;',
    );
  });

  it('splits text without losing characters when there is no space to break at', () => {
    const text = 'я'.repeat(7_001);
    const pieces = splitText(text, 3_000);
    expect(pieces.map((p) => p.length)).toEqual([3_000, 3_000, 1_001]);
  });
});

describe('Block Kit renderer: forms and views', () => {
  const form: Block = {
    type: 'form',
    formId: 'issue.handoff',
    title: 'Передать обращение CL-2026-000123',
    hidden: { number: 'CL-2026-000123' },
    submitLabel: 'Передать',
    inputs: [
      { id: 'department', label: 'Подразделение', kind: 'select', required: true, options: [{ value: 'operations', label: 'Операционный отдел' }] },
      { id: 'reason', label: 'Причина', kind: 'textarea', required: true, initial: 'ж'.repeat(4_000) },
      { id: 'days', label: 'Дней', kind: 'number', required: false, initial: '5' },
    ],
  };

  it('renders a form as a modal within Slack limits (title 24 characters, inputs by id)', () => {
    const view = renderModal({ blocks: [form], fallbackText: 'f' }, { locale: 'ru', privateMetadata: '{"h":{"number":"CL-2026-000123"}}' });
    expect(view.callback_id).toBe('issue.handoff');
    expect(view.title.text.length).toBeLessThanOrEqual(SLACK_LIMITS.viewTitle);
    expect(view.blocks.map((b) => b.block_id)).toEqual(['department', 'reason', 'days']);
    const reason = view.blocks[1]!.element as { multiline: boolean; initial_value: string };
    expect(reason.multiline).toBe(true);
    expect(reason.initial_value.length).toBe(SLACK_LIMITS.plainTextInput);
    expect((view.blocks[2]!.element as { type: string }).type).toBe('number_input');
    expect(view.close.text).toBe('Отмена');
  });

  it('shortens a modal to 100 blocks, keeping every input', () => {
    const info: Block[] = Array.from({ length: 150 }, (_, i) => ({ type: 'text', markdown: `пункт ${i}` }));
    const view = renderModal({ blocks: [...info, form], fallbackText: 'f' }, { locale: 'en' });
    expect(view.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerView);
    expect(view.blocks.slice(-3).map((b) => b.block_id)).toEqual(['department', 'reason', 'days']);
    expect(JSON.stringify(view.blocks)).toContain('Only part is shown');
  });

  it('in a message, a form becomes a button whose value brings the form back', () => {
    const [message] = renderMessages({ blocks: [form], fallbackText: 'f' }, { locale: 'en' });
    const accessory = message!.blocks[0]!.accessory as { action_id: string; value: string };
    expect(accessory.action_id).toBe(FORM_OPEN_ACTION);
    expect(accessory.value.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
    const decoded = decodeFormOpenValue(accessory.value)!;
    expect(decoded.formId).toBe('issue.handoff');
    expect(decoded.values.number).toBe('CL-2026-000123');
    expect(decoded.values.reason!.length).toBeLessThan(2_000);
  });

  it('reads submitted values and maps errors onto input blocks', () => {
    const values = viewValues({
      values: {
        department: { department: { type: 'static_select', selected_option: { value: 'operations' } } },
        reason: { reason: { type: 'plain_text_input', value: 'не наш продукт' } },
        days: { days: { type: 'number_input', value: null } },
      },
    });
    expect(values).toEqual({ department: 'operations', reason: 'не наш продукт' });
    expect(viewErrors({ reason: 'Слишком коротко', number: 'Нет такого обращения' }, ['department', 'reason'])).toEqual({
      reason: 'Слишком коротко',
      department: 'Нет такого обращения',
    });
  });

  it('keeps the home tab within 100 blocks and says where the rest is', () => {
    const many: Block[] = Array.from({ length: 140 }, (_, i) => ({ type: 'text', markdown: `CL-2026-${i}` }));
    const view = renderHome([{ blocks: many, fullCommand: 'issue list department' }], 'ru');
    expect(view.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerView);
    expect(JSON.stringify(view.blocks.at(-1))).toContain('issue list department');
  });
});
